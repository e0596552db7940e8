//! `repetition/` rules.

pub mod near_duplicate_sentence;
pub mod ngram_loop;
pub mod repeated_word;

use crate::lang::words::{ascii_lower8, load8, read_partial, zero_bytes8};
use crate::rules::Rule;

/// The rules of this group.
pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(near_duplicate_sentence::NearDuplicateSentence::new()),
        Box::new(ngram_loop::NgramLoop),
        Box::new(repeated_word::RepeatedWord),
    ]
}

/// The high bit of each of eight bytes.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The bytes `bytes[start..end]` as a little-endian integer (zero-padded), when they are 1 to 8
/// ASCII bytes: most words, read in one load without being copied.
#[inline]
fn short_ascii(bytes: &[u8], start: usize, end: usize) -> Option<u64> {
    let len = end.wrapping_sub(start);
    if len.wrapping_sub(1) >= 8 || end > bytes.len() {
        return None;
    }
    let x = load8(bytes, start) & (u64::MAX >> (64 - 8 * len));
    (x & HIGH == 0).then_some(x)
}

const HASH_K: u64 = 0x9E37_79B9_7F4A_7C15;

#[inline]
fn hash_step(h: u64, x: u64) -> u64 {
    (h ^ x).wrapping_mul(HASH_K).rotate_left(31)
}

#[inline]
fn hash_finish(h: u64) -> u64 {
    let h = h ^ (h >> 29);
    let h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h ^ (h >> 32)
}

/// The hash of 1 to 8 bytes given as a little-endian integer `x` (zero-padded): the same as
/// [`hash_bytes`] of those bytes, without reading them again.
#[cfg(test)]
fn hash_short(len: usize, x: u64) -> u64 {
    hash_finish(hash_step(len as u64, x))
}

/// The slot in a char table of the character of 2 to 4 bytes whose first byte is the lowest of `x`
/// (`usize::MAX` for a character outside the table: above U+07FF and outside U+2000–U+20FF), and its
/// length in bytes.
#[inline(always)]
fn table_slot(x: u64) -> (usize, usize) {
    let (c, c1, c2) = (x as u8, (x >> 8) as u8, (x >> 16) as u8);
    match (c, c1) {
        (0xC0..=0xDF, _) => (usize::from(c & 0x1F) << 6 | usize::from(c1 & 0x3F), 2),
        (0xE2, 0x80..=0x83) => (
            0x800 + (usize::from(c1 & 0x3F) << 6 | usize::from(c2 & 0x3F)),
            3,
        ),
        (0xE0..=0xEF, _) => (usize::MAX, 3),
        _ => (usize::MAX, 4),
    }
}

/// A 64-bit hash of `b`, eight bytes at a time. One-to-one on the strings of up to 8 bytes.
#[inline]
fn hash_bytes(b: &[u8]) -> u64 {
    let mut h = b.len() as u64;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        h = hash_step(h, u64::from_le_bytes(a));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() || b.is_empty() {
        h = hash_step(h, read_partial(rest));
    }
    hash_finish(h)
}

/// Marks the keys of [`word_key`] that are hashes, not packed bytes (packed ASCII never has it).
const HASHED: u64 = 1 << 63;

/// A key of a folded word `f` (its lowercase form, or its accent-insensitive key): the bytes
/// themselves, packed into an integer, when they are 1 to 8 ASCII bytes, or else their hash with
/// [`HASHED`] set. Two folded words get the same key when they are equal, and packed keys only
/// then.
#[inline]
fn word_key(f: &[u8]) -> u64 {
    match f.len() {
        1..=7 if f.is_ascii() => read_partial(f),
        8 if f.is_ascii() => {
            let mut a = [0u8; 8];
            a.copy_from_slice(f);
            u64::from_le_bytes(a)
        }
        _ => hash_bytes(f) | HASHED,
    }
}

/// [`word_key`] of the ASCII lowercase form of the word `bytes[start..end]` (its `normalize::fold`
/// and its `normalize::fold_key`) when it is 9 ASCII bytes or more, read eight bytes at a time
/// without being copied.
#[inline]
fn long_ascii_key(bytes: &[u8], start: usize, end: usize) -> Option<u64> {
    long_ascii_key_with::<false>(bytes, start, end, &mut [])
}

