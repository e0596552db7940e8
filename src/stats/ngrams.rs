//! N-gram counting: exact while a memory budget holds, then a deterministic, mergeable
//! approximation with a stated error bound.
//!
//! **What is counted.** Word n-grams: the linter tokenizer's word and number tokens of each
//! document, in order (punctuation skipped, n-grams never cross documents), as they appear or
//! lowercased (`--lowercase`), joined by one space. Character n-grams (`--chars`): n consecutive
//! characters (code points) of the document text where every run of whitespace is one space and
//! leading and trailing whitespace is dropped.
//!
//! **Exact mode.** Every distinct n-gram has its exact count in a hash table (n-grams of at most
//! 16 bytes packed into 128-bit keys, of 17 to 32 bytes into 256-bit keys, longer ones in an arena
//! and compared byte for byte; 16 shards by hash so merges run in parallel). The top K are sorted
//! by count descending, then by text ascending (byte order of UTF-8, i.e. code point order).
//!
//! **Bounded memory.** When the table of a [`Counter`] outgrows its budget it becomes a mergeable
//! Misra–Gries summary (Agarwal et al., "Mergeable summaries", 2012) of capacity m = what half the
//! budget holds: counts are added in, and whenever more than 2m n-grams are held, the (m+1)-th
//! largest count t is subtracted from every count, counts ≤ 0 are dropped and t is added to
//! `max_error`. Then each reported count c satisfies c ≤ true count ≤ c + `max_error`, every
//! n-gram whose true count exceeds `max_error` is kept, and `max_error` ≤ total / (m + 1).
//! Merging two summaries adds their errors (the bound still holds); merging exact tables stays
//! exact while the result fits the budget.
//! Documents are folded in exactly per batch (the reader's batches, independent of `--threads`)
//! and batches are merged in input order, so the result is deterministic. A batch's worker only
//! lists the n-grams of at most 32 bytes it meets (nearly all of them, as packed keys): they go
//! into the tables when the batch is merged, so each is hashed into one table, not into a table of
//! the batch and then again into the total's. Memory is the budget plus the n-grams of the batches
//! in flight.

use std::borrow::Cow;
use std::collections::{BTreeMap, BinaryHeap};

use hashbrown::HashTable;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use crate::tokenize::{Token, TokenKind};

use super::keys::{PackedCount, add_packed, fmix, pack, pack_at, packed_hash};
use super::textstat::is_py_space;

/// What to count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Spec {
    /// n ≥ 1.
    pub n: usize,
    /// Character n-grams instead of word n-grams.
    pub chars: bool,
    pub lowercase: bool,
}

#[derive(Clone, Copy, Debug)]
struct Entry {
    hash: u64,
    off: u64,
    len: u32,
    count: u64,
}

/// An n-gram of 17 to 32 bytes packed in four `u64`s (little-endian, zero-padded: exact, like
/// `keys::pack`) and its count.
#[derive(Clone, Copy, Debug)]
struct MediumCount {
    key: Medium,
    count: u64,
}

type Medium = [u64; 4];

/// The longest n-gram keyed by [`Medium`].
const MEDIUM_MAX: usize = 32;

/// `key` packed as a [`Medium`], when it has 17 to 32 bytes (shorter ones are packed in a `u128`).
fn pack_medium(key: &[u8]) -> Option<Medium> {
    if key.len() <= 16 || key.len() > MEDIUM_MAX {
        return None;
    }
    let mut buf = [0u8; MEDIUM_MAX];
    buf[..key.len()].copy_from_slice(key);
    let mut k = [0u64; 4];
    for (w, chunk) in k.iter_mut().zip(buf.chunks_exact(8)) {
        let mut b = [0u8; 8];
        b.copy_from_slice(chunk);
        *w = u64::from_le_bytes(b);
    }
    Some(k)
}

fn medium_hash(k: &Medium) -> u64 {
    fmix(k[0] ^ fmix(k[1] ^ fmix(k[2] ^ fmix(k[3]))))
}

/// An exact table: n-gram → count. N-grams of at most 16 bytes are keyed by their packed bytes
/// (`keys::pack`), those of 17 to 32 bytes by a [`Medium`], longer ones live in an arena.
#[derive(Clone, Debug, Default)]
struct Table {
    short: HashTable<PackedCount>,
    medium: HashTable<MediumCount>,
    arena: Vec<u8>,
    entries: Vec<Entry>,
    index: HashTable<u32>,
}

