//! Small text helpers shared by the built-in rules, written for speed: they run on every word.

use crate::lang::words::{ascii_lower8, read_partial};

/// The lowercase form of `c`, as [`char::to_lowercase`], with the ASCII and Latin-1 letters (most
/// letters of European text) mapped without a table search.
#[inline]
pub(crate) fn lowercase(c: char) -> Lowercase {
    match c {
        'A'..='Z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{DE}' => {
            Lowercase::One(char::from_u32(c as u32 + 0x20).unwrap_or(c))
        }
        '\0'..='\u{FF}' => Lowercase::One(c),
        _ => Lowercase::Table(c.to_lowercase()),
    }
}

/// Writes the lowercase form of `word` into `out` (cleared first): the same as
/// [`crate::tokenize::normalize::fold`], faster on accented Latin letters.
#[inline]
pub(crate) fn fold(word: &str, out: &mut String) {
    out.clear();
    push_fold(word, out);
}

/// Appends the lowercase form of `word` to `out` (see [`fold`]).
pub(crate) fn push_fold(word: &str, out: &mut String) {
    let from = out.len();
    out.push_str(word);
    if let Some(tail) = out.get_mut(from..) {
        tail.make_ascii_lowercase();
    }
    // Most words with other letters (`été`, `président`) have no other capital: done.
    if word.is_ascii() || !word.chars().any(|c| !c.is_ascii() && lower_changes(c)) {
        return;
    }
    out.truncate(from);
    for c in word.chars() {
        for l in lowercase(c) {
            out.push(l);
        }
    }
}

/// Whether the lowercase form of a non-ASCII character differs from it.
#[inline]
fn lower_changes(c: char) -> bool {
    match c {
        '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{DE}' => true,
        '\u{80}'..='\u{FF}' => false,
        _ => {
            let mut l = c.to_lowercase();
            l.next() != Some(c) || l.next().is_some()
        }
    }
}

/// A 64-bit hash of the lowercase form of `word` (the bytes [`fold`] writes), computed eight bytes
/// at a time: two words get the same hash when they fold to the same string. ASCII words (most of
/// them) are lowercased in registers without being copied; others are folded into `buf` first.
#[inline]
pub(crate) fn fold_hash(word: &str, buf: &mut String) -> u64 {
    if word.is_ascii() {
        hash_bytes(word.as_bytes(), true)
    } else {
        fold(word, buf);
        hash_bytes(buf.as_bytes(), false)
    }
}

/// Hashes `b` by 8-byte chunks, lowercasing the ASCII capitals of each chunk when `ascii_lower` is
/// set (then `b` must be ASCII).
#[inline]
fn hash_bytes(b: &[u8], ascii_lower: bool) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let lower = |x: u64| if ascii_lower { ascii_lower8(x) } else { x };
    let mut h = b.len() as u64;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        h = (h ^ lower(u64::from_le_bytes(a)))
            .wrapping_mul(K)
            .rotate_left(31);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() || b.is_empty() {
        h = (h ^ lower(read_partial(rest)))
            .wrapping_mul(K)
            .rotate_left(31);
    }
    h ^= h >> 29;
    h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h ^ (h >> 32)
}

/// Characters below this code point have their accent-folded key precomputed.
const KEY_TABLE_CHARS: u32 = 0x250;

/// The key of each character below [`KEY_TABLE_CHARS`].
static KEY_TABLE: std::sync::LazyLock<Vec<Box<str>>> = std::sync::LazyLock::new(|| {
    let mut buf = String::new();
    let mut utf8 = [0u8; 4];
    (0..KEY_TABLE_CHARS)
        .map(|u| {
            let c = char::from_u32(u).unwrap_or('\0');
            crate::tokenize::normalize::fold_key(c.encode_utf8(&mut utf8), &mut buf);
            Box::from(buf.as_str())
        })
        .collect()
});

/// Appends the accent- and case-insensitive key of `word` to `out`: the same as
/// [`crate::tokenize::normalize::fold_key`], which maps each character on its own, with the
/// characters of Latin alphabets looked up in a table. `scratch` is used for other scripts.
pub(crate) fn push_fold_key(word: &str, out: &mut String, scratch: &mut String) {
    if word.is_ascii() {
        let from = out.len();
        out.push_str(word);
        // Only the bytes just pushed: ASCII lowercasing keeps them valid UTF-8.
        if let Some(tail) = out.get_mut(from..) {
            tail.make_ascii_lowercase();
        }
        return;
    }
    let table = &*KEY_TABLE;
    let mut utf8 = [0u8; 4];
    for c in word.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if let Some(k) = table.get(c as usize) {
            out.push_str(k);
        } else {
            crate::tokenize::normalize::fold_key(c.encode_utf8(&mut utf8), scratch);
            out.push_str(scratch);
        }
    }
}

