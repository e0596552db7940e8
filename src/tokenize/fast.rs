//! Fast tokenizer path: a byte-level scanner for ASCII and common Latin text.
//!
//! It classifies ASCII through a 256-entry byte table, and handles itself these non-ASCII ranges:
//! U+0080–U+00FF (Latin-1 Supplement, through a 128-entry table), U+0100–U+027F (Latin Extended-A/B
//! and IPA letters, all letters), U+2000–U+206F (General Punctuation: typographic spaces, dashes,
//! quotes, `…`, `•`, U+202F) and U+20A0–U+20BF (currency signs such as `€`). [`accepts`] tells
//! whether a text holds nothing else. On such text it gives exactly the tokens of the general path
//! (`general.rs`), which is the reference for the rules.

use super::{Token, TokenKind};

// Character classes. `L` and `D` are also the word flags (letter, digit) OR-ed over a word.
const L: u8 = 1;
const D: u8 = 2;
/// Horizontal space.
const SP: u8 = 3;
/// `\n` or `\r`.
const NL: u8 = 4;
/// Punctuation (one char per token).
const P: u8 = 5;
/// `'` or `-`: punctuation that joins two word chars.
const J: u8 = 6;
/// Symbol (one char per token).
const S: u8 = 7;
// Lead-byte classes: the char's class comes from a second look-up.
/// 0xC2, 0xC3: U+0080–U+00FF, see `LATIN1`.
const X2: u8 = 8;
/// 0xC4–0xC9: U+0100–U+027F, all letters.
const XL: u8 = 9;
/// 0xE2: U+2000–U+2FFF, of which the fast path knows U+2000–U+206F and U+20A0–U+20BF.
const X3: u8 = 10;
/// Any other non-ASCII byte: not handled by the fast path.
const XX: u8 = 11;

/// The class of each byte as the first byte of a character.
static BYTE: [u8; 256] = build_byte_table();

const fn build_byte_table() -> [u8; 256] {
    let mut t = [XX; 256];
    let mut b = 0usize;
    while b < 128 {
        t[b] = match b as u8 {
            b'a'..=b'z' | b'A'..=b'Z' => L,
            b'0'..=b'9' => D,
            b' ' | b'\t' => SP,
            b'\n' | b'\r' => NL,
            b'\'' | b'-' => J,
            // ASCII characters of general category P*.
            b'!' | b'"' | b'#' | b'%' | b'&' | b'(' | b')' | b'*' | b',' | b'.' | b'/' | b':'
            | b';' | b'?' | b'@' | b'[' | b'\\' | b']' | b'_' | b'{' | b'}' => P,
            // Controls (VT and FF included: they are vertical breaks) and `$ + < = > ^ ` | ~`.
            _ => S,
        };
        b += 1;
    }
    t[0xC2] = X2;
    t[0xC3] = X2;
    let mut b = 0xC4;
    while b <= 0xC9 {
        t[b] = XL;
        b += 1;
    }
    t[0xE2] = X3;
    t
}

/// Classes of U+0080–U+00FF, indexed by `code point - 0x80`.
static LATIN1: [u8; 128] = build_latin1_table();

const fn latin1_class(cp: u32) -> u8 {
    match cp {
        0xA0 => SP,
        // ¡ § « ¶ · » ¿
        0xA1 | 0xA7 | 0xAB | 0xB6 | 0xB7 | 0xBB | 0xBF => P,
        // ª µ º
        0xAA | 0xB5 | 0xBA => L,
        // ² ³ ¹ ¼ ½ ¾
        0xB2 | 0xB3 | 0xB9 | 0xBC..=0xBE => D,
        // × ÷
        0xD7 | 0xF7 => S,
        0xC0..=0xFF => L,
        // C1 controls (NEL included), currency signs, ¦ ¨ © ¬ soft hyphen ® ¯ ° ± ´ ¸.
        _ => S,
    }
}

const fn build_latin1_table() -> [u8; 128] {
    let mut t = [S; 128];
    let mut i = 0usize;
    while i < 128 {
        t[i] = latin1_class(0x80 + i as u32);
        i += 1;
    }
    t
}

