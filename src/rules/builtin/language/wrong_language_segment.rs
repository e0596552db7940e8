//! `language/wrong-language-segment`: a sentence in another language than the document's
//! (untranslated or source-copied text, off-target MT), and runs of another script.
//!
//! Speed: every sentence of six words or more gets a stop-word profile (one hash look-up per
//! word); whatlang, which is slow, only confirms the rare sentences whose profile points to another
//! language.

use std::ops::ControlFlow;
use std::sync::LazyLock;

use crate::diagnostic::Severity;
use crate::lang::Lang;
use crate::lang::detect::{STOPWORD_DATA, STOPWORD_LANGS};
use crate::lang::words::{self, read_partial};
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};
use crate::span::Span;
use crate::tokenize::{Analysis, Sentence, Token, TokenKind};

/// Sentences shorter than this (in words, quotes and URLs left out) are not judged...
const MIN_WORDS: usize = 6;
/// ...nor shorter than this many bytes.
const MIN_BYTES: usize = 40;
/// Quotations of at most this many words are left out of the judgement (slogans, titles).
const MAX_QUOTE_WORDS: usize = 8;
/// The other language needs at least this many stop words...
const MIN_FOREIGN_STOPWORDS: u32 = 3;
/// A flagged share of the document's letters above this (percent) makes a document-level finding.
const DOCUMENT_PERCENT: usize = 30;
/// Only the first this many word parts of a sentence are profiled.
const MAX_PARTS: usize = 64;
/// Runs of another script shorter than this (in words) are left alone (a quoted original name).
const MIN_SCRIPT_WORDS: usize = 3;

fn whatlang_of(lang: Lang) -> Option<whatlang::Lang> {
    Some(match lang {
        Lang::FR => whatlang::Lang::Fra,
        Lang::EN => whatlang::Lang::Eng,
        Lang::DE => whatlang::Lang::Deu,
        Lang::ES => whatlang::Lang::Spa,
        Lang::IT => whatlang::Lang::Ita,
        Lang::PT => whatlang::Lang::Por,
        Lang::NL => whatlang::Lang::Nld,
        _ => return None,
    })
}

static DETECTOR: LazyLock<whatlang::Detector> = LazyLock::new(|| {
    whatlang::Detector::with_allowlist(
        STOPWORD_LANGS
            .iter()
            .filter_map(|&l| whatlang_of(l))
            .collect(),
    )
});

fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::FR => "French",
        Lang::EN => "English",
        Lang::DE => "German",
        Lang::ES => "Spanish",
        Lang::IT => "Italian",
        Lang::PT => "Portuguese",
        Lang::NL => "Dutch",
        _ => "another language",
    }
}

pub struct WrongLanguageSegment;

impl Rule for WrongLanguageSegment {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "language/wrong-language-segment".into(),
            severity: Severity::Error,
            summary: "a sentence in another language than the document's".into(),
            explanation: "An untranslated sentence (source copy, off-target machine translation) is \
                an accuracy error of the worst kind. Each sentence of at least six words and 40 \
                bytes, without its short quotations (8 words or fewer), brackets and URLs, is profiled by its \
                stop words in French, English, German, Spanish, Italian, Portuguese and Dutch; when \
                another language has at least three stop words and more than twice the document \
                language's, whatlang confirms (it must be reliable and not the document's \
                language). Consecutive hits are merged; past 30% of the document's text the \
                finding is a single `document` one. Sentences where most words are capitalised or \
                numbers (names, titles) are skipped. Sub-kind `script-mix`: three words or more in \
                Cyrillic, Greek, Arabic or Hebrew inside a Latin-script document, outside quotes \
                and brackets. Documents in other languages than the seven are not checked."
                .into(),
            flagged: examples(&[
                (
                    "fr",
                    "Le ministère a publié un communiqué mardi. The ministry did not respond to repeated requests for comment on Tuesday.",
                ),
                (
                    "en",
                    "The ministry issued a statement. Le ministère n’a pas répondu aux demandes de commentaires mardi soir.",
                ),
                (
                    "fr",
                    "Les familles peuvent encore faire vacciner leurs enfants. Families who did not give their consent can still have their children vaccinated by a doctor or at a pharmacy, the authorities said.",
                ),
                (
                    "fr",
                    "Le communiqué se terminait ainsi : Мы будем продолжать работу вместе с партнерами.",
                ),
            ]),
            allowed: examples(&[
                (
                    "fr",
                    "Le slogan « Make America Great Again » a été repris par ses partisans.",
                ),
                (
                    "en",
                    "The café on the Rue de Rivoli reopened on Monday after renovations.",
                ),
                (
                    "fr",
                    "Il a cité le livre The Lord of the Rings pendant la conférence de presse.",
                ),
                ("fr", "La capitale russe, Moscou (en russe : Москва), compte douze millions d’habitants."),
            ]),
            languages: Vec::new(),
            default_enabled: true,
            origin: file!().into(),
        }
    }

    fn check(&self, cx: &Ctx<'_>, out: &mut Sink<'_>) {
        let an = cx.an;
        let lang = an.lang;
        let Some(own) = STOPWORD_LANGS.iter().position(|&l| l == lang) else {
            return;
        };
        let text = an.text;
        // Flagged sentences: (span, detected language).
        let mut hits: Vec<(Span, Lang)> = Vec::new();
        let mut scratch = String::new();
        for s in &an.sentences {
            if s.span.len() < MIN_BYTES {
                continue;
            }
            let Some(foreign) = candidate(an, s, own, &mut scratch) else {
                continue;
            };
            // Confirm with whatlang on the sentence without its short quotes and URLs.
            let Some(info) = DETECTOR.detect(&scratch) else {
                continue;
            };
            if !info.is_reliable() || Some(info.lang()) == whatlang_of(lang) {
                continue;
            }
            let detected = STOPWORD_LANGS
                .iter()
                .copied()
                .find(|&l| whatlang_of(l) == Some(info.lang()))
                .unwrap_or(foreign);
            hits.push((s.span, detected));
        }
        let sentences = hits.len();
        // Merge hits that follow each other (only whitespace between) in one language.
        let mut runs: Vec<(Span, Lang)> = Vec::new();
        for (span, l) in hits {
            if let Some(last) = runs.last_mut()
                && last.1 == l
                && text
                    .get(last.0.end as usize..span.start as usize)
                    .is_some_and(|gap| gap.trim().is_empty())
            {
                last.0.end = span.end;
                continue;
            }
            runs.push((span, l));
        }
        if !runs.is_empty() {
            let flagged: usize = runs.iter().map(|r| r.0.len()).sum();
            let total = text.trim().len().max(1);
            if flagged * 100 > total * DOCUMENT_PERCENT && sentences > 1 {
                let l = runs[0].1;
                out.report_kind(
                    "document",
                    true,
                    runs[0].0,
                    format!(
                        "most of this document ({}%) is in {}, not {}",
                        flagged * 100 / total,
                        lang_name(l),
                        lang_name(lang)
                    ),
                    None,
                );
            } else {
                for (span, l) in runs {
                    out.report(
                        span,
                        format!(
                            "this sentence is in {}, not {}: untranslated?",
                            lang_name(l),
                            lang_name(lang)
                        ),
                    );
                }
            }
        }
        script_mix(an, out);
    }
}