/// A key of a [`Table`], to read or compare.
#[derive(Clone, Copy)]
enum KeyRef<'a> {
    Short(u128),
    Medium(Medium),
    Long(&'a [u8]),
}

impl KeyRef<'_> {
    fn with_bytes<R>(self, f: impl FnOnce(&[u8]) -> R) -> R {
        match self {
            KeyRef::Short(k) => {
                let len = 16 - (k.leading_zeros() / 8) as usize;
                let b = k.to_le_bytes();
                f(&b[..len])
            }
            KeyRef::Medium(k) => {
                let mut b = [0u8; MEDIUM_MAX];
                for (chunk, w) in b.chunks_exact_mut(8).zip(k) {
                    chunk.copy_from_slice(&w.to_le_bytes());
                }
                let len = MEDIUM_MAX - b.iter().rev().take_while(|&&x| x == 0).count();
                f(&b[..len])
            }
            KeyRef::Long(b) => f(b),
        }
    }

    /// Byte order of the keys' texts.
    fn cmp(self, other: KeyRef<'_>) -> std::cmp::Ordering {
        match (self, other) {
            // Zero-padded bytes compare like the texts (which hold no NUL).
            (KeyRef::Short(a), KeyRef::Short(b)) => a.swap_bytes().cmp(&b.swap_bytes()),
            (a, b) => a.with_bytes(|x| b.with_bytes(|y| x.cmp(y))),
        }
    }
}

/// An n-gram of a top list, ordered best first: count descending, then text ascending.
#[derive(Clone, Copy)]
struct Ranked<'a> {
    count: u64,
    key: KeyRef<'a>,
}

impl Ord for Ranked<'_> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        other
            .count
            .cmp(&self.count)
            .then_with(|| self.key.cmp(other.key))
    }
}

impl PartialOrd for Ranked<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Ranked<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Ranked<'_> {}

/// Bytes per short entry in the memory accounting of [`Table::bytes`] (the size of a
/// `(u128, u64)`, which the budget has always been measured in).
const SHORT_ENTRY_BYTES: usize = 32;

fn short_hash(k: u128) -> u64 {
    packed_hash(k)
}

impl Table {
    /// Adds `count` to the packed n-gram `k`, whose [`short_hash`] is `hash`.
    fn add_short(&mut self, k: u128, hash: u64, count: u64) {
        add_packed(&mut self.short, k, hash, count);
    }

    /// Adds `count` to the n-gram packed in `k`, whose [`medium_hash`] is `hash`.
    fn add_medium(&mut self, k: Medium, hash: u64, count: u64) {
        match self.medium.find_mut(hash, |e| e.key == k) {
            Some(e) => e.count += count,
            None => {
                self.medium
                    .insert_unique(hash, MediumCount { key: k, count }, |e| medium_hash(&e.key));
            }
        }
    }

    fn len(&self) -> usize {
        self.short.len() + self.medium.len() + self.entries.len()
    }