/// [`long_ascii_key`], writing the lowercase form to `out` as well when it is long enough (eight
/// bytes at a time: 8 bytes to spare after the form). When it gives `None`, `out` may hold a part
/// of the form.
#[inline]
fn long_ascii_key_into(bytes: &[u8], start: usize, end: usize, out: &mut [u8]) -> Option<u64> {
    long_ascii_key_with::<true>(bytes, start, end, out)
}

/// [`long_ascii_key`], and [`long_ascii_key_into`] when `WRITE` is set.
#[inline(always)]
fn long_ascii_key_with<const WRITE: bool>(
    bytes: &[u8],
    start: usize,
    end: usize,
    out: &mut [u8],
) -> Option<u64> {
    let len = end.checked_sub(start)?;
    if len < 9 || end > bytes.len() {
        return None;
    }
    let mut h = len as u64;
    let mut i = start;
    while i < end {
        // Eight bytes at a time; the last ones zero-padded as `hash_bytes` reads them.
        let x = load8(bytes, i) & (u64::MAX >> (64 - 8 * (end - i).min(8)));
        if x & HIGH != 0 {
            return None;
        }
        let lower = ascii_lower8(x);
        if WRITE && let Some(slot) = out.get_mut(i - start..i - start + 8) {
            slot.copy_from_slice(&lower.to_le_bytes());
        }
        h = hash_step(h, lower);
        i += 8;
    }
    Some(hash_finish(h) | HASHED)
}

/// The first eight bytes of the lowercase form (`normalize::fold`) of the word `bytes[start..end]`
/// as a little-endian integer (zero-padded), when the word's first eight bytes (or fewer) are
/// ASCII and U+00C0–U+00FF (0xC3 then a byte from 0x80 to 0xBF; the last byte may be the 0xC3 of
/// a char that runs on): lowercasing keeps those chars' bytes in place (`À`–`Ö` and `Ø`–`Þ`, 0xC3
/// then 0x80..=0x96 or 0x98..=0x9E, gain 0x20), so they are lowercased in one register.
#[inline(always)]
fn fold_prefix8(bytes: &[u8], start: usize, end: usize) -> Option<u64> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let len = end.checked_sub(start)?.min(8);
    if len == 0 || end > bytes.len() {
        return None;
    }
    let x = load8(bytes, start) & (u64::MAX >> (64 - 8 * len));
    let high = x & HIGH;
    if high == 0 {
        return Some(ascii_lower8(x));
    }
    let c3 = zero_bytes8(x ^ (0xC3 * ONES));
    let cont = c3 << 8;
    // Every byte with the high bit is 0xC3 or the byte after one.
    if high != c3 | cont {
        return None;
    }
    // Bytes after 0xC3 below 0x9F (low 7 bits below 0x1F), but 0x97 (`×`).
    let low7 = x & (0x7f * ONES);
    let below_9f = !(low7 + 0x61 * ONES) & HIGH;
    let capitals = cont & below_9f & !zero_bytes8(x ^ (0x97 * ONES));
    Some(ascii_lower8(x) | (capitals >> 2))
}

/// A per-character fold (lowercasing, or lowercasing and stripping accents) of the characters
/// U+0080–U+07FF and U+2000–U+20FF (most non-ASCII characters of European text), precomputed.
struct CharMap {
    /// For U+0000–U+07FF at their code point (the ASCII ones unused) and U+2000–U+20FF from
    /// 0x800: the form as up to 8 bytes, little-endian, and their number (`u8::MAX` when the form
    /// is longer).
    forms: Vec<(u64, u8)>,
}

impl CharMap {
    fn new(fold: fn(&str, &mut String)) -> CharMap {
        let mut buf = String::new();
        let mut utf8 = [0u8; 4];
        let forms = (0..0x900u32)
            .map(|i| {
                let cp = if i < 0x800 { i } else { 0x2000 + i - 0x800 };
                let Some(c) = char::from_u32(cp) else {
                    return (0, u8::MAX);
                };
                fold(c.encode_utf8(&mut utf8), &mut buf);
                let b = buf.as_bytes();
                if b.len() > 8 {
                    return (0, u8::MAX);
                }
                let mut a = [0u8; 8];
                a[..b.len()].copy_from_slice(b);
                (u64::from_le_bytes(a), b.len() as u8)
            })
            .collect();
        CharMap { forms }
    }