/// The fingerprint of a line, the same as [`crate::tokenize::normalize::fingerprint`] (which the
/// index stores): `xxh3_64` of the line with leading whitespace and bullets removed, whitespace runs
/// collapsed to one space, trailing whitespace dropped, digits mapped to `0` and letters
/// lowercased.
///
/// ASCII text goes eight bytes at a time: lowercased and with its digits mapped to `0` in one go,
/// and copied as it is when it holds no whitespace but single spaces between other bytes (the
/// common case in prose). Any other eight bytes go byte by byte.
pub(crate) fn line_fingerprint(line: &str, buf: &mut Vec<u8>) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x80 * ONES;
    // For bytes below 0x80: the high bit of each byte set when the byte is `n` or more.
    let at_least = |x: u64, n: u64| (x + (0x80 - n) * ONES) & HIGH;
    let body = line.trim_start_matches(|c: char| c.is_whitespace() || is_bullet(c));
    let bytes = body.as_bytes();
    buf.clear();
    buf.resize(bytes.len() + 16, 0);
    let mut o = 0usize;
    let mut pending_space = false;
    let mut utf8 = [0u8; 4];
    let mut i = 0;
    while i < bytes.len() {
        // Up to here in this round: the next eight bytes, or one character.
        let mut stop = i + 1;
        if let Some(chunk) = bytes.get(i..i + 8) {
            let mut a = [0u8; 8];
            a.copy_from_slice(chunk);
            let x = u64::from_le_bytes(a);
            if x & HIGH == 0 {
                let blank = !at_least(x, 0x21) & HIGH; // whitespace, controls and spaces
                let y = x ^ (0x20 * ONES);
                let space = !(y + 0x7F * ONES) & HIGH; // bytes equal to b' '
                let first_space = space & 0x80 != 0;
                if blank == space
                    && space & (space << 8) == 0
                    && space >> 63 == 0
                    && !(pending_space && first_space)
                {
                    let digit = at_least(x, 0x30) & !at_least(x, 0x3A);
                    let upper = at_least(x, 0x41) & !at_least(x, 0x5B);
                    let digit_bytes = (digit >> 7) * 0xFF;
                    let x = ((x & !digit_bytes) | (digit_bytes & (0x30 * ONES))) | (upper >> 2);
                    open_room(buf, &mut o, &mut pending_space, 9, bytes.len() - i);
                    buf[o..o + 8].copy_from_slice(&x.to_le_bytes());
                    o += 8;
                    i += 8;
                    continue;
                }
                stop = i + 8;
            } else {
                // Up to the first byte outside ASCII, and its character.
                stop = i + (x & HIGH).trailing_zeros() as usize / 8 + 1;
            }
        }
        while i < stop && i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                i += 1;
                let m = ASCII_FINGERPRINT[usize::from(b)];
                if m == SPACE {
                    pending_space = true;
                    continue;
                }
                open_room(buf, &mut o, &mut pending_space, 2, bytes.len() - i);
                buf[o] = m;
                o += 1;
                continue;
            }
            let Some(c) = body.get(i..).and_then(|r| r.chars().next()) else {
                i = bytes.len();
                break;
            };
            i += c.len_utf8();
            // Latin letters with diacritics (U+00C0 to U+024F: `é`, `ß`, `ł`) are neither
            // whitespace nor numeric; the table searches of those tests are for other characters.
            let latin = ('\u{C0}'..='\u{24F}').contains(&c);
            if !latin && c.is_whitespace() {
                pending_space = true;
                continue;
            }
            // Room for a space and a lowercase form (at most three characters of four bytes).
            open_room(buf, &mut o, &mut pending_space, 13, bytes.len() - i);
            if !latin && c.is_numeric() {
                buf[o] = b'0';
                o += 1;
            } else {
                for l in lowercase(c) {
                    let e = l.encode_utf8(&mut utf8).as_bytes();
                    buf[o..o + e.len()].copy_from_slice(e);
                    o += e.len();
                }
            }
        }
    }
    buf.truncate(o);
    xxhash_rust::xxh3::xxh3_64(buf)
}

/// Before writing at `o` in [`line_fingerprint`]'s buffer: makes room for `room` bytes (and the
/// `rest` of the line), then writes the pending space, if any.
#[inline]
fn open_room(buf: &mut Vec<u8>, o: &mut usize, pending_space: &mut bool, room: usize, rest: usize) {
    if buf.len() < *o + room {
        buf.resize(*o + room + rest, 0);
    }
    if *pending_space {
        buf[*o] = b' ';
        *o += 1;
        *pending_space = false;
    }
}

/// Marks whitespace in [`ASCII_FINGERPRINT`] (no ASCII byte maps to it).
const SPACE: u8 = 0xFF;

/// What an ASCII byte becomes in a line fingerprint: lowercased, digits as `0`, and [`SPACE`] for
/// the whitespace that separates words.
static ASCII_FINGERPRINT: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = match c {
            b'\t'..=b'\r' | b' ' => SPACE,
            b'0'..=b'9' => b'0',
            b'A'..=b'Z' => c + 32,
            _ => c,
        };
        b += 1;
    }
    t
};