/// Classes of U+2000–U+206F (General Punctuation), indexed by `code point - 0x2000`.
static GENERAL_PUNCTUATION: [u8; 0x70] = build_general_punctuation_table();

const fn general_punctuation_class(cp: u32) -> u8 {
    match cp {
        0x2000..=0x200A | 0x202F | 0x205F => SP,
        // Dashes, quotes, daggers, bullets, `…`, per mille, primes, guillemets ‹ ›, ‼ ‽ and
        // the rest of the Pd/Pi/Pf/Ps/Pe/Pc/Po chars of the block.
        0x2010..=0x2027 | 0x2030..=0x2043 | 0x2045..=0x2051 | 0x2053..=0x205E => P,
        // Format controls, U+2028/U+2029 (vertical breaks), ⁄ and ⁒ (Sm), unassigned.
        _ => S,
    }
}

const fn build_general_punctuation_table() -> [u8; 0x70] {
    let mut t = [S; 0x70];
    let mut i = 0usize;
    while i < 0x70 {
        t[i] = general_punctuation_class(0x2000 + i as u32);
        i += 1;
    }
    t
}

/// True when every char of `text` is one the fast path classifies itself.
pub(super) fn accepts(text: &str) -> bool {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0usize;
    loop {
        // Skip ASCII eight bytes at a time, then byte by byte up to the next non-ASCII byte.
        while let Some(chunk) = bytes.get(i..i + 8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            if u64::from_le_bytes(word) & 0x8080_8080_8080_8080 != 0 {
                break;
            }
            i += 8;
        }
        while i < n && bytes[i] < 0x80 {
            i += 1;
        }
        if i >= n {
            return true;
        }
        match bytes[i] {
            0xC2..=0xC9 => i += 2,
            0xE2 => {
                if !known_e2(bytes, i) {
                    return false;
                }
                i += 3;
            }
            _ => return false,
        }
    }
}

