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
        let mut utf8 = [0u8; 4];
        for c in (0..0x3000u32).filter_map(char::from_u32) {
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