    /// Every (key, count).
    fn iter(&self) -> impl Iterator<Item = (KeyRef<'_>, u64)> + '_ {
        self.short
            .iter()
            .map(|e| (KeyRef::Short(e.key()), e.count))
            .chain(self.medium.iter().map(|e| (KeyRef::Medium(e.key), e.count)))
            .chain(
                self.entries
                    .iter()
                    .map(|e| (KeyRef::Long(self.key(e)), e.count)),
            )
    }

    fn key(&self, e: &Entry) -> &[u8] {
        self.arena
            .get(e.off as usize..e.off as usize + e.len as usize)
            .unwrap_or(&[])
    }

    fn add(&mut self, hash: u64, key: &[u8], count: u64) {
        let Table {
            arena,
            entries,
            index,
            ..
        } = self;
        let found = index.find(hash, |&i| {
            let e = &entries[i as usize];
            e.hash == hash
                && arena.get(e.off as usize..e.off as usize + e.len as usize) == Some(key)
        });
        if let Some(&i) = found {
            entries[i as usize].count += count;
            return;
        }
        let i = entries.len() as u32;
        entries.push(Entry {
            hash,
            off: arena.len() as u64,
            len: key.len() as u32,
            count,
        });
        arena.extend_from_slice(key);
        index.insert_unique(hash, i, |&j| entries[j as usize].hash);
    }

    fn merge(&mut self, other: Table) {
        if self.len() == 0 {
            *self = other;
            return;
        }
        let Table {
            short,
            medium,
            arena,
            entries,
            ..
        } = other;
        if self.short.is_empty() {
            self.short = short;
        } else {
            for e in short {
                let k = e.key();
                self.add_short(k, short_hash(k), e.count);
            }
        }
        if self.medium.is_empty() {
            self.medium = medium;
        } else {
            for e in medium {
                self.add_medium(e.key, medium_hash(&e.key), e.count);
            }
        }
        for e in &entries {
            let key = arena
                .get(e.off as usize..e.off as usize + e.len as usize)
                .unwrap_or(&[]);
            self.add(e.hash, key, e.count);
        }
    }

    fn bytes(&self) -> usize {
        self.short.capacity() * 8 / 7 * (SHORT_ENTRY_BYTES + 1)
            + self.medium.capacity() * 8 / 7 * (std::mem::size_of::<MediumCount>() + 1)
            + self.arena.capacity()
            + self.entries.capacity() * std::mem::size_of::<Entry>()
            + self.index.capacity() * 8 / 7 * (std::mem::size_of::<u32>() + 1)
    }

    /// Keeps the entries with count > t, lowering each by t.
    fn subtract(&mut self, t: u64) {
        let Table {
            short,
            medium,
            arena,
            entries,
            ..
        } = std::mem::take(self);
        for e in short {
            if e.count > t {
                let k = e.key();
                self.add_short(k, short_hash(k), e.count - t);
            }
        }
        for e in medium {
            if e.count > t {
                self.add_medium(e.key, medium_hash(&e.key), e.count - t);
            }
        }
        for e in &entries {
            if e.count > t {
                let key = arena
                    .get(e.off as usize..e.off as usize + e.len as usize)
                    .unwrap_or(&[]);
                self.add(e.hash, key, e.count - t);
            }
        }
    }
}

const SHARDS: usize = 16;

/// Counts of n-grams: exact, or a Misra–Gries summary once over budget (see the module docs).
#[derive(Clone, Debug)]
pub struct Counter {
    shards: Vec<Table>,
    /// n-gram occurrences counted (exact in both modes).
    pub total: u64,
    /// Whether every count is exact.
    pub exact: bool,
    /// Upper bound of the amount by which any reported count is below the true one.
    pub max_error: u64,
    /// Memory budget in bytes (`u64::MAX`: unbounded).
    pub budget: u64,
    /// Capacity m of the summary once approximate.
    capacity: usize,
    /// Occurrences of n-grams of at most 16 bytes (packed) counted in `total` but not yet in the
    /// tables: [`Counter::merge`] puts them there. Readers see them through
    /// [`Counter::settled`].
    pending: Vec<u128>,
    /// The same for n-grams of 17 to 32 bytes.
    pending_medium: Vec<Medium>,
}

impl Default for Counter {
    fn default() -> Self {
        Counter::new(u64::MAX)
    }
}

fn shard_of(hash: u64) -> usize {
    (hash >> 60) as usize % SHARDS
}

/// The pending n-grams of one shard, short and medium, each with its hash.
type ShardPending = (Vec<(u128, u64)>, Vec<(Medium, u64)>);

/// Counts one occurrence of each packed n-gram of `pending` and `medium` in its shard.
fn add_pending(shards: &mut [Table], pending: Vec<u128>, medium: Vec<Medium>) {
    for k in pending {
        let h = short_hash(k);
        if let Some(s) = shards.get_mut(shard_of(h)) {
            s.add_short(k, h, 1);
        }
    }
    for k in medium {
        let h = medium_hash(&k);
        if let Some(s) = shards.get_mut(shard_of(h)) {
            s.add_medium(k, h, 1);
        }
    }
}

fn in_pool() -> bool {
    rayon::current_thread_index().is_some()
}

/// One entry of a top list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ngram {
    pub ngram: String,
    pub count: u64,
}