    /// Appends the fold of the word `text[start..end]` to `out`: ASCII letters lowercased (eight
    /// bytes at a time, read from `text`, which may run on after the word), the characters of the
    /// table from it, others by `slow` (called with the character).
    #[inline]
    fn push(
        &self,
        text: &str,
        start: usize,
        end: usize,
        out: &mut Vec<u8>,
        mut slow: impl FnMut(&str, &mut Vec<u8>),
    ) {
        let b = text.as_bytes();
        let end = end.min(b.len());
        out.reserve(end.saturating_sub(start) + 8);
        let mut i = start;
        while i < end {
            // A run of ASCII, up to eight bytes at a time (bytes after the word are cut off).
            let x = load8(b, i);
            let ascii = ((x & HIGH).trailing_zeros() / 8) as usize;
            if ascii > 0 {
                let n = ascii.min(end - i);
                let at = out.len();
                out.extend_from_slice(&ascii_lower8(x).to_le_bytes());
                out.truncate(at + n);
                i += n;
                continue;
            }
            let (index, len) = table_slot(x);
            match self.forms.get(index) {
                Some(&(form, n)) if n != u8::MAX => {
                    let at = out.len();
                    out.extend_from_slice(&form.to_le_bytes());
                    out.truncate(at + usize::from(n));
                }
                _ => slow(text.get(i..i + len).unwrap_or_default(), out),
            }
            i += len;
        }
    }

    /// The fold of the word `b[start..end]` into `buf` (as [`CharMap::push`]), without a `Vec`:
    /// its length, or `None` when a character is not in the table or the fold takes more than
    /// `FOLD_BUF - 8` bytes (so that 8 bytes are to spare after it).
    #[inline(always)]
    fn fold_short(
        &self,
        b: &[u8],
        start: usize,
        end: usize,
        buf: &mut [u8; FOLD_BUF],
    ) -> Option<usize> {
        let (mut i, mut pos) = (start, 0);
        while i < end {
            let slot = buf.get_mut(pos..pos + 8)?;
            let x = load8(b, i);
            let ascii = ((x & HIGH).trailing_zeros() / 8) as usize;
            if ascii > 0 {
                let n = ascii.min(end - i);
                slot.copy_from_slice(&ascii_lower8(x).to_le_bytes());
                pos += n;
                i += n;
                continue;
            }
            let (index, len) = table_slot(x);
            let &(form, n) = self.forms.get(index)?;
            if n == u8::MAX {
                return None;
            }
            slot.copy_from_slice(&form.to_le_bytes());
            pos += usize::from(n);
            i += len;
        }
        // 8 bytes to spare after the fold.
        (pos <= FOLD_BUF - 8).then_some(pos)
    }
}

/// The size of the buffers of [`CharMap::fold_short`]: the fold and 8 bytes to spare.
const FOLD_BUF: usize = 72;

/// [`word_key`] of `buf[..n]` (a fold by [`CharMap::fold_short`]: the bytes after it are
/// leftovers), read eight bytes at a time.
#[inline]
fn buf_key(buf: &[u8; FOLD_BUF], n: usize) -> u64 {
    let n = n.min(FOLD_BUF - 8);
    let mut h = n as u64;
    let (mut any, mut last) = (0u64, 0u64);
    let mut i = 0;
    while i + 8 <= n {
        last = load8(buf, i);
        any |= last;
        h = hash_step(h, last);
        i += 8;
    }
    if i < n || n == 0 {
        // The last bytes, zero-padded as `hash_bytes` reads them.
        let rest = n - i;
        let mask = if rest == 0 {
            0
        } else {
            u64::MAX >> (64 - 8 * rest)
        };
        last = load8(buf, i) & mask;
        any |= last;
        h = hash_step(h, last);
    }
    if any & HIGH == 0 && (1..=8).contains(&n) {
        last
    } else {
        hash_finish(h) | HASHED
    }
}

/// A fold by character ([`CharMap`]) and a buffer for it.
struct Folder {
    map: &'static CharMap,
    buf: [u8; FOLD_BUF],
}

impl Folder {
    /// Lowercasing (`normalize::fold`).
    fn lower() -> Folder {
        Folder {
            map: &LOWER,
            buf: [0; FOLD_BUF],
        }
    }

    /// Accent- and case-folding (`normalize::fold_key`).
    fn key() -> Folder {
        Folder {
            map: &KEY,
            buf: [0; FOLD_BUF],
        }
    }

    /// Folds the word `b[start..end]` into the buffer: the length of the fold, or `None` when it
    /// takes [`push_lower`] or [`push_key`] ([`CharMap::fold_short`]).
    #[inline(always)]
    fn fold(&mut self, b: &[u8], start: usize, end: usize) -> Option<usize> {
        self.map.fold_short(b, start, end, &mut self.buf)
    }

