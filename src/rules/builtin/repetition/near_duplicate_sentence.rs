//! `repetition/near-duplicate-sentence`: the same sentence, or a paraphrase of it, twice in one
//! document (a standfirst translated twice), and sentences that recur across many documents.

use hashbrown::HashMap;

use crate::diagnostic::Severity;
use crate::index::MIN_SENTENCE_WORDS;
use crate::lang::words::{self, ascii_lower8};
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};
use crate::span::Span;
use crate::tokenize::{Analysis, Token, TokenKind, normalize};

pub struct NearDuplicateSentence {
    /// Documents (this one included) a sentence must occur in to be reported as a cross-document
    /// duplicate. Several translations of one source legitimately share sentences, so this is high.
    pub cross_doc_min_df: u64,
}

/// Token-set Jaccard from which two sentences are near duplicates.
const TOKEN_JACCARD: f64 = 0.60;
/// Character-5-gram Jaccard from which two sentences are near duplicates.
const CHAR_JACCARD: f64 = 0.50;
/// Above this many eligible sentences, only exact duplicates are looked for.
const MAX_PAIRWISE: usize = 300;
/// A recurring line this long or shorter is `fragment/boilerplate-line`'s (same constants there).
const BOILERPLATE_MAX_CHARS: usize = 200;
const BOILERPLATE_MIN_DF: u64 = 50;
// `check` keeps only the line and sentence counts of at least `spill::MIN_DF` documents.
const _: () = assert!(BOILERPLATE_MIN_DF >= crate::index::spill::MIN_DF);
/// A sentence found in this many documents is reported as copied across the corpus.
const CROSS_DOC_MIN_DF: u64 = 20;
const _: () = assert!(CROSS_DOC_MIN_DF >= crate::index::spill::MIN_DF);

impl NearDuplicateSentence {
    pub fn new() -> Self {
        NearDuplicateSentence {
            cross_doc_min_df: CROSS_DOC_MIN_DF,
        }
    }
}

impl Default for NearDuplicateSentence {
    fn default() -> Self {
        Self::new()
    }
}

/// One sentence prepared for comparison.
struct Prepared {
    index: usize,
    span: Span,
    /// The index's sentence fingerprint (`crate::index::sentence_fingerprint`).
    fingerprint: u64,
    /// Number of distinct normalised words.
    words: usize,
    /// Where the keys of its normalised words (`super::word_key`) are in the shared buffer of
    /// all of them, in text order.
    keys: std::ops::Range<usize>,
    /// Where the normalised sentence is in the shared buffer of all of them: key-folded words
    /// (`normalize::fold_key`), each followed by a space.
    norm: std::ops::Range<usize>,
    /// Sorted, deduplicated hashes of the character 5-grams of `norm`, computed on demand.
    grams: Option<Vec<u64>>,
}