/// Characters stripped from the start of a line before fingerprinting: list bullets and dashes.
fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '-' | '*' | '·' | '–' | '—' | '‣' | '◦' | '▪' | '●')
}

/// The characters of a lowercase form (see [`lowercase`]).
pub(crate) enum Lowercase {
    One(char),
    Done,
    Table(std::char::ToLowercase),
}

impl Iterator for Lowercase {
    type Item = char;

    #[inline]
    fn next(&mut self) -> Option<char> {
        match self {
            Lowercase::One(c) => {
                let c = *c;
                *self = Lowercase::Done;
                Some(c)
            }
            Lowercase::Done => None,
            Lowercase::Table(it) => it.next(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_matches_the_standard_library() {
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            assert!(lowercase(c).eq(c.to_lowercase()), "{c:?}");
        }
        let (mut a, mut b, mut scratch) = (String::new(), String::new(), String::new());
        for w in [
            "Élève",
            "Straße",
            "Łódź",
            "l’agence",
            "AUJOURD'HUI",
            "e\u{301}te\u{301}",
            "Ærø",
            "Москва",
            "Ș",
            "İĲ",
            "ÞÐ",
        ] {
            a.clear();
            push_fold_key(w, &mut a, &mut scratch);
            crate::tokenize::normalize::fold_key(w, &mut b);
            assert_eq!(a, b);
        }
        let mut fp = Vec::new();
        for line in [
            "• Le bilan s'élève à 12 morts",
            "le  bilan s'élève à 47 MORTS  ",
            "  - Le\tbilan s'élève à 30 morts",
            "* Le bilan\u{a0}s'élève à 99 morts\u{2003}",
            " · Mardi 14 MAI 2024 \u{0B}x\u{1C}",
            "٣ Straße İstanbul ΣΟΦΊΑ — ½ ⅷ",
            "",
            "   ",
        ] {
            assert_eq!(
                line_fingerprint(line, &mut fp),
                crate::tokenize::normalize::fingerprint(line),
                "{line:?}"
            );
        }
        // Eight-byte chunks of every kind: spaces at each end, doubled, tabs, digits, capitals,
        // controls, characters outside ASCII across a chunk boundary.
        let parts = [
            "abc",
            " ",
            "  ",
            "\t",
            "Déjà",
            "X",
            "12",
            "\u{1}",
            "\u{7f}",
            "wxyzABCD",
            "é",
            "\u{a0}",
            "İ",
            "-",
            "•",
            "ÉTÉ",
            "a b c d e f g h",
        ];
        let mut state = 7u64;
        for _ in 0..20000 {
            let mut line = String::new();
            for _ in 0..(state % 9) {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                line.push_str(parts[(state >> 33) as usize % parts.len()]);
            }
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            assert_eq!(
                line_fingerprint(&line, &mut fp),
                crate::tokenize::normalize::fingerprint(&line),
                "{line:?}"
            );
        }
        let mut utf8 = [0u8; 4];
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            let line = format!("{c}a{c} 1{c}\t{c}");
            assert_eq!(
                line_fingerprint(&line, &mut fp),
                crate::tokenize::normalize::fingerprint(&line),
                "{c:?}"
            );
            let w = format!("x{c}Y{c}");
            fold(&w, &mut a);
            crate::tokenize::normalize::fold(&w, &mut b);
            assert_eq!(a, b, "{c:?}");
            a.clear();
            push_fold_key(c.encode_utf8(&mut utf8), &mut a, &mut scratch);
            crate::tokenize::normalize::fold_key(c.encode_utf8(&mut utf8), &mut b);
            assert_eq!(a, b, "{c:?}");
        }
        // `fold_hash` hashes the folded form, whichever path folds it.
        let mut h = String::new();
        for (x, y) in [
            ("Kilo", "\u{212A}ilo"),
            ("ÉTÉ", "été"),
            ("AUJOURD'HUI-LÀ", "aujourd'hui-là"),
            ("abcdefghIJKLMNOPq", "ABCDEFGHijklmnopQ"),
        ] {
            assert_eq!(fold_hash(x, &mut h), fold_hash(y, &mut h), "{x} {y}");
        }
        let words = [
            "",
            "a",
            "ab",
            "abc",
            "abcd",
            "abcde",
            "abcdefgh",
            "abcdefghi",
            "ba",
            "a\0",
        ];
        for (i, x) in words.iter().enumerate() {
            for y in &words[..i] {
                assert_ne!(fold_hash(x, &mut h), fold_hash(y, &mut h), "{x:?} {y:?}");
            }
        }
        for w in [
            "Été",
            "ÜBER",
            "İstanbul",
            "ΣΟΦΊΑ",
            "KIM",
            "ǅemal",
            "été",
            "straße",
            "Łódź",
            "ŁÓDŹ",
            "ǆ",
        ] {
            fold(w, &mut a);
            crate::tokenize::normalize::fold(w, &mut b);
            assert_eq!(a, b);
        }
    }
}