    /// The fold of `n` bytes just made.
    fn folded(&self, n: usize) -> &[u8] {
        self.buf.get(..n).unwrap_or_default()
    }

    /// [`word_key`] of the fold of `n` bytes just made ([`buf_key`]).
    #[inline]
    fn key_of(&self, n: usize) -> u64 {
        buf_key(&self.buf, n)
    }
}

/// Lowercasing (`normalize::fold`) by character.
static LOWER: std::sync::LazyLock<CharMap> =
    std::sync::LazyLock::new(|| CharMap::new(crate::tokenize::normalize::fold));
/// Accent- and case-folding (`normalize::fold_key`) by character.
static KEY: std::sync::LazyLock<CharMap> =
    std::sync::LazyLock::new(|| CharMap::new(crate::tokenize::normalize::fold_key));

/// Appends the lowercase form (`normalize::fold`) of the word `text[start..end]` to `out`.
#[inline]
fn push_lower(text: &str, start: usize, end: usize, out: &mut Vec<u8>, scratch: &mut String) {
    LOWER.push(text, start, end, out, |c, out| {
        crate::tokenize::normalize::fold(c, scratch);
        out.extend_from_slice(scratch.as_bytes());
    });
}

/// Appends the accent- and case-insensitive key (`normalize::fold_key`) of the word
/// `text[start..end]` to `out`.
#[inline]
fn push_key(text: &str, start: usize, end: usize, out: &mut Vec<u8>) {
    KEY.push(
        text,
        start,
        end,
        out,
        crate::tokenize::normalize::push_fold_key_bytes,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_words_hash_as_their_bytes() {
        let text = "Le président a dit abcdefgh, abcdefghi et A";
        let b = text.as_bytes();
        let mut found = 0;
        for (s, w) in text.split_inclusive([' ', ',']).scan(0, |at, w| {
            let s = *at;
            *at += w.len();
            Some((s, w.trim_end_matches([' ', ','])))
        }) {
            let e = s + w.len();
            match short_ascii(b, s, e) {
                Some(x) => {
                    found += 1;
                    assert!(w.is_ascii() && (1..=8).contains(&w.len()), "{w}");
                    assert_eq!(hash_short(w.len(), x), hash_bytes(w.as_bytes()), "{w}");
                    let lower = w.to_ascii_lowercase();
                    assert_eq!(
                        hash_short(w.len(), ascii_lower8(x)),
                        hash_bytes(lower.as_bytes())
                    );
                }
                None => assert!(!w.is_ascii() || w.is_empty() || w.len() > 8, "{w}"),
            }
        }
        assert_eq!(found, 6);
    }

    #[test]
    fn char_maps_fold_as_the_normalizer() {
        let (mut a, mut b, mut scratch) = (Vec::new(), String::new(), String::new());
        let chars = (0x80..0x3000u32)
            .chain(0x1_0400..0x1_0500)
            .filter_map(char::from_u32);
        for c in chars {
            for w in [
                format!("{c}"),
                format!("xY{c}Z{c}{c}é’"),
                format!("ABCDEFGHI{c}"),
            ] {
                // The word alone, and followed by more text.
                for text in [w.clone(), format!("{w} Été")] {
                    let (mut lower, mut key) = (Folder::lower(), Folder::key());
                    let t = text.as_bytes();
                    a.clear();
                    push_lower(&text, 0, w.len(), &mut a, &mut scratch);
                    crate::tokenize::normalize::fold(&w, &mut b);
                    assert_eq!(a, b.as_bytes(), "{c:?}");
                    if let Some(n) = lower.fold(t, 0, w.len()) {
                        assert_eq!(lower.folded(n), b.as_bytes(), "{c:?}");
                        assert_eq!(lower.key_of(n), word_key(b.as_bytes()), "{c:?}");
                    }
                    a.clear();
                    push_key(&text, 0, w.len(), &mut a);
                    crate::tokenize::normalize::fold_key(&w, &mut b);
                    assert_eq!(a, b.as_bytes(), "{c:?}");
                    if let Some(n) = key.fold(t, 0, w.len()) {
                        assert_eq!(key.folded(n), b.as_bytes(), "{c:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn long_folds_leave_room_or_give_up() {
        let (mut key, mut b) = (Folder::key(), String::new());
        for k in 40..90 {
            let w = format!("É{}", "a".repeat(k));
            crate::tokenize::normalize::fold_key(&w, &mut b);
            match key.fold(w.as_bytes(), 0, w.len()) {
                Some(n) => {
                    assert!(n <= FOLD_BUF - 8);
                    assert_eq!(key.folded(n), b.as_bytes());
                }
                None => assert!(b.len() > FOLD_BUF - 8 - 8, "{k}"),
            }
        }
    }

    #[test]
    fn buffer_keys_are_word_keys() {
        for w in [
            "",
            "a",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
            "président",
            "é",
            "abcdefghijklmnop",
            "x’y",
        ] {
            let mut buf = [0xEEu8; FOLD_BUF];
            buf[..w.len()].copy_from_slice(w.as_bytes());
            assert_eq!(buf_key(&buf, w.len()), word_key(w.as_bytes()), "{w}");
        }
    }

    #[test]
    fn long_ascii_keys_are_word_keys() {
        let text = "Le Président-Directeur a dit ABCDEFGHI, abcdefghijklmnop et Abcdefghijklmnopq \
            ou qu'aujourd'hui ou présidentielle ou a\u{7f}bcdefghij";
        let mut found = 0;
        for (s, w) in text.split_inclusive([' ', ',']).scan(0, |at, w| {
            let s = *at;
            *at += w.len();
            Some((s, w.trim_end_matches([' ', ','])))
        }) {
            let key = long_ascii_key(text.as_bytes(), s, s + w.len());
            let mut out = [0u8; 80];
            let into = long_ascii_key_into(text.as_bytes(), s, s + w.len(), &mut out);
            assert_eq!(key, into, "{w}");
            if w.is_ascii() && w.len() > 8 {
                found += 1;
                let lower = w.to_ascii_lowercase();
                assert_eq!(key, Some(word_key(lower.as_bytes())), "{w}");
                assert_eq!(&out[..w.len()], lower.as_bytes(), "{w}");
                let mut folded = String::new();
                crate::tokenize::normalize::fold(w, &mut folded);
                assert_eq!(folded, lower, "{w}");
            } else {
                assert_eq!(key, None, "{w}");
            }
        }
        assert_eq!(found, 5);
    }

    #[test]
    fn fold_prefixes_are_the_first_bytes_of_the_fold() {
        let mut folded = String::new();
        let mut found = 0;
        let mut words: Vec<String> = [
            "président",
            "PRÉSIDENT",
            "Été",
            "À",
            "ÀÉÎÕÜÝÞØ×÷ßÿ",
            "aujourd’hui",
            "l'État",
            "ÇA",
            "Ωmega",
            "STRAẞE",
            "abcdefgÉ",
            "ABCDEFGHIJKLMN",
            "a",
        ]
        .iter()
        .map(|w| w.to_string())
        .collect();
        // Every char of U+0080–U+017F and some others at each place of two eight-byte chunks.
        let chars = (0x80u32..0x180)
            .chain([0x130, 0x1E9E, 0x2019, 0x212A, 0x212B])
            .filter_map(char::from_u32);
        for c in chars {
            for k in 0..17 {
                words.push(format!("{}{c}Xy", "aB".repeat(k).get(..k).unwrap_or("")));
            }
        }
        for w in &words {
            // The word alone, and followed by more text.
            for text in [w.clone(), format!("{w}É b")] {
                let prefix = fold_prefix8(text.as_bytes(), 0, w.len());
                crate::tokenize::normalize::fold(w, &mut folded);
                match prefix {
                    Some(p) => {
                        found += 1;
                        assert_eq!(p, load8(folded.as_bytes(), 0), "{w}");
                    }
                    // Only a word with another char in its first eight bytes.
                    None => assert!(
                        !w.char_indices()
                            .take_while(|&(i, _)| i < 8)
                            .all(|(_, c)| c.is_ascii() || ('\u{C0}'..='\u{FF}').contains(&c)),
                        "{w}"
                    ),
                }
            }
        }
        assert!(found > 1000, "{found}");
    }

    #[test]
    fn word_keys_are_the_bytes_or_a_marked_hash() {
        assert_eq!(word_key(b"le"), u64::from_le_bytes(*b"le\0\0\0\0\0\0"));
        assert_eq!(word_key(b"abcdefgh"), u64::from_le_bytes(*b"abcdefgh"));
        for w in ["", "abcdefghi", "été", "\u{1}\u{80}"] {
            assert_eq!(
                word_key(w.as_bytes()),
                hash_bytes(w.as_bytes()) | HASHED,
                "{w}"
            );
        }
    }
}