impl Counter {
    pub fn new(budget: u64) -> Counter {
        Counter {
            shards: vec![Table::default(); SHARDS],
            total: 0,
            exact: true,
            max_error: 0,
            budget,
            capacity: 0,
            pending: Vec::new(),
            pending_medium: Vec::new(),
        }
    }

    /// Puts the pending n-grams into the tables.
    fn settle(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        let medium = std::mem::take(&mut self.pending_medium);
        add_pending(&mut self.shards, pending, medium);
    }

    /// This counter with every n-gram in its tables (a copy only when some are pending, which a
    /// merged counter never has).
    fn settled(&self) -> Cow<'_, Counter> {
        if self.pending.is_empty() && self.pending_medium.is_empty() {
            Cow::Borrowed(self)
        } else {
            let mut c = self.clone();
            c.settle();
            Cow::Owned(c)
        }
    }

    /// Counts one occurrence of the n-gram of at most 16 bytes packed in `k` (`keys::pack`).
    fn add_packed(&mut self, k: u128) {
        self.pending.push(k);
        self.total += 1;
    }

    /// Counts one occurrence of the n-gram of 17 to 32 bytes packed in `k` ([`pack_medium`]).
    fn add_packed_medium(&mut self, k: Medium) {
        self.pending_medium.push(k);
        self.total += 1;
    }

    /// Counts one occurrence of `key`.
    pub fn add(&mut self, key: &[u8]) {
        self.add_n(key, 1);
        self.total += 1;
    }

    fn add_n(&mut self, key: &[u8], n: u64) {
        // A packed key is zero-padded, so it would lose a trailing NUL (a character n-gram may end
        // with one): such a key keeps its bytes in the arena.
        if key.last() != Some(&0) {
            if let Some(k) = pack(key) {
                let h = short_hash(k);
                if let Some(s) = self.shards.get_mut(shard_of(h)) {
                    s.add_short(k, h, n);
                }
                return;
            }
            if let Some(k) = pack_medium(key) {
                let h = medium_hash(&k);
                if let Some(s) = self.shards.get_mut(shard_of(h)) {
                    s.add_medium(k, h, n);
                }
                return;
            }
        }
        let h = xxh3_64(key);
        if let Some(s) = self.shards.get_mut(shard_of(h)) {
            s.add(h, key, n);
        }
    }

    /// Distinct n-grams held.
    pub fn len(&self) -> usize {
        self.settled().held()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Distinct n-grams in the tables.
    fn held(&self) -> usize {
        self.shards.iter().map(Table::len).sum()
    }

    /// Approximate heap bytes held.
    pub fn bytes(&self) -> usize {
        self.shards.iter().map(Table::bytes).sum()
    }

    /// Adds `other` in (in parallel over shards when called inside a rayon pool), then enforces
    /// the budget.
    pub fn merge(&mut self, mut other: Counter) {
        self.settle();
        let pending = std::mem::take(&mut other.pending);
        let medium = std::mem::take(&mut other.pending_medium);
        self.total += other.total;
        self.max_error += other.max_error;
        if !other.exact {
            self.exact = false;
            self.capacity = self.capacity.max(other.capacity);
        }
        if in_pool() {
            // `other`'s pending n-grams, hashed and sorted out by shard, so that each shard is
            // merged by one task.
            let mut split: Vec<ShardPending> = vec![(Vec::new(), Vec::new()); SHARDS];
            for k in pending {
                let h = short_hash(k);
                if let Some(p) = split.get_mut(shard_of(h)) {
                    p.0.push((k, h));
                }
            }
            for k in medium {
                let h = medium_hash(&k);
                if let Some(p) = split.get_mut(shard_of(h)) {
                    p.1.push((k, h));
                }
            }
            let pairs = self.shards.iter_mut().zip(other.shards).zip(split);
            pairs
                .collect::<Vec<_>>()
                .into_par_iter()
                .for_each(|((a, b), (p, m))| {
                    a.merge(b);
                    for (k, h) in p {
                        a.add_short(k, h, 1);
                    }
                    for (k, h) in m {
                        a.add_medium(k, h, 1);
                    }
                });
        } else {
            // One thread: each pending n-gram goes straight into its shard.
            for (a, b) in self.shards.iter_mut().zip(other.shards) {
                a.merge(b);
            }
            add_pending(&mut self.shards, pending, medium);
        }
        self.enforce_budget();
    }

    fn enforce_budget(&mut self) {
        if self.exact {
            let bytes = self.bytes() as u64;
            if bytes <= self.budget {
                return;
            }
            let len = self.held().max(1) as u64;
            let per = (bytes / len).max(1);
            self.capacity = ((self.budget / 2) / per).max(1) as usize;
            self.exact = false;
            self.prune();
        } else if self.held() > 2 * self.capacity.max(1) {
            self.prune();
        }
    }

    /// Misra–Gries reduction to at most `capacity` entries.
    fn prune(&mut self) {
        let m = self.capacity.max(1);
        let mut counts: Vec<u64> = self
            .shards
            .iter()
            .flat_map(|s| s.iter().map(|(_, c)| c))
            .collect();
        if counts.len() <= m {
            return;
        }
        let (_, &mut t, _) = counts.select_nth_unstable_by(m, |a, b| b.cmp(a));
        self.max_error += t;
        if in_pool() {
            self.shards.par_iter_mut().for_each(|s| s.subtract(t));
        } else {
            self.shards.iter_mut().for_each(|s| s.subtract(t));
        }
    }

    /// Distinct n-grams, when exact.
    pub fn distinct(&self) -> Option<u64> {
        self.exact.then(|| self.len() as u64)
    }

    /// The `k` most frequent n-grams with a count of at least `min_count`: count descending, then
    /// text ascending.
    pub fn top(&self, k: usize, min_count: u64) -> Vec<Ngram> {
        if k == 0 {
            return Vec::new();
        }
        // The best k so far, the worst of them on top of the heap: once it is full, nearly every
        // n-gram is turned away by comparing counts alone, and nothing else is copied.
        let settled = self.settled();
        let mut best: BinaryHeap<Ranked<'_>> = BinaryHeap::with_capacity(k + 1);
        for (key, count) in settled.shards.iter().flat_map(Table::iter) {
            if count < min_count || best.len() == k && best.peek().is_some_and(|w| count < w.count)
            {
                continue;
            }
            best.push(Ranked { count, key });
            if best.len() > k {
                best.pop();
            }
        }
        best.into_sorted_vec()
            .into_iter()
            .map(|Ranked { count, key }| Ngram {
                ngram: key.with_bytes(|b| String::from_utf8_lossy(b).into_owned()),
                count,
            })
            .collect()
    }

    /// Every n-gram and count, sorted by text (for saving).
    pub fn to_saved(&self) -> SavedCounter {
        let entries: BTreeMap<String, u64> = self
            .settled()
            .shards
            .iter()
            .flat_map(|s| {
                s.iter()
                    .map(|(k, c)| (k.with_bytes(|b| String::from_utf8_lossy(b).into_owned()), c))
            })
            .collect();
        SavedCounter {
            total: self.total,
            exact: self.exact,
            max_error: self.max_error,
            capacity: self.capacity as u64,
            entries,
        }
    }

    pub fn from_saved(saved: SavedCounter, budget: u64) -> Counter {
        let mut c = Counter::new(budget);
        for (k, n) in &saved.entries {
            c.add_n(k.as_bytes(), *n);
        }
        c.total = saved.total;
        c.exact = saved.exact;
        c.max_error = saved.max_error;
        c.capacity = saved.capacity as usize;
        c
    }
}