/// The sentences to compare, prepared: those of `MIN_SENTENCE_WORDS` words or more, outside the
/// title, and not mostly quoted (half of their words or more inside quotation marks; the quotation
/// state is reset at each line break). One pass over the tokens: the normalised form of each
/// sentence is appended to `norms` and the key of each of its normalised words
/// (`super::word_key`) to `keys`, as its words are counted; both are cut back when the sentence
/// turns out not to qualify. All three are cleared first.
fn prepare(
    an: &Analysis<'_>,
    title: Option<Span>,
    keys: &mut Vec<u64>,
    norms: &mut Vec<u8>,
    eligible: &mut Vec<Prepared>,
) {
    const LIMIT: usize = GATHER_BYTES - super::FOLD_BUF - 8;
    let text = an.text;
    let bytes = text.as_bytes();
    norms.clear();
    keys.clear();
    eligible.clear();
    norms.reserve(text.len() + 64);
    let mut folder = super::Folder::key();
    // Each sentence's normalised form and word keys are gathered on the stack, and flushed to
    // `norms` and `keys` when full and at the end.
    let mut gathered = [0u8; GATHER_BYTES];
    let mut gathered_keys = [0u64; GATHER_KEYS];
    let (mut depth, mut straight) = (0i32, false);
    let mut next = 0usize;
    for (index, s) in an.sentences.iter().enumerate() {
        let (from, to) = (s.tokens.start as usize, s.tokens.end as usize);
        // Tokens between the previous sentence and this one.
        for t in an.tokens.get(next..from).unwrap_or(&[]) {
            quote_step(t, text, &mut depth, &mut straight);
        }
        next = to.max(next);
        let in_title = title.is_some_and(|t| t.contains(s.span));
        let (start, first_key) = (norms.len(), keys.len());
        let (mut len, mut count) = (0usize, 0usize);
        let (mut inside, mut total, mut counted) = (0usize, 0usize, 0usize);
        let tokens = an.tokens.get(from..to).unwrap_or(&[]);
        let mut quoting = depth > 0 || straight;
        let mut j = 0;
        while let Some(t) = tokens.get(j) {
            j += 1;
            match t.kind {
                TokenKind::Word | TokenKind::Number => {
                    // Spaces do nothing here: the one after a word is skipped at once.
                    if tokens.get(j).is_some_and(|t| t.kind == TokenKind::Space) {
                        j += 1;
                    }
                    total += 1;
                    counted += usize::from(t.kind == TokenKind::Word);
                    inside += usize::from(quoting);
                    if in_title {
                        continue;
                    }
                    if len > LIMIT || count == GATHER_KEYS {
                        norms.extend_from_slice(gathered.get(..len).unwrap_or_default());
                        keys.extend_from_slice(gathered_keys.get(..count).unwrap_or_default());
                        (len, count) = (0, 0);
                    }
                    let (ts, te) = (t.start as usize, t.end as usize);
                    let key = match super::short_ascii(bytes, ts, te) {
                        // Short ASCII words (most of them) are their own key, lowercased in
                        // registers, and stored with their space at once (after it for 8
                        // bytes).
                        Some(x) => {
                            let key = ascii_lower8(x);
                            let n = te - ts;
                            let spaced = if n < 8 { key | 0x20 << (8 * n) } else { key };
                            if let Some(slot) = gathered.get_mut(len..len + 9) {
                                slot[..8].copy_from_slice(&spaced.to_le_bytes());
                                slot[8] = b' ';
                            }
                            len += n + 1;
                            key
                        }
                        // Long ASCII words are lowercased eight bytes at a time, right into
                        // place, and stored with their space.
                        None => match gathered
                            .get_mut(len..len + super::FOLD_BUF)
                            .filter(|_| te - ts <= super::FOLD_BUF - 8)
                            .and_then(|slot| super::long_ascii_key_into(bytes, ts, te, slot))
                        {
                            Some(key) => {
                                if let Some(b) = gathered.get_mut(len + te - ts) {
                                    *b = b' ';
                                }
                                len += te - ts + 1;
                                key
                            }
                            // Folded in a buffer, then copied with its space (a copy of fixed size,
                            // cut back).
                            None => match folder.fold(bytes, ts, te) {
                                Some(n) => {
                                    let key = folder.key_of(n);
                                    if let Some(b) = folder.buf.get_mut(n) {
                                        *b = b' ';
                                    }
                                    if let Some(slot) = gathered.get_mut(len..len + super::FOLD_BUF)
                                    {
                                        slot.copy_from_slice(&folder.buf);
                                    }
                                    len += n + 1;
                                    key
                                }
                                // Other characters: straight into `norms`, after what was
                                // gathered.
                                None => {
                                    norms
                                        .extend_from_slice(gathered.get(..len).unwrap_or_default());
                                    len = 0;
                                    let at = norms.len();
                                    super::push_key(text, ts, te, norms);
                                    let key = super::word_key(&norms[at..]);
                                    norms.push(b' ');
                                    if let Some(k) = gathered_keys.get_mut(count) {
                                        *k = key;
                                    }
                                    count += 1;
                                    continue;
                                }
                            },
                        },
                    };
                    if let Some(k) = gathered_keys.get_mut(count) {
                        *k = key;
                    }
                    count += 1;
                }
                TokenKind::Punct | TokenKind::Newline => {
                    quote_step(t, text, &mut depth, &mut straight);
                    quoting = depth > 0 || straight;
                }
                _ => {}
            }
        }
        let quoted = total > 0 && inside * 2 >= total;
        if in_title || quoted || counted < MIN_SENTENCE_WORDS {
            norms.truncate(start);
            keys.truncate(first_key);
            continue;
        }
        norms.extend_from_slice(gathered.get(..len).unwrap_or_default());
        keys.extend_from_slice(gathered_keys.get(..count).unwrap_or_default());
        // The same key as `sentence_fingerprint` builds, so the corpus counts apply.
        let fingerprint = xxhash_rust::xxh3::xxh3_64(&norms[start..]);
        eligible.push(Prepared {
            index,
            span: s.span,
            fingerprint,
            words: 0,
            keys: first_key..keys.len(),
            norm: start..norms.len(),
            grams: None,
        });
    }
}

/// The sizes of `prepare`'s buffers on the stack.
const GATHER_BYTES: usize = 512;
const GATHER_KEYS: usize = 64;

/// The character 5-grams of a normalised sentence, hashed, sorted and deduplicated.
fn grams(norm: &[u8]) -> Vec<u64> {
    // Key-folded words are whole characters, so this never fails.
    let norm = std::str::from_utf8(norm).unwrap_or_default().trim_end();
    let b = norm.as_bytes();
    let mut grams: Vec<u64> = Vec::with_capacity(norm.len());
    // The starts of the last six characters (the last one's the end of the 5-gram before it).
    let mut starts = [0usize; 6];
    for (k, i) in norm
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(norm.len()))
        .enumerate()
    {
        starts.rotate_left(1);
        starts[5] = i;
        if k >= 5 {
            grams.push(super::word_key(b.get(starts[0]..i).unwrap_or_default()));
        }
    }
    grams.sort_unstable();
    grams.dedup();
    grams
}

/// Jaccard index of two sorted, deduplicated lists.
fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    inter as f64 / (a.len() + b.len() - inter) as f64
}

/// The buffers of [`shared_words`], kept from one document to the next.
#[derive(Default)]
struct Tables {
    /// All free between two documents.
    table: Vec<(u64, u64)>,
    /// The slots taken by a document, freed at its end.
    used: Vec<u32>,
}

/// The buffers of `check`, kept from one document to the next (per thread): most documents are
/// short, and allocating them anew would cost about as much as their work.
#[derive(Default)]
struct Scratch {
    norms: Vec<u8>,
    keys: Vec<u64>,
    eligible: Vec<Prepared>,
    tables: Tables,
}