/// Length of the UTF-8 sequence starting with `lead`.
#[inline]
fn utf8_len(lead: u8) -> usize {
    match lead {
        0x00..=0x7F => 1,
        0x80..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// Class and length of the non-ASCII char at `i`, whose lead byte has lead class `lead_class`.
#[inline(always)]
fn non_ascii(bytes: &[u8], i: usize, lead_class: u8) -> (u8, usize) {
    let lead = bytes.get(i).copied().unwrap_or(0);
    match lead_class {
        X2 => {
            let b1 = bytes.get(i + 1).copied().unwrap_or(0);
            let cp = (((lead & 0x1F) as usize) << 6) | (b1 & 0x3F) as usize;
            (LATIN1.get(cp.wrapping_sub(0x80)).copied().unwrap_or(S), 2)
        }
        XL => (L, 2),
        X3 => (general_punctuation_or_symbol(e2_code_point(bytes, i)), 3),
        _ => (S, utf8_len(lead)),
    }
}

/// Code point of the 3-byte char at `i` whose lead byte is 0xE2.
#[inline(always)]
fn e2_code_point(bytes: &[u8], i: usize) -> u32 {
    let b1 = bytes.get(i + 1).copied().unwrap_or(0);
    let b2 = bytes.get(i + 2).copied().unwrap_or(0);
    0x2000 | (((b1 & 0x3F) as u32) << 6) | (b2 & 0x3F) as u32
}

#[inline(always)]
fn general_punctuation_or_symbol(cp: u32) -> u8 {
    GENERAL_PUNCTUATION
        .get(cp.wrapping_sub(0x2000) as usize)
        .copied()
        .unwrap_or(S)
}

/// Word flags (`L` or `D`) and length of the char at `i` if it is a word char, else `(0, 0)`.
#[inline(always)]
fn word_char(bytes: &[u8], i: usize) -> (u8, usize) {
    let Some(&b) = bytes.get(i) else {
        return (0, 0);
    };
    let c = BYTE[b as usize];
    match c {
        L | D => (c, 1),
        X2 | XL => {
            let (c, len) = non_ascii(bytes, i, c);
            if c == L || c == D { (c, len) } else { (0, 0) }
        }
        // General Punctuation and currency signs hold no word chars.
        _ => (0, 0),
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Of eight bytes (little-endian in `x`), the ASCII letters and the ASCII digits, as bit 7 of each
/// byte.
#[inline(always)]
fn ascii_letters_digits(x: u64) -> (u64, u64) {
    let ascii = !x & HIGH;
    let y = x & !HIGH;
    // `y` bytes are below 0x80, so adding at most 0x80 per byte never carries into the next: bit 7
    // of `y + (0x80 - k)` tells whether the byte is at least `k`.
    let at_least = |k: u8| y.wrapping_add(ONES * u64::from(0x80 - k)) & HIGH;
    // Setting bit 5 maps `A`–`Z` onto `a`–`z` and nothing else but `a`–`z` onto them.
    let lower_case = y | (ONES * 0x20);
    let letters = lower_case.wrapping_add(ONES * u64::from(0x80 - b'a'))
        & !lower_case.wrapping_add(ONES * u64::from(0x80 - (b'z' + 1)))
        & HIGH;
    let digits = at_least(b'0') & !at_least(b'9' + 1);
    (letters & ascii, digits & ascii)
}

/// Skips ASCII letters and digits from `i`, eight bytes at a time while eight bytes remain; returns
/// where the run stops (or where fewer than eight bytes remain) and the word flags seen.
#[inline(always)]
fn skip_ascii_word_chars(bytes: &[u8], mut i: usize) -> (usize, u8) {
    let mut flags = 0u8;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let (letters, digits) = ascii_letters_digits(u64::from_le_bytes(word));
        let stop = !(letters | digits) & HIGH;
        // The bytes before the first one that is not an ASCII letter or digit.
        let (run, len) = if stop == 0 {
            (u64::MAX, 8)
        } else {
            let len = stop.trailing_zeros() as usize / 8;
            ((1u64 << (8 * len)) - 1, len)
        };
        if letters & run != 0 {
            flags |= L;
        }
        if digits & run != 0 {
            flags |= D;
        }
        i += len;
        if len < 8 {
            break;
        }
    }
    (i, flags)
}

/// Scans the rest of a word from `i`; returns its end and the OR of its word flags with `flags`.
#[inline(always)]
fn scan_word(bytes: &[u8], mut i: usize, mut flags: u8) -> (usize, u8) {
    loop {
        // ASCII letters and digits eight at a time, then one by one near the end of the text.
        let (next, seen) = skip_ascii_word_chars(bytes, i);
        i = next;
        flags |= seen;
        while let Some(&b) = bytes.get(i) {
            let c = BYTE[b as usize];
            if c > D {
                break;
            }
            flags |= c;
            i += 1;
        }
        let Some(&b) = bytes.get(i) else { break };
        let joiner_len = match BYTE[b as usize] {
            J => 1,
            c @ (X2 | XL) => {
                let (c, len) = non_ascii(bytes, i, c);
                if c == L || c == D {
                    flags |= c;
                    i += len;
                    continue;
                }
                break;
            }
            X3 if e2_code_point(bytes, i) == 0x2019 => 3,
            _ => break,
        };
        let (f, len) = word_char(bytes, i + joiner_len);
        if f == 0 {
            break;
        }
        flags |= f;
        i += joiner_len + len;
    }
    (i, flags)
}

/// Scans the rest of a space run from `i`; returns its end.
#[inline(always)]
fn scan_space(bytes: &[u8], mut i: usize) -> usize {
    while let Some(&b) = bytes.get(i) {
        match BYTE[b as usize] {
            SP => i += 1,
            c @ (X2 | X3) => {
                let (c, len) = non_ascii(bytes, i, c);
                if c != SP {
                    break;
                }
                i += len;
            }
            _ => break,
        }
    }
    i
}

/// Cuts `text` into tokens appended to `out`; offsets are shifted by `base`. Meant for text that
/// [`accepts`] returns true for; on other text it still tiles, making unknown chars `Symbol`s.
pub(super) fn tokenize(text: &str, base: u32, out: &mut Vec<Token>) {
    scan(text.as_bytes(), 0, base, false, out);
}

/// Tokenizes `text` from byte `from` (a char boundary) to its end, with offsets into `text`, and
/// returns `None`; or stops at the first char [`accepts`] would refuse and returns its offset
/// (the tokens before it are pushed).
pub(super) fn tokenize_until_unknown(
    text: &str,
    from: usize,
    out: &mut Vec<Token>,
) -> Option<usize> {
    scan(text.as_bytes(), from, 0, true, out)
}

/// True when the 3-byte char at `i`, whose lead byte is 0xE2, is one the fast path knows
/// (U+2000–U+206F, U+20A0–U+20BF).
#[inline]
fn known_e2(bytes: &[u8], i: usize) -> bool {
    let b1 = bytes.get(i + 1).copied().unwrap_or(0);
    let b2 = bytes.get(i + 2).copied().unwrap_or(0);
    match b1 {
        0x80 => true,
        0x81 => b2 <= 0xAF,
        0x82 => b2 >= 0xA0,
        _ => false,
    }
}

/// The tokenizer loop from byte `i`; see [`tokenize`] and [`tokenize_until_unknown`].
#[inline(always)]
fn scan(
    bytes: &[u8],
    mut i: usize,
    base: u32,
    stop_at_unknown: bool,
    out: &mut Vec<Token>,
) -> Option<usize> {
    let n = bytes.len();
    while i < n {
        let start = i;
        let b = bytes[i];
        let mut c = BYTE[b as usize];
        let mut len = 1;
        if c >= X2 {
            if stop_at_unknown && (c == XX || (c == X3 && !known_e2(bytes, i))) {
                return Some(i);
            }
            (c, len) = non_ascii(bytes, i, c);
        }
        let kind = match c {
            L | D => {
                let (end, flags) = scan_word(bytes, i + len, c);
                i = end;
                if flags & L != 0 {
                    TokenKind::Word
                } else {
                    TokenKind::Number
                }
            }
            SP => {
                i = scan_space(bytes, i + len);
                TokenKind::Space
            }
            NL => {
                i += if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                TokenKind::Newline
            }
            P | J => {
                i += len;
                TokenKind::Punct
            }
            _ => {
                i += len;
                TokenKind::Symbol
            }
        };
        let end = i.min(n);
        i = end;
        out.push(Token {
            start: base + start as u32,
            end: base + end as u32,
            kind,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_latin_and_typography() {
        assert!(accepts("l’agence « nord-coréen » — 2,5\u{a0}% … • €"));
        assert!(accepts("Łódź, Ærø, Dvořák"));
        assert!(accepts(""));
        assert!(!accepts("Привет"));
        assert!(!accepts("e\u{301}"));
        assert!(!accepts("™"));
        assert!(!accepts("😀"));
    }

    #[test]
    fn eight_byte_classes_match_the_byte_table() {
        for b in 0u8..=255 {
            for pos in 0..8 {
                let mut bytes = [b'-'; 8];
                bytes[pos] = b;
                let (letters, digits) = ascii_letters_digits(u64::from_le_bytes(bytes));
                let bit = 0x80u64 << (8 * pos);
                assert_eq!(letters & bit != 0, BYTE[b as usize] == L, "{b:#x}");
                assert_eq!(digits & bit != 0, BYTE[b as usize] == D, "{b:#x}");
                assert_eq!((letters | digits) & !bit, 0, "{b:#x} at {pos}");
            }
        }
    }

    #[test]
    fn tables_match_the_general_classes() {
        use super::super::general::{Class, class};
        let expect = |c: char| match class(c) {
            Class::Letter => L,
            Class::Digit => D,
            Class::Space => SP,
            Class::Newline => NL,
            Class::Punct if c == '\'' || c == '-' => J,
            Class::Punct => P,
            Class::Mark | Class::Symbol => S,
        };
        for cp in (0u32..0x280).chain(0x2000..0x2070).chain(0x20A0..0x20C0) {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let mut buf = [0u8; 4];
            let s = c.encode_utf8(&mut buf);
            let bytes = s.as_bytes();
            let mut got = BYTE[bytes[0] as usize];
            if got >= X2 {
                got = non_ascii(bytes, 0, got).0;
            }
            assert_eq!(got, expect(c), "class of U+{cp:04X}");
        }
    }
}