/// A [`Counter`] as written in a partial-statistics file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedCounter {
    pub total: u64,
    pub exact: bool,
    pub max_error: u64,
    pub capacity: u64,
    pub entries: BTreeMap<String, u64>,
}

/// Reusable per-thread buffers for [`count_document`].
#[derive(Default)]
pub struct Scratch {
    lower: String,
    spans: Vec<(u32, u32)>,
    packed: Vec<u128>,
    key: Vec<u8>,
    chars: Vec<char>,
    /// The most pending n-grams a counter of this thread has held: a new counter (a new batch)
    /// reserves that many at once instead of growing, and copying, its list step by step.
    pending_hint: usize,
}

/// Counts the n-grams of one document into `counter`. `tokens` are its tokens (only used for word
/// n-grams).
pub fn count_document(
    spec: &Spec,
    text: &str,
    tokens: &[Token],
    counter: &mut Counter,
    scratch: &mut Scratch,
) {
    let n = spec.n.max(1);
    if spec.chars {
        scratch.chars.clear();
        let mut pending_space = false;
        for c in text.chars() {
            if is_py_space(c) {
                pending_space = !scratch.chars.is_empty();
                continue;
            }
            if pending_space {
                scratch.chars.push(' ');
                pending_space = false;
            }
            if spec.lowercase {
                scratch.chars.extend(c.to_lowercase());
            } else {
                scratch.chars.push(c);
            }
        }
        for w in scratch.chars.windows(n) {
            scratch.key.clear();
            for &c in w {
                let mut buf = [0u8; 4];
                scratch
                    .key
                    .extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
            counter.add(&scratch.key);
        }
        return;
    }
    scratch.spans.clear();
    scratch.packed.clear();
    scratch.lower.clear();
    for t in tokens {
        if !matches!(t.kind, TokenKind::Word | TokenKind::Number) {
            continue;
        }
        if spec.lowercase {
            let s = t.text(text);
            let start = scratch.lower.len() as u32;
            if s.is_ascii() {
                scratch
                    .lower
                    .extend(s.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            } else {
                scratch.lower.push_str(&s.to_lowercase());
            }
            scratch.spans.push((start, scratch.lower.len() as u32));
        } else {
            scratch.spans.push((t.start, t.end));
        }
    }
    let source = if spec.lowercase {
        scratch.lower.as_str()
    } else {
        text
    };
    let src = source.as_bytes();
    // Each token's bytes packed (0 when longer than 16 bytes), so that an n-gram of at most 16
    // bytes is packed by shifts, without copying bytes.
    scratch.packed.extend(
        scratch
            .spans
            .iter()
            .map(|&(a, b)| pack_at(src, a as usize, (b - a) as usize).unwrap_or(0)),
    );
    if counter.pending.capacity() == 0 {
        counter.pending.reserve(scratch.pending_hint);
    }
    if counter.pending_medium.capacity() == 0 {
        counter.pending_medium.reserve(scratch.pending_hint / 4);
    }
    for (i, w) in scratch.spans.windows(n).enumerate() {
        let len = w.iter().map(|&(a, b)| (b - a) as usize).sum::<usize>() + (n - 1);
        if len <= 16 {
            let mut k = 0u128;
            let mut shift = 0u32;
            for (j, &(a, b)) in w.iter().enumerate() {
                if j > 0 {
                    k |= u128::from(b' ') << shift;
                    shift += 8;
                }
                if let Some(&p) = scratch.packed.get(i + j)
                    && shift < 128
                {
                    k |= p << shift;
                }
                shift += 8 * (b - a);
            }
            counter.add_packed(k);
            continue;
        }
        scratch.key.clear();
        for (i, &(a, b)) in w.iter().enumerate() {
            if i > 0 {
                scratch.key.push(b' ');
            }
            scratch
                .key
                .extend_from_slice(source.as_bytes().get(a as usize..b as usize).unwrap_or(&[]));
        }
        match pack_medium(&scratch.key) {
            Some(k) => counter.add_packed_medium(k),
            None => counter.add(&scratch.key),
        }
    }
    scratch.pending_hint = scratch.pending_hint.max(counter.pending.len());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn count(spec: Spec, texts: &[&str], budget: u64) -> Counter {
        let mut c = Counter::new(budget);
        let mut scratch = Scratch::default();
        for t in texts {
            let mut tokens = Vec::new();
            tokenize(t, &mut tokens);
            let mut doc = Counter::default();
            count_document(&spec, t, &tokens, &mut doc, &mut scratch);
            c.merge(doc);
        }
        c
    }

    fn pairs(v: &[Ngram]) -> Vec<(&str, u64)> {
        v.iter().map(|g| (g.ngram.as_str(), g.count)).collect()
    }

    #[test]
    fn character_ngrams_keep_a_trailing_nul() {
        let spec = Spec {
            n: 3,
            chars: true,
            lowercase: false,
        };
        let c = count(spec, &["ab\0ab"], u64::MAX);
        assert_eq!(
            pairs(&c.top(10, 1)),
            [("\0ab", 1), ("ab\0", 1), ("b\0a", 1)]
        );
        let back = Counter::from_saved(c.to_saved(), u64::MAX);
        assert_eq!(pairs(&back.top(10, 1)), pairs(&c.top(10, 1)));
    }

    #[test]
    fn word_bigrams_exact_with_ties_by_text() {
        let spec = Spec {
            n: 2,
            chars: false,
            lowercase: false,
        };
        let c = count(spec, &["a b, a b. C a", "b a b"], u64::MAX);
        // Doc 1 words: a b a b C a → a b ×2, b a, b C, C a. Doc 2: b a, a b.
        assert!(c.exact);
        assert_eq!(c.total, 7);
        assert_eq!(c.distinct(), Some(4));
        assert_eq!(
            pairs(&c.top(10, 1)),
            [("a b", 3), ("b a", 2), ("C a", 1), ("b C", 1)]
        );
        assert_eq!(pairs(&c.top(2, 1)), [("a b", 3), ("b a", 2)]);
        assert_eq!(pairs(&c.top(10, 2)), [("a b", 3), ("b a", 2)]);
        // Keys of 17 to 32 bytes are packed in four words, longer ones take the arena; order is
        // by text across the three kinds.
        let long = count(
            spec,
            &["gouvernement fédéral gouvernement fédéral a b"],
            u64::MAX,
        );
        assert_eq!(
            pairs(&long.top(10, 1)),
            [
                ("gouvernement fédéral", 2),
                ("a b", 1),
                ("fédéral a", 1),
                ("fédéral gouvernement", 1)
            ]
        );
        // Bigrams of 16, 17, 32 and 33 bytes, each twice, across two documents.
        let text = "abcdefg hijklmnop qrstuvwxyzabcdefghijklmno pqrstuvwxyzabcdefghijklmnop";
        let sizes = count(spec, &[text, text], u64::MAX);
        assert_eq!(
            pairs(&sizes.top(10, 1)),
            [
                ("abcdefg hijklmnop", 2),
                ("hijklmnop qrstuvwxyzabcdefghijklmno", 2),
                ("qrstuvwxyzabcdefghijklmno pqrstuvwxyzabcdefghijklmnop", 2),
            ]
        );
        let edges = count(
            spec,
            &["abcdefg hijklmno abcdefg hijklmnop a bcdefghijklmnopqrstuvwxyz12345"],
            u64::MAX,
        );
        let lens: Vec<usize> = edges.top(10, 1).iter().map(|g| g.ngram.len()).collect();
        // 16 bytes twice ("abcdefg hijklmno", "hijklmno abcdefg"), 17 and 32 bytes once.
        assert_eq!(lens.iter().filter(|&&l| l == 16).count(), 2);
        assert_eq!(lens.iter().filter(|&&l| l == 17).count(), 1);
        assert_eq!(lens.iter().filter(|&&l| l == 32).count(), 1);
        assert_eq!(edges.distinct(), Some(5));
        // Saved and read back, each n-gram lands in the same kind of key.
        let back = Counter::from_saved(sizes.to_saved(), u64::MAX);
        assert_eq!(pairs(&back.top(10, 1)), pairs(&sizes.top(10, 1)));
        let mut twice = back.clone();
        twice.merge(sizes.clone());
        assert_eq!(twice.distinct(), Some(3));
        assert_eq!(twice.top(1, 1)[0].count, 4);
        let lower = count(
            Spec {
                lowercase: true,
                ..spec
            },
            &["The the THE"],
            u64::MAX,
        );
        assert_eq!(pairs(&lower.top(10, 1)), [("the the", 2)]);
    }

    #[test]
    fn pending_ngrams_are_read_as_counted() {
        // A counter that `count_document` filled holds its short n-grams pending until a merge:
        // every reader sees them, and a merge gives the same counts.
        let spec = Spec {
            n: 2,
            chars: false,
            lowercase: false,
        };
        let text = "a b a b gouvernement fédéral gouvernement fédéral c";
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let mut raw = Counter::default();
        count_document(&spec, text, &tokens, &mut raw, &mut Scratch::default());
        assert!(!raw.pending.is_empty());
        let mut merged = Counter::default();
        merged.merge(raw.clone());
        assert!(merged.pending.is_empty());
        assert_eq!(raw.len(), 6);
        assert_eq!(raw.distinct(), Some(6));
        assert_eq!(raw.top(3, 1), merged.top(3, 1));
        assert_eq!(
            pairs(&raw.top(2, 1)),
            [("a b", 2), ("gouvernement fédéral", 2)]
        );
        assert_eq!(raw.to_saved(), merged.to_saved());
        assert_eq!(raw.total, 8);
    }

    #[test]
    fn top_lists_agree_with_a_full_sort() {
        // Words whose bigrams have many equal counts, short and long keys mixed: each cut of the
        // list must be the first k of every n-gram sorted by count, then text.
        let words = ["a", "bb", "ccc", "gouvernement", "fédéral", "d", "ee"];
        let mut x = 12345u64;
        let text: Vec<&str> = (0..400)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                words[(x >> 33) as usize % words.len()]
            })
            .collect();
        let text = text.join(" ");
        let spec = Spec {
            n: 2,
            chars: false,
            lowercase: false,
        };
        let c = count(spec, &[&text], u64::MAX);
        let mut all: Vec<(String, u64)> = c
            .shards
            .iter()
            .flat_map(Table::iter)
            .map(|(k, n)| (k.with_bytes(|b| String::from_utf8_lossy(b).into_owned()), n))
            .collect();
        all.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        assert!(all.len() > 20);
        for k in [1, 2, 5, 13, all.len() - 1, all.len(), all.len() + 5] {
            let want: Vec<(&str, u64)> =
                all.iter().take(k).map(|(s, n)| (s.as_str(), *n)).collect();
            assert_eq!(pairs(&c.top(k, 1)), want, "k = {k}");
        }
        let min = all[7].1;
        let want: Vec<(&str, u64)> = all
            .iter()
            .filter(|e| e.1 >= min)
            .map(|(s, n)| (s.as_str(), *n))
            .collect();
        assert_eq!(pairs(&c.top(all.len(), min)), want);
    }

    #[test]
    fn char_ngrams_normalise_spaces() {
        let spec = Spec {
            n: 3,
            chars: true,
            lowercase: true,
        };
        let c = count(spec, &["  Ab\n\n ab  "], u64::MAX);
        // "ab ab": "ab ", "b a", " ab".
        assert_eq!(pairs(&c.top(10, 1)), [(" ab", 1), ("ab ", 1), ("b a", 1)]);
    }

    #[test]
    fn over_budget_becomes_misra_gries() {
        let spec = Spec {
            n: 1,
            chars: false,
            lowercase: false,
        };
        // "x" 50 times, "y" 30 times, then 200 distinct words once each.
        let mut texts: Vec<String> = vec!["x ".repeat(50), "y ".repeat(30)];
        texts.extend((0..200).map(|i| format!("w{i}")));
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let exact = count(spec, &refs, u64::MAX);
        let approx = count(spec, &refs, 2000);
        assert!(!approx.exact);
        assert_eq!(approx.total, exact.total);
        assert!(approx.max_error > 0);
        assert!(approx.max_error <= approx.total / (approx.capacity as u64 + 1));
        let top = approx.top(2, 1);
        assert_eq!(top[0].ngram, "x");
        assert_eq!(top[1].ngram, "y");
        for g in &top {
            let truth = exact
                .top(1000, 1)
                .into_iter()
                .find(|e| e.ngram == g.ngram)
                .unwrap();
            assert!(g.count <= truth.count && truth.count <= g.count + approx.max_error);
        }
        // Same input, same result.
        let again = count(spec, &refs, 2000);
        assert_eq!(again.top(10, 1), approx.top(10, 1));
        assert_eq!(again.max_error, approx.max_error);
    }

    #[test]
    fn saved_round_trip() {
        let spec = Spec {
            n: 2,
            chars: false,
            lowercase: false,
        };
        let c = count(spec, &["un deux trois un deux"], u64::MAX);
        let back = Counter::from_saved(c.to_saved(), u64::MAX);
        assert_eq!(back.top(10, 1), c.top(10, 1));
        assert_eq!(back.total, c.total);
    }
}