impl Scratch {
    /// Lets go of the memory of an unusually long document.
    fn trim(&mut self) {
        const MOST: usize = 1 << 16;
        if self.norms.capacity() > 16 * MOST {
            *self = Scratch::default();
        } else if self.keys.capacity() > 2 * MOST
            || self.eligible.capacity() > MOST
            || self.tables.table.len() > 4 * MOST
        {
            self.keys = Vec::new();
            self.eligible = Vec::new();
            self.tables = Tables::default();
        }
    }
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// Sets each sentence's count of distinct words and returns, for each pair of sentences `a < b`
/// (at `a * n + b`), the number of words they share. Each word keeps the list of sentences it was
/// seen in (an open-addressing table keyed by the word's key, lists chained in one vector), so
/// only sentences that share a word are ever paired.
fn shared_words(eligible: &mut [Prepared], keys: &[u64], scratch: &mut Tables) -> Vec<u32> {
    if eligible.len() <= 64 {
        shared_words_few(eligible, keys, scratch)
    } else {
        shared_words_many(eligible, keys)
    }
}

/// [`shared_words`] for up to 64 sentences: the sentences of each word are the bits of an integer.
fn shared_words_few(eligible: &mut [Prepared], keys: &[u64], scratch: &mut Tables) -> Vec<u32> {
    let n = eligible.len();
    let mut shared = vec![0u32; n * n];
    // The words in an open-addressing table of (word key, its sentences as bits), a slot without
    // sentences being free: the first `cap` slots of a buffer kept from one document to the next,
    // whose taken slots are freed at the end (cheaper than clearing it all).
    let cap = (keys.len() * 3 / 2).next_power_of_two().max(16);
    let mask = cap - 1;
    // Slots by multiplicative hashing (keys may be packed bytes).
    let shift = 64 - cap.trailing_zeros();
    let Tables { table, used } = scratch;
    if table.len() < cap {
        table.resize(cap, (0, 0));
    }
    used.clear();
    for (k, p) in eligible.iter_mut().enumerate() {
        let bit = 1u64 << k;
        for &key in keys.get(p.keys.clone()).unwrap_or_default() {
            let mut i = (key.wrapping_mul(super::HASH_K) >> shift) as usize;
            while table[i].1 != 0 && table[i].0 != key {
                i = (i + 1) & mask;
            }
            let slot = &mut table[i];
            let before = slot.1;
            if before & bit != 0 {
                continue; // the same word again in this sentence
            }
            if before == 0 {
                used.push(i as u32);
            }
            *slot = (key, before | bit);
            let mut rest = before;
            while rest != 0 {
                if let Some(c) = shared.get_mut(rest.trailing_zeros() as usize * n + k) {
                    *c += 1;
                }
                rest &= rest - 1;
            }
            p.words += 1;
        }
    }
    for &i in used.iter() {
        if let Some(slot) = table.get_mut(i as usize) {
            *slot = (0, 0);
        }
    }
    shared
}

/// [`shared_words`] for any number of sentences: the sentences of each word are a linked list.
fn shared_words_many(eligible: &mut [Prepared], keys: &[u64]) -> Vec<u32> {
    const NIL: u32 = u32::MAX;
    let n = eligible.len();
    let mut shared = vec![0u32; n * n];
    let cap = (keys.len() * 2).next_power_of_two().max(16);
    let mask = cap - 1;
    // (word key, last sentence that had it or NIL when the slot is free, head of its list)
    let mut slots: Vec<(u64, u32, u32)> = vec![(0, NIL, NIL); cap];
    // (sentence, next node)
    let mut nodes: Vec<(u32, u32)> = Vec::with_capacity(keys.len());
    for (k, p) in eligible.iter_mut().enumerate() {
        let k = k as u32;
        for &key in keys.get(p.keys.clone()).unwrap_or_default() {
            // Keys may be packed bytes: mixed for the slot.
            let mut i = super::hash_finish(key) as usize & mask;
            while slots[i].1 != NIL && slots[i].0 != key {
                i = (i + 1) & mask;
            }
            let slot = &mut slots[i];
            if slot.1 == k {
                continue; // the same word again in this sentence
            }
            let mut q = slot.2;
            while let Some(&(a, next)) = nodes.get(q as usize) {
                if let Some(c) = shared.get_mut(a as usize * n + k as usize) {
                    *c += 1;
                }
                q = next;
            }
            nodes.push((k, slot.2));
            *slot = (key, k, (nodes.len() - 1) as u32);
            p.words += 1;
        }
    }
    shared
}

/// Token-set Jaccard under which the character 5-grams are not even computed: no pair of the
/// catalog's tests or of the seed reaches the character threshold below it.
const MIN_TOKEN_JACCARD_FOR_CHARS: f64 = 0.30;
// `check` tests it on integers, as 3/10.
const _: () = assert!(MIN_TOKEN_JACCARD_FOR_CHARS == 0.30);

/// The two similarity scores of sentences `a` and `b` (`a` < `b`), or `None` when they are not near
/// duplicates. The character score is -1 when the word score alone decided.
fn similar(
    eligible: &mut [Prepared],
    norms: &[u8],
    a: usize,
    b: usize,
    common: usize,
) -> Option<(f64, f64)> {
    let ratio = |x: usize, y: usize| x.min(y) as f64 / x.max(y).max(1) as f64;
    let (pa, pb) = (&eligible[a], &eligible[b]);
    if ratio(pa.words, pb.words) < MIN_TOKEN_JACCARD_FOR_CHARS
        || ratio(pa.norm.len(), pb.norm.len()) < CHAR_JACCARD
    {
        return None;
    }
    // The Jaccard index of the two word sets, from the count of shared words.
    let tj = common as f64 / (pa.words + pb.words - common) as f64;
    if tj >= TOKEN_JACCARD {
        return Some((tj, -1.0));
    }
    if tj < MIN_TOKEN_JACCARD_FOR_CHARS {
        return None;
    }
    for k in [a, b] {
        if eligible[k].grams.is_none() {
            eligible[k].grams = Some(grams(norms.get(eligible[k].norm.clone()).unwrap_or(&[])));
        }
    }
    let empty = Vec::new();
    let ga = eligible[a].grams.as_ref().unwrap_or(&empty);
    let gb = eligible[b].grams.as_ref().unwrap_or(&empty);
    let cj = jaccard(ga, gb);
    (cj >= CHAR_JACCARD).then_some((tj, cj))
}

fn quote_step(t: &crate::tokenize::Token, text: &str, depth: &mut i32, straight: &mut bool) {
    match t.kind {
        TokenKind::Newline => {
            *depth = 0;
            *straight = false;
        }
        // Quotation marks start with one of these bytes.
        TokenKind::Punct
            if matches!(
                text.as_bytes().get(t.start as usize),
                Some(b'"' | 0xC2 | 0xE2)
            ) =>
        {
            match t.text(text) {
                "«" | "“" => *depth += 1,
                "»" | "”" => *depth = (*depth - 1).max(0),
                "\"" => *straight = !*straight,
                _ => {}
            }
        }
        _ => {}
    }
}

fn line_number(text: &str, offset: u32) -> usize {
    memchr::memchr_iter(b'\n', &text.as_bytes()[..offset as usize]).count() + 1
}

/// A short quotation of a sentence for messages.
fn excerpt(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

/// The span of the first non-blank line when it is a title: one sentence of fewer than 30 words,
/// not ending with a period, with more text after it.
fn title_span(an: &Analysis<'_>) -> Option<Span> {
    let (i, line) = an
        .lines
        .iter()
        .enumerate()
        .find(|(_, l)| !l.text(an.text).trim().is_empty())?;
    let more = an.lines[i + 1..]
        .iter()
        .any(|l| !l.text(an.text).trim().is_empty());
    let mut inside = an.sentences.iter().filter(|s| line.contains(s.span));
    let first = inside.next()?;
    let short = an
        .sentence_tokens(first)
        .iter()
        .filter(|t| t.is_word())
        .count()
        < 30;
    let period = line.text(an.text).trim_end().ends_with('.');
    (more && short && !period && inside.next().is_none()).then_some(*line)
}

/// `headline-echo` looks for the headline's words in the sentences of this many lines after it.
const ECHO_LEAD_LINES: usize = 12;
/// The headline needs this many distinct content words, and the echo this many of them and at
/// least half.
const ECHO_MIN_TITLE_WORDS: usize = 4;
const ECHO_MIN_SHARED: usize = 3;

/// The accent- and case-folded keys of the content words (3 letters or more, not function words)
/// among `tokens`, each once.
fn content_keys(an: &Analysis<'_>, tokens: &[Token], buf: &mut String) -> Vec<String> {
    let bytes = an.text.as_bytes();
    let mut keys: Vec<String> = Vec::new();
    let (mut folder, mut key_folder) = (super::Folder::lower(), super::Folder::key());
    for t in tokens.iter().filter(|t| t.is_word()) {
        let (ts, te) = (t.start as usize, t.end as usize);
        let w = t.text(an.text);
        // The lowercase form, in a buffer when it can.
        let lower = match folder.fold(bytes, ts, te) {
            Some(n) => std::str::from_utf8(folder.folded(n)).unwrap_or_default(),
            None => {
                normalize::fold(w, buf);
                buf.as_str()
            }
        };
        if lower.chars().nth(2).is_none() || words::is_function_word(an.lang, lower) {
            continue;
        }
        // The key, in a buffer when it can.
        let key = match key_folder.fold(bytes, ts, te) {
            Some(n) => key_folder.folded(n),
            None => {
                normalize::fold_key(w, buf);
                buf.as_bytes()
            }
        };
        if !keys.iter().any(|k| k.as_bytes() == key) {
            // Key-folded words are whole characters, so this never fails.
            keys.push(String::from_utf8_lossy(key).into_owned());
        }
    }
    keys
}

/// Sub-kind `headline-echo` (informational): the sentence of the lead that repeats at least half
/// of the headline's content words, reworded or not (`rules.md` D30). News leads often do this on
/// purpose; in translated text a reworded echo shows the headline and the body were translated
/// apart.
struct Echo {
    /// The headline's content words ([`content_keys`]).
    head: Vec<String>,
    /// The first bytes of ASCII-initial keys (all set when a key is not).
    firsts: [bool; 128],
    /// The keys of 1 to 8 ASCII bytes packed into integers, as `super::short_ascii` reads words
    /// (`u64::MAX` for the others, which no such word matches).
    packed: Vec<u64>,
    /// A filter of `packed`: the bit [`bloom_bit`] of each key is set, so that most words need
    /// not be looked for.
    bloom: u64,
    /// The lead: sentences from the end of the title to the end of the `ECHO_LEAD_LINES`th line
    /// after it.
    title_end: u32,
    lead_end: u32,
    /// The sentence with the most so far.
    best: Option<(usize, Span)>,
}

impl Echo {
    fn new(an: &Analysis<'_>, title: Span) -> Option<Echo> {
        let head = content_keys(an, an.tokens_in(title), &mut String::new());
        if head.len() < ECHO_MIN_TITLE_WORDS {
            return None;
        }
        let mut firsts = [false; 128];
        for k in &head {
            match k.as_bytes().first() {
                Some(&b) if b < 0x80 => firsts[usize::from(b)] = true,
                _ => firsts.iter_mut().for_each(|f| *f = true), // a non-ASCII key: no filter
            }
        }
        let packed: Vec<u64> = head
            .iter()
            .take(64)
            .map(|k| super::short_ascii(k.as_bytes(), 0, k.len()).unwrap_or(u64::MAX))
            .collect();
        let bloom = packed
            .iter()
            .filter(|&&k| k != u64::MAX)
            .fold(0, |b, &k| b | 1 << bloom_bit(k));
        let lead_end = an
            .lines
            .iter()
            .position(|l| l.start >= title.end)
            .and_then(|i| an.lines.get(i + ECHO_LEAD_LINES))
            .map_or(u32::MAX, |l| l.end);
        Some(Echo {
            head,
            firsts,
            packed,
            bloom,
            title_end: title.end,
            lead_end,
            best: None,
        })
    }

    /// Finds the lead sentence with the most headline words.
    fn scan(&mut self, an: &Analysis<'_>) {
        let bytes = an.text.as_bytes();
        let mut folder = super::Folder::key();
        let mut buf = String::new();
        for s in an
            .sentences
            .iter()
            .filter(|s| s.span.start >= self.title_end && s.span.end <= self.lead_end)
        {
            // Which headline words the sentence has, as bits (the first 64 words of the
            // headline).
            let mut hit = 0u64;
            for t in an.sentence_tokens(s).iter().filter(|t| t.is_word()) {
                let (ts, te) = (t.start as usize, t.end as usize);
                // Most words are ruled out by their first byte (keys of ASCII-initial words
                // start with that letter, lowercased).
                match bytes.get(ts) {
                    Some(&b) if b < 0x80 && !self.firsts[usize::from(b.to_ascii_lowercase())] => {
                        continue;
                    }
                    None => continue,
                    _ => {}
                }
                // A short ASCII word is its key, lowercased.
                let i = match super::short_ascii(bytes, ts, te) {
                    Some(x) => {
                        let key = ascii_lower8(x);
                        if self.bloom & 1 << bloom_bit(key) == 0 {
                            continue;
                        }
                        self.packed.iter().position(|&k| k == key)
                    }
                    None => match folder.fold(bytes, ts, te) {
                        Some(n) => {
                            let key = folder.folded(n);
                            self.head.iter().take(64).position(|k| k.as_bytes() == key)
                        }
                        None => {
                            normalize::fold_key(t.text(an.text), &mut buf);
                            self.head.iter().take(64).position(|k| *k == buf)
                        }
                    },
                };
                if let Some(i) = i {
                    hit |= 1 << i;
                }
            }
            let shared = hit.count_ones() as usize;
            if self.best.is_none_or(|(n, _)| shared > n) {
                self.best = Some((shared, s.span));
            }
        }
    }

    fn report(&self, out: &mut Sink<'_>) {
        if let Some((shared, span)) = self.best
            && shared >= ECHO_MIN_SHARED
            && shared * 2 >= self.head.len()
        {
            out.report_kind_at(
                "headline-echo",
                Severity::Info,
                span,
                format!(
                    "this sentence echoes the headline ({shared} of its {} content words)",
                    self.head.len()
                ),
            );
        }
    }
}

/// The bit of [`Echo::bloom`] of a packed key.
#[inline]
fn bloom_bit(key: u64) -> u32 {
    (key.wrapping_mul(super::HASH_K) >> 58) as u32
}

impl Rule for NearDuplicateSentence {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "repetition/near-duplicate-sentence".into(),
            severity: Severity::Error,
            summary: "the same sentence, or a close paraphrase, twice in one document".into(),
            explanation: "A page extracted with its standfirst, or a segment translated twice, repeats a \
                sentence: `Ce voyage, qui a retenu Kim en Russie pendant sept jours, est le plus long…` \
                and later `Ce voyage, qui a retenu Kim en Russie pendant sept jours, a été le plus \
                long…`. Sentences of 8 words or more are compared after case folding and accent and \
                punctuation stripping: sub-kind `exact` for equal sentences, `near` when the word-set \
                Jaccard index reaches 0.60 or the character-5-gram Jaccard index 0.50, and \
                `paragraph-dup` for a whole repeated line. The later occurrence is reported. Quoted \
                sentences are skipped. A headline echoed by a sentence of the lead (at least half of \
                the headline's content words, and 3 or more, within 12 lines) is sub-kind \
                `headline-echo`, at info level whatever the rule's severity: normal in news, worth a \
                look in translated text, where the headline and the body are often translated apart. All pairs are \
                compared up to 300 sentences per document, exact duplicates only above. With a corpus, \
                a sentence found in 20 documents or more is reported as `cross-document` (lines that \
                `fragment/boilerplate-line` already reports as recurring are left to it)."
                .into(),
            flagged: examples(&[
                (
                    "fr",
                    "Le sommet a duré trois heures et s’est achevé sans déclaration commune. Les deux délégations ont quitté Genève dans la soirée. Le sommet, qui a duré trois heures, s’est terminé sans déclaration commune.",
                ),
                (
                    "en",
                    "The visit was the longest trip abroad since he took power more than a decade ago.\n\nHe met the president twice.\n\nThe trip was the longest visit abroad since he took power more than ten years ago.",
                ),
                (
                    "fr",
                    "La réunion s’est tenue à huis clos dans la capitale samedi.\n\nLa réunion s’est tenue à huis clos dans la capitale samedi.",
                ),
            ]),
            allowed: examples(&[
                (
                    "fr",
                    "Le taux de chômage a baissé de 0,2 point en mars. Le taux d’inflation a augmenté de 0,4 point en avril.",
                ),
                (
                    "fr",
                    "Kim rentre de Russie\n\nLe dirigeant est arrivé mardi à Pyongyang après une visite de six jours.",
                ),
                (
                    "fr",
                    "Il a répété : « Nous ne céderons jamais devant la menace des terroristes. » Puis, plus fort : « Nous ne céderons jamais devant la menace des terroristes. »",
                ),
            ]),
            languages: Vec::new(),
            default_enabled: true,
            origin: file!().into(),
        }
    }