/// Whether the token at `i` opens or closes a quotation: 1 open, -1 close, 2 toggle (`"`), 0 none.
/// Takes the token's bytes: a slice of valid UTF-8 equal to a whole quotation mark's encoding
/// starts and ends on character boundaries (its first byte is a lead byte and the mark is
/// complete), so this answers as matching the token's text would.
fn quote_kind(t: &[u8]) -> i8 {
    match t {
        [0xC2, 0xAB] | [0xE2, 0x80, 0x9C | 0x9E | 0xB9] => 1, // « “ „ ‹
        [0xC2, 0xBB] | [0xE2, 0x80, 0x9D | 0xBA] => -1,       // » ” ›
        [b'"'] => 2,
        _ => 0,
    }
}

/// The bytes of token `t` (none when out of range, as `Token::text` gives ""; a token always
/// starts and ends on character boundaries).
#[inline]
fn token_bytes<'a>(text: &'a str, t: &Token) -> &'a [u8] {
    text.as_bytes()
        .get(t.start as usize..t.end as usize)
        .unwrap_or(&[])
}

/// The words of a sentence that count: outside quotations of `MAX_QUOTE_WORDS` words or fewer,
/// outside brackets (an original quotation given in brackets is no error) and outside URLs. Calls
/// `f` with each word's token and bytes, in order, until it breaks.
fn counted_words(
    an: &Analysis<'_>,
    s: &Sentence,
    mut f: impl FnMut(&Token, &[u8]) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let toks = an.sentence_tokens(s);
    let text = an.text;
    let mut i = 0;
    while let Some(t) = toks.get(i) {
        match t.kind {
            TokenKind::Word => {
                let w = token_bytes(text, t);
                if w.starts_with(b"http") || w.starts_with(b"www") {
                    // Skip to the next space.
                    while toks.get(i).is_some_and(|t| t.kind != TokenKind::Space) {
                        i += 1;
                    }
                    continue;
                }
                f(t, w)?;
            }
            TokenKind::Punct | TokenKind::Symbol => {
                if t.kind == TokenKind::Punct
                    && t.end - t.start == 1
                    && byte_at(text, t.start) == b'('
                {
                    // Brackets often give an original quotation or name: skip them.
                    let close = toks[i..]
                        .iter()
                        .position(|x| x.end - x.start == 1 && byte_at(text, x.start) == b')');
                    i = close.map_or(toks.len(), |c| i + c + 1);
                    continue;
                }
                let q = quote_kind(token_bytes(text, t));
                if q == 1 || q == 2 {
                    // Find the closing quote and count the words inside.
                    let mut j = i + 1;
                    let mut words = 0;
                    while j < toks.len() {
                        let k = quote_kind(token_bytes(text, &toks[j]));
                        if k == -1 || (q == 2 && k == 2) {
                            break;
                        }
                        words += usize::from(toks[j].is_word());
                        j += 1;
                    }
                    if j < toks.len() && words <= MAX_QUOTE_WORDS {
                        i = j + 1;
                        continue;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    ControlFlow::Continue(())
}

/// The byte at `at` (0 past the end).
fn byte_at(text: &str, at: u32) -> u8 {
    text.as_bytes().get(at as usize).copied().unwrap_or(0)
}

/// For each 7-bit stop-word mask, bit `i` moved to byte `i`.
const SPREAD: [u64; 128] = {
    let mut t = [0u64; 128];
    let mut m = 0;
    while m < 128 {
        let mut i = 0;
        while i < 7 {
            t[m] |= ((m as u64 >> i) & 1) << (8 * i);
            i += 1;
        }
        m += 1;
    }
    t
};
const _: () = assert!(MAX_PARTS < 256 && STOPWORD_LANGS.len() == 7);

/// Bytes 0 to 6 of a packed profile, one per language.
const ONES: u64 = 0x0001_0101_0101_0101;

/// The stop-word counts per language of the first `MAX_PARTS` parts of a sentence (as
/// `stopword_scores` gives them), so far.
struct Profile {
    /// One byte per language (`MAX_PARTS` < 256, so no byte overflows).
    packed: u64,
    /// The count of the document's language (byte `own` of `packed`).
    mine: usize,
    /// Parts counted.
    parts: usize,
    own: usize,
}

impl Profile {
    fn full(&self) -> bool {
        self.parts >= MAX_PARTS
    }

    /// Counts one part, by its stop-word mask.
    #[inline]
    fn add(&mut self, mask: u8) {
        self.parts += 1;
        self.packed += SPREAD[usize::from(mask & 0x7F)];
        self.mine += usize::from(mask >> self.own & 1);
    }

    /// Whether no language but own's can end with at least `MIN_FOREIGN_STOPWORDS` stop words and
    /// more than twice own's, when at most `left` more parts come (fewer are counted past
    /// `MAX_PARTS`): each foreign count plus those stays at most
    /// `max(2 × own's, MIN_FOREIGN_STOPWORDS − 1)`, own's count only growing.
    #[inline]
    fn settled(&self, left: usize) -> bool {
        let left = left.min(MAX_PARTS.saturating_sub(self.parts));
        let most = (2 * self.mine).max(MIN_FOREIGN_STOPWORDS as usize - 1);
        if left > most {
            return false;
        }
        let (Ok(left), Ok(most)) = (u64::try_from(left), u64::try_from(most)) else {
            return false;
        };
        // Bytes hold at most `MAX_PARTS` (64), and `left <= most <= 128`: adding `left` then
        // `127 - most` to every byte stays below 256 (no carry), and sets a byte's high bit exactly
        // when that count plus `left` exceeds `most`.
        let foreign = self.packed & !(0xFF << (8 * self.own));
        (foreign + left * ONES + (127 - most) * ONES) & (0x80 * ONES) == 0
    }
}

/// Stop-word masks (as [`words::stopword_mask`]) in an open-addressing table keyed by a word's
/// bytes, ASCII letters lowercased, and its length, in registers ([`ShortStops::packed`]): of the
/// words of up to `PACKED_BYTES` bytes that lowercasing changes in their ASCII letters only (an
/// ASCII word of up to `MAX_BYTES` bytes, the look-up of most words, from one load of the text).
/// And two tests that rule out most other words without a look-up.
/// Every line of the stop-word lists, trimmed (comments included).
fn list_lines() -> impl Iterator<Item = &'static str> {
    STOPWORD_DATA.iter().flat_map(|d| d.lines()).map(str::trim)
}

struct ShortStops {
    packed_keys: Vec<u128>,
    packed_masks: Vec<u8>,
    /// The longest stop word, in bytes: a word of more characters than this is none in any case,
    /// with no look-up (lowercasing gives at least one character for each, of at least one byte).
    max_len: usize,
    /// For each byte, the lengths of the stop words longer than `MAX_BYTES` that start with it
    /// (their first byte ASCII-lowercased): bit `len - MAX_BYTES - 1`, the last bit for all longer
    /// ones. An ASCII word whose length is not there for its lowercased first byte is none.
    long_first: [u64; 256],
}

impl ShortStops {
    /// Words of up to this many ASCII bytes are looked up from one load of the text.
    const MAX_BYTES: usize = 7;
    /// Longer words are not in the packed table.
    const PACKED_BYTES: usize = 15;

    fn new() -> ShortStops {
        let max_len = list_lines()
            .filter(|w| !w.starts_with('#'))
            .map(str::len)
            .max()
            .unwrap_or(0);
        let mut long_first = [0u64; 256];
        for w in list_lines().filter(|w| !w.starts_with('#')) {
            if let Some(&first) = w.as_bytes().first()
                && w.len() > Self::MAX_BYTES
            {
                long_first[usize::from(first.to_ascii_lowercase())] |= Self::long_bit(w.len());
            }
        }
        // Every line of the lists that may be an entry of the table (a superset of them: a line
        // that is no entry gets mask 0, as if absent). An entry with a capital matches no
        // lowercased word.
        let packed_lines: Vec<&str> = list_lines()
            .filter(|w| {
                (1..=Self::PACKED_BYTES).contains(&w.len())
                    && !w.bytes().any(|b| b.is_ascii_uppercase())
            })
            .collect();
        let packed_size = (packed_lines.len() * 4).next_power_of_two();
        let mut packed_keys = vec![0; packed_size];
        let mut packed_masks = vec![0; packed_size];
        for w in packed_lines {
            let key = Self::packed(w.as_bytes());
            let mut i = Self::packed_slot(key, packed_size);
            while packed_keys[i] != 0 && packed_keys[i] != key {
                i = (i + 1) & (packed_size - 1);
            }
            packed_keys[i] = key;
            packed_masks[i] = words::stopword_mask(w);
        }
        ShortStops {
            packed_keys,
            packed_masks,
            max_len,
            long_first,
        }
    }

    /// The bit of `long_first` for a length above `MAX_BYTES`.
    #[inline]
    fn long_bit(len: usize) -> u64 {
        1 << len.saturating_sub(Self::MAX_BYTES + 1).min(63)
    }

    /// Whether an ASCII word of more than `MAX_BYTES` bytes may be a stop word in any case: some
    /// stop word has its length and its first letter (see `long_first`).
    #[inline]
    fn long_may_be(&self, w: &[u8]) -> bool {
        w.first().is_none_or(|&b| {
            self.long_first[usize::from(b.to_ascii_lowercase())] & Self::long_bit(w.len()) != 0
        })
    }

    /// Whether a word longer than `MAX_BYTES` bytes, or with a non-ASCII byte (`non_ascii`), may be
    /// a stop word in any case (see `max_len` and `long_first`).
    #[inline]
    fn may_be(&self, w: &[u8], non_ascii: bool) -> bool {
        if non_ascii {
            w.len() <= self.max_len || char_count(w) <= self.max_len
        } else {
            self.long_may_be(w)
        }
    }

    /// A word of 1 to `PACKED_BYTES` bytes, its ASCII letters lowercased, and its length in the
    /// top byte.
    #[inline]
    fn packed(w: &[u8]) -> u128 {
        let (lo, hi) = match w.split_first_chunk::<8>() {
            Some((lo, hi)) => (u64::from_le_bytes(*lo), read_partial(hi)),
            None => (read_partial(w), 0),
        };
        Self::packed_of(lo, hi, w.len())
    }

    /// [`ShortStops::packed`] of the word of `len` bytes whose bytes are `lo` and `hi`
    /// (zero-padded).
    #[inline]
    fn packed_of(lo: u64, hi: u64, len: usize) -> u128 {
        let hi = words::ascii_lower8(hi) | (len as u64) << 56;
        u128::from(words::ascii_lower8(lo)) | u128::from(hi) << 64
    }

    #[inline]
    fn packed_slot(key: u128, size: usize) -> usize {
        let x = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
        (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize & (size - 1)
    }

    /// The stop-word mask of a word of 1 to `PACKED_BYTES` bytes in any case, when lowercasing
    /// it lowercases its ASCII letters only (as [`words::stopword_mask_plain`]).
    fn packed_mask(&self, w: &[u8]) -> u8 {
        self.packed_key_mask(Self::packed(w))
    }

    /// [`ShortStops::packed_mask`] of the word of `len` bytes whose bytes are `lo` and `hi`
    /// (zero-padded).
    #[inline]
    fn packed_mask_of(&self, lo: u64, hi: u64, len: usize) -> u8 {
        self.packed_key_mask(Self::packed_of(lo, hi, len))
    }

    fn packed_key_mask(&self, key: u128) -> u8 {
        let size = self.packed_keys.len();
        let mut i = Self::packed_slot(key, size);
        while let Some(&k) = self.packed_keys.get(i) {
            if k == key {
                return self.packed_masks.get(i).copied().unwrap_or(0);
            }
            if k == 0 {
                return 0;
            }
            i = (i + 1) & (size - 1);
        }
        0
    }

    /// The stop-word mask of an ASCII word of 1 to `MAX_BYTES` bytes in any case (as
    /// [`words::stopword_mask_plain`]).
    #[inline]
    fn mask(&self, w: &[u8]) -> u8 {
        self.mask_of(read_partial(w), w.len())
    }

    /// [`ShortStops::mask`] of the word of `len` bytes whose bytes are `x` (as [`read_partial`]
    /// gives them).
    #[inline]
    fn mask_of(&self, x: u64, len: usize) -> u8 {
        self.packed_mask_of(x, 0, len)
    }
}

static SHORT_STOPS: LazyLock<ShortStops> = LazyLock::new(ShortStops::new);

/// When the stop-word profile of a sentence points to another language: that language, with the
/// sentence's counted words (space-separated) in `scratch` for whatlang.
///
/// The profile stops as soon as the parts still to come cannot change that answer from `None`
/// (see [`Profile::settled`]): at most one part per word token left, plus one per apostrophe left (`’`
/// counted by its lead byte 0xE2, which other characters share: an upper bound).
fn candidate(an: &Analysis<'_>, s: &Sentence, own: usize, scratch: &mut String) -> Option<Lang> {
    let text = an.text;
    let toks = an.sentence_tokens(s);
    let mut words_left = toks.iter().filter(|t| t.is_word()).count();
    let covered = match (toks.first(), toks.last()) {
        (Some(a), Some(b)) => text.as_bytes().get(a.start as usize..b.end as usize),
        _ => None,
    };
    let mut marks_left = covered.map_or(0, count_marks);
    let mut words = 0usize;
    let mut caps = 0usize;
    let mut profile = Profile {
        packed: 0,
        mine: 0,
        parts: 0,
        own,
    };
    let mut buf = String::new();
    let stops = &*SHORT_STOPS;
    let profiled = counted_words(an, s, |t, w| {
        words += 1;
        caps += usize::from(starts_with_capital_or_digit(w));
        words_left = words_left.saturating_sub(1);
        // A short ASCII word without apostrophe (most words): one load of its bytes gives both
        // its tests and its look-up key.
        let x = (w.len() <= ShortStops::MAX_BYTES).then(|| head(text, t.start, w));
        match x {
            Some(x) if x & HIGH == 0 && !has_byte(x, b'\'') => {
                if !profile.full() && !w.is_empty() {
                    profile.add(stops.mask_of(x, w.len()));
                }
            }
            _ => {
                let marks = profile_word(stops, text, t, &mut profile, &mut buf);
                marks_left = marks_left.saturating_sub(marks);
            }
        }
        if profile.settled(words_left + marks_left) {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    });
    let packed = profile.packed;
    if profiled.is_break() || words < MIN_WORDS || caps * 2 > words {
        return None;
    }
    let counts: [u32; 7] = std::array::from_fn(|i| (packed >> (8 * i)) as u32 & 0xFF);
    let mut scores = [(Lang::UND, 0u32); 7];
    for (slot, (&lang, &count)) in scores.iter_mut().zip(STOPWORD_LANGS.iter().zip(&counts)) {
        *slot = (lang, count);
    }
    let mine = scores[own].1;
    let (best, count) = scores
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != own)
        .map(|(_, s)| *s)
        .max_by_key(|s| s.1)?;
    if count < MIN_FOREIGN_STOPWORDS || count <= 2 * mine {
        return None;
    }
    scratch.clear();
    let _ = counted_words(an, s, |t, _| {
        if !scratch.is_empty() {
            scratch.push(' ');
        }
        scratch.push_str(t.text(text));
        ControlFlow::Continue(())
    });
    Some(best)
}

/// The bytes of `b` that are `'` or 0xE2 (the lead byte of `’`), counted in blocks of 255 in one
/// byte each (which vectorises).
fn count_marks(b: &[u8]) -> usize {
    b.chunks(255)
        .map(|c| {
            let n = c
                .iter()
                .fold(0u8, |n, &x| n + u8::from(x == b'\'' || x == 0xE2));
            usize::from(n)
        })
        .sum()
}

/// Adds a word to `profile` (unless full): its stop-word mask, or those of its parts when it has
/// apostrophes (`n’a`: elisions count as their parts, as `str::split` on `'` and `’` gives them).
/// Returns the number of apostrophes. For the words other than short ASCII ones without
/// apostrophe, kept out of the main loop.
#[inline(never)]
fn profile_word(
    stops: &ShortStops,
    text: &str,
    t: &Token,
    profile: &mut Profile,
    buf: &mut String,
) -> usize {
    let word = t.text(text);
    let b = word.as_bytes();
    if let Some((lo, hi)) = head_packed(text, t.start, b) {
        // Up to 15 bytes, in two registers: the scans, the tests and the look-up key from them.
        let mark =
            has_byte(lo, b'\'') | has_byte(hi, b'\'') | has_byte(lo, 0xE2) | has_byte(hi, 0xE2);
        if !mark {
            if !profile.full() && !b.is_empty() {
                let mask = if (lo | hi) & HIGH == 0 {
                    if b.len() <= ShortStops::MAX_BYTES {
                        stops.mask_of(lo, b.len())
                    } else if stops.long_may_be(b) {
                        stops.packed_mask_of(lo, hi, b.len())
                    } else {
                        0
                    }
                } else if not_lowercase_latin1(lo) | not_lowercase_latin1(hi) == 0 {
                    if b.len() <= stops.max_len {
                        stops.packed_mask_of(lo, hi, b.len())
                    } else {
                        0
                    }
                } else {
                    part_mask(stops, word, true, buf)
                };
                profile.add(mask);
            }
            return 0;
        }
    }
    let (non_ascii, mark) = scan_word(b);
    if !mark {
        if !profile.full() && !b.is_empty() {
            profile.add(part_mask(stops, word, non_ascii, buf));
        }
        return 0;
    }
    let mut add = |from: usize, to: usize| {
        if let Some(p) = word.get(from..to)
            && !profile.full()
            && !p.is_empty()
        {
            profile.add(part_mask(stops, p, !p.is_ascii(), buf));
        }
    };
    let (mut marks, mut from, mut i) = (0, 0, 0);
    while let Some(&c) = b.get(i) {
        // `’` is E2 80 99; a lead byte, so it starts a character.
        let len = match c {
            b'\'' => 1,
            0xE2 if b.get(i + 1..i + 3) == Some(&[0x80, 0x99]) => 3,
            _ => 0,
        };
        if len == 0 {
            i += 1;
        } else {
            add(from, i);
            marks += 1;
            i += len;
            from = i;
        }
    }
    add(from, b.len());
    marks
}

/// The stop-word mask of a word or part of a word without apostrophe, in any case (as
/// [`words::stopword_mask_any_case`]; `non_ascii` tells whether it has a non-ASCII byte): from
/// the table when short and ASCII, none when [`ShortStops::may_be`] rules it out.
#[inline]
fn part_mask(stops: &ShortStops, p: &str, non_ascii: bool, buf: &mut String) -> u8 {
    let b = p.as_bytes();
    if !non_ascii && b.len() <= ShortStops::MAX_BYTES {
        stops.mask(b)
    } else if !stops.may_be(b, non_ascii) {
        0
    } else if b.len() <= ShortStops::PACKED_BYTES && (!non_ascii || lowercase_latin1(b)) {
        stops.packed_mask(b)
    } else {
        match words::stopword_mask_plain(p, non_ascii) {
            Some(mask) => mask,
            None => words::stopword_mask_any_case(p, buf),
        }
    }
}

/// Whether `b` (valid UTF-8) holds only ASCII and the small letters `à` to `ÿ` (and `÷`): bytes
/// below 0x80, 0xC3, and 0xA0 to 0xBF (which then can only follow 0xC3), eight at a time.
/// Lowercasing such a word lowercases its ASCII letters only.
fn lowercase_latin1(b: &[u8]) -> bool {
    let mut chunks = b.chunks_exact(8);
    let mut any = 0;
    for c in &mut chunks {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        any |= not_lowercase_latin1(u64::from_le_bytes(a));
    }
    any | not_lowercase_latin1(read_partial(chunks.remainder())) == 0
}

/// The bytes of `x` that [`lowercase_latin1`] rules out (non-ASCII, and neither 0xC3 nor 0xA0 to
/// 0xBF), each marked by its high bit.
#[inline]
fn not_lowercase_latin1(x: u64) -> u64 {
    // The high bit of each byte of `v` that is not zero (exact: no carry crosses a byte).
    let nonzero = |v: u64| (((v & (0x7F * LOW)) + 0x7F * LOW) | v) & HIGH;
    x & nonzero((x ^ (0xA0 * LOW)) & (0xE0 * LOW)) & nonzero(x ^ (0xC3 * LOW))
}

/// The bytes of word `w` (of at most `ShortStops::PACKED_BYTES` bytes, starting at `start` in
/// `text`), zero-padded, in two halves: one load from the text, masked to the word's length. None
/// for a longer word, or near the end of the text.
#[inline]
fn head_packed(text: &str, start: u32, w: &[u8]) -> Option<(u64, u64)> {
    let c = text.as_bytes().get(start as usize..)?.first_chunk::<16>()?;
    let x = u128::from_le_bytes(*c);
    let n = w.len();
    let keep = |len: usize| u64::MAX.checked_shr(64 - 8 * len as u32).unwrap_or(0);
    match n {
        0..=8 => Some((x as u64 & keep(n), 0)),
        9..=ShortStops::PACKED_BYTES => Some((x as u64, (x >> 64) as u64 & keep(n - 8))),
        _ => None,
    }
}

/// The bytes of word `w` (of at most seven bytes, starting at `start` in `text`) as
/// [`read_partial`] gives them: one load from the text, masked to the word's length, or
/// [`read_partial`] near the end of the text.
#[inline]
fn head(text: &str, start: u32, w: &[u8]) -> u64 {
    match text
        .as_bytes()
        .get(start as usize..)
        .and_then(|b| b.first_chunk::<8>())
    {
        Some(c) if w.len() < 8 => {
            u64::from_le_bytes(*c) & u64::MAX.checked_shr(64 - 8 * w.len() as u32).unwrap_or(0)
        }
        _ => read_partial(w),
    }
}

const LOW: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Whether the eight bytes of `x` hold a byte `c` (the exact zero-byte test on `x ^ c…c`; the
/// zero padding of a partial read differs from both bytes sought below).
#[inline]
fn has_byte(x: u64, c: u8) -> bool {
    let v = x ^ (u64::from(c) * LOW);
    v.wrapping_sub(LOW) & !v & HIGH != 0
}

/// The characters of `b` (valid UTF-8): its bytes but the continuation bytes (`10xxxxxx`), eight
/// at a time.
fn char_count(b: &[u8]) -> usize {
    let mut continuation = 0;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        let x = u64::from_le_bytes(a);
        continuation += (x & !(x << 1) & HIGH).count_ones() as usize;
    }
    let x = read_partial(chunks.remainder());
    continuation += (x & !(x << 1) & HIGH).count_ones() as usize;
    b.len() - continuation
}

/// Whether a word's bytes hold a non-ASCII byte, and whether they hold `'` or 0xE2 (the lead byte
/// of `’`): eight bytes at a time.
#[inline]
fn scan_word(b: &[u8]) -> (bool, bool) {
    let (mut high, mut mark) = (0u64, false);
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        let x = u64::from_le_bytes(a);
        high |= x;
        mark |= has_byte(x, b'\'') | has_byte(x, 0xE2);
    }
    let x = read_partial(chunks.remainder());
    high |= x;
    mark |= has_byte(x, b'\'') | has_byte(x, 0xE2);
    (high & HIGH != 0, mark)
}

/// Whether the first character of a word is a capital or a digit (`char::is_uppercase`,
/// `char::is_numeric`), from its byte when ASCII.
#[inline]
fn starts_with_capital_or_digit(w: &[u8]) -> bool {
    match w.first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase() || b.is_ascii_digit(),
        Some(&b) => {
            let len = match b {
                0xF0.. => 4,
                0xE0.. => 3,
                _ => 2,
            };
            w.get(..len)
                .and_then(|c| std::str::from_utf8(c).ok())
                .and_then(|c| c.chars().next())
                .is_some_and(|c| c.is_uppercase() || c.is_numeric())
        }
        None => false,
    }
}

/// A letter of a script that has no business in a Latin-script text outside quotes.
fn foreign_script(c: char) -> Option<&'static str> {
    match c {
        '\u{0370}'..='\u{03FF}' => Some("Greek"),
        '\u{0400}'..='\u{052F}' => Some("Cyrillic"),
        '\u{0590}'..='\u{05FF}' => Some("Hebrew"),
        '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' => Some("Arabic"),
        _ => None,
    }
}

/// `script-mix`: runs of `MIN_SCRIPT_WORDS` words or more in another script, outside quotes and
/// brackets, in a Latin-script document.
fn script_mix(an: &Analysis<'_>, out: &mut Sink<'_>) {
    let text = an.text;
    // Every character of `foreign_script` is encoded with a lead byte from 0xCD (U+0340) to 0xDD
    // (U+077F): without one, there is nothing to report.
    if !text.as_bytes().chunks(32).any(|c| {
        c.iter()
            .fold(false, |a, &b| a | (b.wrapping_sub(0xCD) <= 0x10))
    }) {
        return;
    }
    let mut depth = 0i32; // quotes and brackets
    let mut run: Option<(Span, usize, &'static str)> = None;
    let mut latin = 0usize;
    let mut runs: Vec<(Span, usize, &'static str)> = Vec::new();
    for t in &an.tokens {
        match t.kind {
            TokenKind::Punct => {
                let p = t.text(text);
                match p {
                    "(" | "[" | "«" | "“" | "„" => depth += 1,
                    ")" | "]" | "»" | "”" => depth = (depth - 1).max(0),
                    _ => {}
                }
            }
            TokenKind::Newline => depth = 0,
            TokenKind::Word => {
                let w = t.text(text);
                // Letters below U+0370 are Latin (or not letters): no foreign script.
                let script = w
                    .chars()
                    .next()
                    .filter(|&c| c >= '\u{370}')
                    .and_then(foreign_script);
                match script {
                    Some(sc) if depth == 0 => match run.as_mut() {
                        Some(r) if r.2 == sc => {
                            r.0.end = t.end;
                            r.1 += 1;
                        }
                        _ => {
                            runs.extend(run.take());
                            run = Some((t.span(), 1, sc));
                        }
                    },
                    Some(_) => {}
                    None => {
                        if w.chars().next().is_some_and(|c| c.is_alphabetic()) {
                            latin += 1;
                        }
                        runs.extend(run.take());
                    }
                }
            }
            _ => {}
        }
    }
    runs.extend(run);
    if latin == 0 {
        return;
    }
    for (span, words, script) in runs {
        if words >= MIN_SCRIPT_WORDS {
            out.report_kind(
                "script-mix",
                false,
                span,
                format!("{words} words in {script} script inside a Latin-script text"),
                None,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_allows, assert_flags, run};

    /// Words for the fast paths: every stop word, in three cases and with a letter more or less,
    /// and words of other scripts and shapes.
    fn sample_words() -> Vec<String> {
        let mut out: Vec<String> = [
            "",
            "a",
            "été",
            "Été",
            "ÉTÉ",
            "À",
            "à",
            "où",
            "Où",
            "OÙ",
            "straße",
            "STRASSE",
            "İ",
            "\u{212A}",
            "ǅa",
            "×",
            "µ",
            "ÿ",
            "Ÿ",
            "Москва",
            "και",
            "cependant",
            "Cependant",
            "CEPENDANT",
            "cependants",
            "international",
            "x1",
            "123",
            "l",
            "qu",
            "n",
            "aujourd",
        ]
        .map(String::from)
        .to_vec();
        for w in list_lines().filter(|w| !w.is_empty() && !w.starts_with('#')) {
            let mut c = w.chars();
            let capitalized: String = c
                .next()
                .map_or(String::new(), |f| f.to_uppercase().chain(c).collect());
            let shorter: String = w.chars().skip(1).collect();
            // The Kelvin sign lowercases to `k`, in a third of its bytes.
            out.push(w.replace('k', "\u{212A}"));
            out.extend([
                w.to_string(),
                w.to_uppercase(),
                capitalized,
                format!("{w}s"),
                format!("x{w}"),
                shorter,
            ]);
        }
        out
    }

    #[test]
    fn plain_stop_masks_agree_with_lowercasing() {
        let mut buf = String::new();
        let (mut plain, mut found) = (0, 0);
        for w in sample_words() {
            // The mask of the word lowercased, char by char.
            let want = words::stopword_mask(&w.to_lowercase());
            assert_eq!(words::stopword_mask_any_case(&w, &mut buf), want, "{w}");
            assert_eq!(
                part_mask(&SHORT_STOPS, &w, !w.is_ascii(), &mut buf),
                want,
                "{w}"
            );
            if !w.is_empty() && !w.contains(['\'', '’']) {
                // The word as a token, with the text going on (one load) or ending with it.
                for text in [format!("{w} and more text"), w.clone()] {
                    let t = Token {
                        start: 0,
                        end: w.len() as u32,
                        kind: TokenKind::Word,
                    };
                    let mut p = Profile {
                        packed: 0,
                        mine: 0,
                        parts: 0,
                        own: 0,
                    };
                    assert_eq!(profile_word(&SHORT_STOPS, &text, &t, &mut p, &mut buf), 0);
                    assert_eq!(p.packed, SPREAD[usize::from(want & 0x7F)], "{w}");
                }
            }
            if w.is_ascii() && (1..=ShortStops::MAX_BYTES).contains(&w.len()) {
                assert_eq!(SHORT_STOPS.mask(w.as_bytes()), want, "{w}");
            }
            if let Some(mask) = words::stopword_mask_plain(&w, !w.is_ascii()) {
                assert_eq!(mask, want, "{w}");
                plain += 1;
                found += usize::from(mask != 0);
            }
        }
        assert!(plain > 3000 && found > 1000, "{plain} {found}");
    }

    #[test]
    fn word_scans_by_bytes() {
        let words = [
            "",
            "a",
            "l’État",
            "l'État",
            "aujourd’hui",
            "abcdefgh",
            "abcdefg’",
            "abcdefgh'",
            "abcdefghijklmnop’q",
            "été",
            "—",
            "x1",
            "straße",
            "ABCDEFGHIJKLMNOPQRS",
            "présidentielles",
            "Président",
            "straße",
            "œuvre",
            "«été»",
            "àÿ÷ŠÃ",
            "\u{212A}\u{212A}\u{212A}\u{212A}",
        ];
        for w in words {
            let b = w.as_bytes();
            let want = (!w.is_ascii(), b.iter().any(|&x| x == b'\'' || x == 0xE2));
            assert_eq!(scan_word(b), want, "{w}");
            assert_eq!(char_count(b), w.chars().count(), "{w}");
            let small = w.chars().all(|c| c.is_ascii() || ('à'..='ÿ').contains(&c));
            assert_eq!(lowercase_latin1(b), small, "{w}");
            if b.len() <= ShortStops::MAX_BYTES {
                // Loaded from a longer text, and from one that ends with the word.
                let longer = format!("{w} and more text");
                assert_eq!(head(&longer, 0, b), read_partial(b), "{w}");
                assert_eq!(head(w, 0, b), read_partial(b), "{w}");
            }
            let marks = b.iter().filter(|&&x| x == b'\'' || x == 0xE2).count();
            assert_eq!(count_marks(b), marks, "{w}");
            let first = w
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_numeric());
            assert_eq!(starts_with_capital_or_digit(b), first, "{w}");
        }
        let long = "l’a ".repeat(300);
        assert_eq!(count_marks(long.as_bytes()), 300);
        for w in ["É", "été", "Ωmega", "ωmega", "٣", "Ⅻ", "😀", "中"] {
            let first = w
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_numeric());
            assert_eq!(starts_with_capital_or_digit(w.as_bytes()), first, "{w}");
        }
    }

    #[test]
    fn settled_profiles_cannot_become_candidates() {
        // `settled` against its definition, on small counts.
        for own in 0..7 {
            for seed in 0u64..400 {
                let counts: [u64; 7] = std::array::from_fn(|i| (seed * 7 + i as u64 * 13) % 9);
                let mut p = Profile {
                    packed: 0,
                    mine: counts[own] as usize,
                    parts: 20,
                    own,
                };
                for (i, c) in counts.iter().enumerate() {
                    p.packed |= c << (8 * i);
                }
                for left in 0..20 {
                    let most = (2 * counts[own]).max(u64::from(MIN_FOREIGN_STOPWORDS) - 1);
                    let want = (0..7)
                        .filter(|&i| i != own)
                        .all(|i| counts[i] + left as u64 <= most);
                    assert_eq!(p.settled(left), want, "{own} {counts:?} {left}");
                }
            }
        }
    }

    /// `candidate`'s profile without the early stop and the table: every counted part asked of
    /// `words`.
    fn full_profile_points_away(an: &Analysis<'_>, s: &Sentence, own: usize) -> Option<Lang> {
        let mut buf = String::new();
        let (mut counts, mut parts, mut words, mut caps) = ([0u32; 7], 0, 0, 0);
        let _ = counted_words(an, s, |t, _| {
            let w = t.text(an.text);
            words += 1;
            caps += usize::from(
                w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_numeric()),
            );
            for p in w.split(['’', '\'']).filter(|p| !p.is_empty()) {
                if parts < MAX_PARTS {
                    parts += 1;
                    let mask = words::stopword_mask_any_case(p, &mut buf);
                    for (i, c) in counts.iter_mut().enumerate() {
                        *c += u32::from(mask >> i & 1);
                    }
                }
            }
            ControlFlow::Continue(())
        });
        if words < MIN_WORDS || caps * 2 > words {
            return None;
        }
        let (best, count) = (0..7)
            .filter(|&i| i != own)
            .map(|i| (i, counts[i]))
            .max_by_key(|c| c.1)?;
        (count >= MIN_FOREIGN_STOPWORDS && count > 2 * counts[own]).then(|| STOPWORD_LANGS[best])
    }

    #[test]
    fn early_stop_agrees_with_the_full_profile() {
        let texts = [
            "Le ministère a publié un communiqué mardi. The ministry did not respond to repeated requests for comment on Tuesday.",
            "The ministry issued a statement. Le ministère n’a pas répondu aux demandes de commentaires mardi soir.",
            "Les familles peuvent encore faire vacciner leurs enfants. Families who did not give their consent can still have their children vaccinated by a doctor or at a pharmacy, the authorities said.",
            "Il a dit « the end of the day is near for all of us » et il est parti sans un mot de plus pour personne.",
            "Il faudra bien qu’elle rencontre le dirigeant élu. (Eventually it must talk with the elected leader and the government.)",
            "Die Regierung hat am Dienstag erklärt, dass sie die Verhandlungen mit der Opposition fortsetzen wird.",
            "El gobierno dijo que las negociaciones con la oposición seguirán durante toda la semana que viene.",
            "Voir http://www.example.com/the/and/of/the pour le texte complet de la décision du tribunal.",
            "L’État, l’Europe, l’Italie et l’Espagne s’y opposent aujourd’hui, d’après l’agence qu’on cite.",
            "ÉTÉ ÀLA OÙ THE AND OF THE WITH THIS THAT FROM THE END OF THE DAY.",
        ];
        let long = format!(
            "{} {}",
            "le la les de des du et un une ".repeat(8),
            "the of and to in with that this from ".repeat(8)
        );
        let (mut sentences, mut found) = (0, 0);
        for text in texts.iter().copied().chain([long.as_str()]) {
            for lang in [Lang::FR, Lang::EN, Lang::DE, Lang::ES] {
                let an = Analysis::new(text, Some(lang));
                let Some(own) = STOPWORD_LANGS.iter().position(|&l| l == lang) else {
                    continue;
                };
                for s in &an.sentences {
                    let mut scratch = String::new();
                    let got = candidate(&an, s, own, &mut scratch);
                    assert_eq!(got, full_profile_points_away(&an, s, own), "{lang:?} {s:?}");
                    sentences += 1;
                    found += usize::from(got.is_some());
                }
            }
        }
        assert!(sentences > 40 && found > 5, "{sentences} {found}");
    }

    #[test]
    fn quote_kinds_of_bytes() {
        let expect = |t: &str| match t {
            "«" | "“" | "„" | "‹" => 1,
            "»" | "”" | "›" => -1,
            "\"" => 2,
            _ => 0,
        };
        for t in [
            "«", "“", "„", "‹", "»", "”", "›", "\"", "'", "’", "‘", "–", "—", "…", "(", "«»",
            "\"\"", "", "a", "é", "€", "™",
        ] {
            assert_eq!(quote_kind(t.as_bytes()), expect(t), "{t}");
        }
    }

    #[test]
    fn catalog_cases() {
        let r = WrongLanguageSegment;
        assert_flags(
            &r,
            Lang::FR,
            "Le ministère a publié un communiqué mardi. The ministry did not respond to repeated requests for comment on Tuesday.",
            &["The ministry did not respond to repeated requests for comment on Tuesday."],
        );
        assert_flags(
            &r,
            Lang::EN,
            "The ministry issued a statement. Le ministère n’a pas répondu aux demandes de commentaires mardi soir.",
            &["Le ministère n’a pas répondu aux demandes de commentaires mardi soir."],
        );
        assert_allows(
            &r,
            Lang::FR,
            "Le slogan « Make America Great Again » a été repris par ses partisans.",
        );
        assert_allows(
            &r,
            Lang::EN,
            "The café on the Rue de Rivoli reopened on Monday after renovations.",
        );
    }

    #[test]
    fn planted_sentence_and_merging() {
        let r = WrongLanguageSegment;
        let t = "Les médecins rappellent que ce vaccin protège contre plusieurs cancers, notamment celui du col de l’utérus. Families who did not give their consent can still have their children vaccinated by a doctor or at a pharmacy, the authorities said.";
        assert_flags(
            &r,
            Lang::FR,
            t,
            &[
                "Families who did not give their consent can still have their children vaccinated by a doctor or at a pharmacy, the authorities said.",
            ],
        );
        let t = "Le texte commence bien ici, en français, sans aucun problème. The next sentence was not translated at all by the system. And neither was this one, which is also in English. Puis le texte reprend en français jusqu’à la fin du paragraphe.";
        let found = run(&r, Lang::FR, t);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].span.text(t),
            "The next sentence was not translated at all by the system. And neither was this one, which is also in English."
        );
    }

    #[test]
    fn whole_document() {
        let r = WrongLanguageSegment;
        let t = "The ministry did not respond to repeated requests for comment on Tuesday.\n\nThe talks are expected to resume next week in Geneva, officials said.";
        let found = run(&r, Lang::FR, t);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, Some("document"));
    }

    #[test]
    fn allows_names_titles_and_loans() {
        let r = WrongLanguageSegment;
        assert_allows(
            &r,
            Lang::FR,
            "Il a cité le livre The Lord of the Rings pendant la conférence de presse.",
        );
        assert_allows(
            &r,
            Lang::FR,
            "Selon le New York Times, le Wall Street Journal et le Financial Times, la fusion est actée.",
        );
        assert_allows(
            &r,
            Lang::FR,
            "Il faudra bien qu’elle rencontre le dirigeant élu. (Eventually it must talk with the elected leader and the government.)",
        );
        assert_allows(
            &r,
            Lang::FR,
            "Le week-end dernier, le manager a organisé un brainstorming avec toute l’équipe.",
        );
    }

    #[test]
    fn script_mix() {
        let r = WrongLanguageSegment;
        assert_flags(
            &r,
            Lang::FR,
            "Le communiqué se terminait ainsi : Мы будем продолжать работу вместе с партнерами.",
            &["Мы будем продолжать работу вместе с партнерами"],
        );
        assert_allows(
            &r,
            Lang::FR,
            "La capitale russe, Moscou (en russe : Москва), compte douze millions d’habitants.",
        );
        assert_allows(&r, Lang::FR, "Le journal « Новая газета » a été fermé.");
    }
}