    fn needs_index(&self) -> bool {
        true
    }

    fn check(&self, cx: &Ctx<'_>, out: &mut Sink<'_>) {
        let mut scratch = SCRATCH.with(|s| s.take());
        self.check_with(cx, out, &mut scratch);
        scratch.trim();
        SCRATCH.with(|s| s.replace(scratch));
    }
}

impl NearDuplicateSentence {
    fn check_with(&self, cx: &Ctx<'_>, out: &mut Sink<'_>, scratch: &mut Scratch) {
        let an = cx.an;
        let text = cx.text();
        let title = title_span(an);
        let mut echo = title.and_then(|t| Echo::new(an, t));
        let Scratch {
            norms,
            keys,
            eligible,
            tables,
        } = scratch;
        if let Some(e) = &mut echo {
            e.scan(an);
            e.report(out);
        }
        prepare(an, title, keys, norms, eligible);
        let norms = &norms[..];
        let mut reported = vec![false; eligible.len()];

        // Whole lines repeated (two sentences or more): one finding for the line.
        // (line index, range of the eligible sentences on it): sentences run in text order, so
        // the sentences of one line are consecutive.
        let mut by_line: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
        if eligible.len() >= 2 {
            by_line.reserve(eligible.len());
            for (k, p) in eligible.iter().enumerate() {
                let li = an.lines.partition_point(|l| l.end < p.span.start);
                match by_line.last_mut() {
                    Some((l, ks)) if *l == li => ks.end = k + 1,
                    _ => by_line.push((li, k..k + 1)),
                }
            }
        }
        let mut lines_seen: HashMap<u64, usize> = HashMap::new();
        for (li, inside) in by_line.iter().filter(|(_, ks)| ks.len() >= 2) {
            let Some(&line) = an.lines.get(*li) else {
                continue;
            };
            let raw = line.text(text);
            let fp = normalize::fingerprint_with(raw, &mut Vec::new());
            if let Some(&first) = lines_seen.get(&fp) {
                let body = raw.trim();
                let start = line.start + (raw.len() - raw.trim_start().len()) as u32;
                let span = Span::new(start, start + body.len() as u32);
                out.report_kind(
                    "paragraph-dup",
                    false,
                    span,
                    format!("this paragraph repeats line {}", first + 1),
                    None,
                );
                inside.clone().for_each(|k| reported[k] = true);
            } else {
                lines_seen.insert(fp, *li);
            }
        }

        // Exact duplicates (any number of sentences), then near duplicates pairwise.
        let first_of = first_occurrences(eligible);
        for k in 0..eligible.len() {
            let p = &eligible[k];
            match Some(first_of[k]).filter(|&j| j != k) {
                Some(j) if !reported[k] => {
                    reported[k] = true;
                    let line = line_number(text, eligible[j].span.start);
                    out.report_kind(
                        "exact",
                        false,
                        p.span,
                        format!(
                            "this sentence repeats the one on line {line} (`{}`)",
                            excerpt(eligible[j].span.text(text))
                        ),
                        None,
                    );
                }
                _ => {}
            }
        }
        if (2..=MAX_PAIRWISE).contains(&eligible.len()) {
            let shared = shared_words(eligible, keys, tables);
            let n = eligible.len();
            for k in 1..n {
                if reported[k] {
                    continue;
                }
                for a in 0..k {
                    // A word Jaccard under `MIN_TOKEN_JACCARD_FOR_CHARS` (3/10), a fortiori none
                    // in common, rules the pair out whatever else (`similar`). The shared words
                    // are at most the smaller set, their union at least the larger one: most
                    // pairs are ruled out on their sizes alone.
                    let (pa, pk) = (&eligible[a], &eligible[k]);
                    if pa.words.min(pk.words) * 10 < pa.words.max(pk.words) * 3
                        || pa.fingerprint == pk.fingerprint
                    {
                        continue;
                    }
                    let common = shared[a * n + k] as usize;
                    let union = pa.words + pk.words - common;
                    if common == 0 || common * 10 < union * 3 {
                        continue;
                    }
                    let Some((tj, cj)) = similar(eligible, norms, a, k, common) else {
                        continue;
                    };
                    let (a, b) = (&eligible[a], &eligible[k]);
                    reported[k] = true;
                    let line = line_number(text, a.span.start);
                    let score = if cj < 0.0 {
                        format!("word overlap {tj:.2}")
                    } else {
                        format!("character overlap {cj:.2}")
                    };
                    out.report_kind(
                        "near",
                        false,
                        b.span,
                        format!(
                            "this sentence nearly repeats the one on line {line} (`{}`, {score}): the same content twice",
                            excerpt(a.span.text(text))
                        ),
                        None,
                    );
                    break;
                }
            }
        }

        // Sentences that recur across the corpus.
        if cx.index.documents() < self.cross_doc_min_df {
            return;
        }
        for (k, p) in eligible.iter().enumerate() {
            if reported[k] || first_of[k] != k {
                continue;
            }
            let df = cx.index.sentence_df(p.fingerprint);
            if df < self.cross_doc_min_df {
                continue;
            }
            let sentence = &an.sentences[p.index];
            if boilerplate_line(cx, sentence.span) {
                continue;
            }
            out.report_kind(
                "cross-document",
                false,
                p.span,
                format!("this sentence occurs in {df} documents of the corpus: copied or boilerplate text"),
                None,
            );
        }
    }
}

/// For each sentence, the first sentence with the same fingerprint (itself when none is earlier).
/// A short list is scanned; a long one goes through a map.
fn first_occurrences(eligible: &[Prepared]) -> Vec<usize> {
    const SCAN: usize = 48;
    if eligible.len() <= SCAN {
        return eligible
            .iter()
            .enumerate()
            .map(|(k, p)| {
                eligible[..k]
                    .iter()
                    .position(|q| q.fingerprint == p.fingerprint)
                    .unwrap_or(k)
            })
            .collect();
    }
    let mut first: HashMap<u64, usize> = HashMap::with_capacity(eligible.len());
    eligible
        .iter()
        .enumerate()
        .map(|(k, p)| *first.entry(p.fingerprint).or_insert(k))
        .collect()
}

/// Whether the line holding `span` is reported by `fragment/boilerplate-line` as recurring.
fn boilerplate_line(cx: &Ctx<'_>, span: Span) -> bool {
    let text = cx.text();
    let li = cx.an.lines.partition_point(|l| l.end < span.start);
    let Some(line) = cx.an.lines.get(li) else {
        return false;
    };
    let raw = line.text(text);
    raw.trim().chars().count() <= BOILERPLATE_MAX_CHARS
        && cx
            .index
            .line_df(normalize::fingerprint_with(raw, &mut Vec::new()))
            >= BOILERPLATE_MIN_DF
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::rules::testing::{assert_allows, assert_flags, run, run_with_corpus};

    const SEED_A: &str = "Ce voyage, qui a retenu Kim en Russie pendant sept jours, est le plus long jamais entrepris par le dirigeant nord-coréen depuis son arrivée au pouvoir il y a plus de dix ans.";
    const SEED_B: &str = "Ce voyage, qui a retenu Kim en Russie pendant sept jours, a été le plus long réalisé à ce jour par le leader nord-coréen depuis son arrivée au pouvoir il y a plus de dix ans.";

    #[test]
    fn flags_near_duplicates_on_the_later_one() {
        let r = NearDuplicateSentence::new();
        let text = format!(
            "Kim revient de Russie\n\n{SEED_A}\n\nLe train blindé a traversé la frontière par le seul passage terrestre.\n\n    {SEED_B}"
        );
        let found = run(&r, Lang::FR, &text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span.text(&text), SEED_B);
        assert_eq!(found[0].kind, Some("near"));
        assert_flags(
            &r,
            Lang::FR,
            "Le sommet a duré trois heures et s’est achevé sans déclaration commune. Ensuite. Le sommet, qui a duré trois heures, s’est terminé sans déclaration commune.",
            &["Le sommet, qui a duré trois heures, s’est terminé sans déclaration commune."],
        );
        assert_flags(
            &r,
            Lang::EN,
            "The visit was the longest trip abroad since he took power more than a decade ago.\n\nThe trip was the longest visit abroad since he took power more than ten years ago.",
            &["The trip was the longest visit abroad since he took power more than ten years ago."],
        );
    }

    #[test]
    fn exact_and_paragraph_duplicates() {
        let r = NearDuplicateSentence::new();
        let s = "La réunion s’est tenue à huis clos dans la capitale samedi.";
        let text = format!("{s}\n\nAutre chose.\n\n{s}\n\n{s}");
        let found = run(&r, Lang::FR, &text);
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|d| d.kind == Some("exact")));
        let para = "Le gouvernement a présenté son budget mercredi matin. Il prévoit une hausse des dépenses militaires de dix pour cent.";
        let text = format!("Titre\n\n{para}\n\nAutre chose.\n\n{para}");
        let found = run(&r, Lang::FR, &text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, Some("paragraph-dup"));
        assert_eq!(found[0].span.text(&text), para);
    }

    #[test]
    fn headline_echoes_are_info_only() {
        let r = NearDuplicateSentence::new();
        // The lead repeats the headline (not counted as a duplicate): one info finding.
        let text = "Kim rentre de Russie après une visite de six jours\n\nKim est rentré de Russie mardi après une visite de six jours.";
        let found = run(&r, Lang::FR, text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].kind, Some("headline-echo"));
        assert_eq!(found[0].severity, Severity::Info);
        assert_eq!(
            found[0].span.text(text),
            "Kim est rentré de Russie mardi après une visite de six jours."
        );
        // The seed's reworded echo (D30): at least half of the headline's content words.
        let text = "Kim revient de Russie après une visite qui a « ouvert une nouvelle page » dans les relations bilatérales\n\nUne autre phrase sur le train blindé.\n\nLe voyage « ouvrait une nouvelle page » en ce qui concerne les relations bilatérales, selon Kim.";
        let found = run(&r, Lang::FR, text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].span.text(text).starts_with("Le voyage"));
        // A headline and a lead on the same subject in other words: nothing.
        assert_allows(
            &r,
            Lang::FR,
            "Kim rentre de Russie\n\nLe dirigeant est arrivé mardi à Pyongyang après une visite de six jours.",
        );
        // Too short a headline to tell.
        assert_allows(
            &r,
            Lang::FR,
            "Kim en Russie\n\nKim est arrivé en Russie mardi.",
        );
    }

    #[test]
    fn allows_different_sentences_titles_and_quotes() {
        let r = NearDuplicateSentence::new();
        assert_allows(
            &r,
            Lang::FR,
            "Le taux de chômage a baissé de 0,2 point en mars. Le taux d’inflation a augmenté de 0,4 point en avril.",
        );
        assert_allows(
            &r,
            Lang::FR,
            "Il a répété : « Nous ne céderons jamais devant la menace des terroristes. » Puis : « Nous ne céderons jamais devant la menace des terroristes. »",
        );
        // Short sentences are not compared.
        assert_allows(&r, Lang::FR, "Il pleut. Il pleut. Il pleut.");
    }

    #[test]
    fn cross_document_duplicates() {
        let r = NearDuplicateSentence {
            cross_doc_min_df: 5,
        };
        let s = "Cet article a été traduit automatiquement par notre partenaire technique.";
        let doc = format!("Titre\n\nUn texte sur la météo du jour. {s}");
        let others: Vec<String> = (0..6)
            .map(|i| format!("Titre {i}\n\nAutre texte numéro {i}. {s}"))
            .collect();
        let corpus: Vec<&str> = others.iter().map(String::as_str).collect();
        let found = run_with_corpus(&r, Lang::FR, &doc, &corpus);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, Some("cross-document"));
        assert_eq!(found[0].span.text(&doc), s);
        // Below the threshold, nothing.
        let found = run_with_corpus(&r, Lang::FR, &doc, &corpus[..2]);
        assert!(found.is_empty());
    }

    #[test]
    fn shared_words_agree_for_few_and_many_sentences() {
        let vocabulary = [
            "le",
            "président",
            "a",
            "dit",
            "que",
            "la",
            "réunion",
            "été",
            "Été",
            "longue",
            "x",
        ];
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut text = String::new();
        for _ in 0..60 {
            for _ in 0..8 + (seed % 9) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(vocabulary[(seed % vocabulary.len() as u64) as usize]);
                text.push(' ');
            }
            text.push_str(".\n");
        }
        let an = Analysis::new(&text, Some(Lang::FR));
        let (mut keys, mut norms, mut few, mut many) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        prepare(&an, None, &mut keys, &mut norms, &mut few);
        assert!(few.len() > 40, "{}", few.len());
        prepare(&an, None, &mut keys, &mut norms, &mut many);
        assert_eq!(
            shared_words_few(&mut few, &keys, &mut Tables::default()),
            shared_words_many(&mut many, &keys)
        );
        assert!(
            few.iter()
                .zip(&many)
                .all(|(a, b)| a.words == b.words && a.words > 0)
        );
    }

    #[test]
    fn fingerprints_match_the_index() {
        let text = "L’Élysée a confirmé la visite du président à Kiev, le 12 mars, selon l’AFP. \
            Le CHEF de l’État, M. Dupont-Aignan, arrivera lundi 3 avril à 10 h 30 à l’aéroport. \
            Le dirigeant 習近平 a dit 🙂 que la réunion s’est tenue à Pékin ΣΟΦΊΑ hier soir. \
            Le mot ÉTÉÉTÉÉTÉÉTÉÉTÉÉTÉÉTÉÉTÉÉTÉÉTÉÉTÉÉTÉÉTÉÉTÉÉTÉÉTÉÉTÉÉTÉÉTÉÉTÉÉTÉÉTÉÉTÉÉTÉÉTÉ \
            et le mot ÉTÉÉTÉÉTÉÉTÉÉTÉÉTÉÉTÉÉTÉÉTÉÉTÉÉTÉaaa sont très longs ici.";
        let an = Analysis::new(text, Some(Lang::FR));
        let (mut words, mut norms, mut prepared) = (Vec::new(), Vec::new(), Vec::new());
        prepare(&an, None, &mut words, &mut norms, &mut prepared);
        let words: Vec<(u64, u32)> = words.into_iter().map(|k| (k, 0)).collect();
        assert_eq!(prepared.len(), 4);
        for (k, p) in prepared.iter().enumerate() {
            assert_eq!(
                p.fingerprint,
                crate::index::sentence_fingerprint(&an, &an.sentences[k])
            );
        }
        // Each word's key is the `word_key` of its normalised form.
        let mut key = String::new();
        let keys: Vec<u64> = an
            .tokens
            .iter()
            .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
            .map(|t| {
                normalize::fold_key(t.text(text), &mut key);
                super::super::word_key(key.as_bytes())
            })
            .collect();
        assert_eq!(words.iter().map(|w| w.0).collect::<Vec<_>>(), keys);
    }
}
