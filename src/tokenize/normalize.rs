//! Normalised forms of words and lines: case folding, accent-insensitive keys, line fingerprints
//! (for boilerplate and duplicate detection) and line shapes (for trailing tags such as agency
//! bylines).

use std::cell::RefCell;

use crate::lang::words::{ascii_lower8, read_partial};

/// Writes the lowercase form of `word` into `out` (cleared first). ASCII words take a byte path.
pub fn fold(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
        return;
    }
    for c in word.chars() {
        push_lowercase(c, out);
    }
}

/// The lowercase form of a char of U+0000–U+00FF (a single char there): `char::to_lowercase`
/// without its table search.
#[inline]
fn lower_latin1(c: char) -> Option<char> {
    let cp = u32::from(c);
    match cp {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE => char::from_u32(cp + 0x20),
        0..=0xFF => Some(c),
        _ => None,
    }
}

/// Pushes the lowercase form of `c` (`char::to_lowercase`).
#[inline]
fn push_lowercase(c: char, out: &mut String) {
    match lower_latin1(c) {
        Some(l) => out.push(l),
        None => out.extend(c.to_lowercase()),
    }
}

/// Writes an accent- and case-insensitive key of `word` into `out` (cleared first): lowercased,
/// Latin-1 and Latin Extended-A letters stripped of their diacritics (`é`→`e`, `ç`→`c`, `œ`→`oe`,
/// `ß`→`ss`, `ł`→`l`), combining diacritical marks (U+0300–U+036F) dropped, and `’` (and `ʼ`)
/// mapped to `'`. Other characters pass through lowercased.
pub fn fold_key(word: &str, out: &mut String) {
    out.clear();
    push_fold_key(word, out);
}

/// Appends the key of [`fold_key`] to `out` (which is not cleared).
pub fn push_fold_key(word: &str, out: &mut String) {
    if word.is_ascii() {
        let start = out.len();
        out.push_str(word);
        if let Some(tail) = out.get_mut(start..) {
            tail.make_ascii_lowercase();
        }
        return;
    }
    for c in word.chars() {
        if let Some(l) = lower_latin1(c) {
            push_key_char(l, out);
        } else {
            for l in c.to_lowercase() {
                push_key_char(l, out);
            }
        }
    }
}

/// Appends the key of [`fold_key`] to `out` as bytes (the same bytes as [`push_fold_key`]).
pub fn push_fold_key_bytes(word: &str, out: &mut Vec<u8>) {
    if word.is_ascii() {
        // Eight bytes at a time: each chunk is written whole (a fixed-size copy), then the
        // padding of the last one cut off.
        let end = out.len() + word.len();
        let mut chunks = word.as_bytes().chunks_exact(8);
        for c in &mut chunks {
            let mut a = [0u8; 8];
            a.copy_from_slice(c);
            out.extend_from_slice(&ascii_lower8(u64::from_le_bytes(a)).to_le_bytes());
        }
        out.extend_from_slice(&ascii_lower8(read_partial(chunks.remainder())).to_le_bytes());
        out.truncate(end);
        return;
    }
    let mut utf8 = [0u8; 4];
    let mut push = |l: char, out: &mut Vec<u8>| {
        if l.is_ascii() {
            out.push(l as u8);
            return;
        }
        match strip_diacritic(l) {
            Some(base) => out.extend_from_slice(base.as_bytes()),
            None if ('\u{300}'..='\u{36F}').contains(&l) => {}
            None => out.extend_from_slice(l.encode_utf8(&mut utf8).as_bytes()),
        }
    };
    let bytes = word.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            out.push(b.to_ascii_lowercase());
            i += 1;
            continue;
        }
        // U+00C0–U+00FF, the accented letters of French and most Latin-script languages: one
        // look-up.
        if let (0xC3, Some(&b1)) = (b, bytes.get(i + 1)) {
            let (key, n) = LATIN1_KEYS[usize::from(b1 & 0x3F)];
            out.extend_from_slice(key.get(..usize::from(n)).unwrap_or(&[]));
            i += 2;
            continue;
        }
        let Some(c) = word.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        i += c.len_utf8();
        if let Some(l) = lower_latin1(c) {
            push(l, out);
        } else {
            for l in c.to_lowercase() {
                push(l, out);
            }
        }
    }
}

/// The [`fold_key`] bytes of the character of U+00C0–U+00FF whose UTF-8 form is `0xC3, b1`
/// (`LATIN1_KEYS`), and their length (1 or 2).
#[inline]
pub(crate) fn latin1_key(b1: u8) -> ([u8; 2], u8) {
    LATIN1_KEYS[usize::from(b1 & 0x3F)]
}

/// The [`fold_key`] bytes of U+00C0–U+00FF, indexed by `code point - 0xC0`, and their length.
static LATIN1_KEYS: [([u8; 2], u8); 64] = build_latin1_keys();

const fn build_latin1_keys() -> [([u8; 2], u8); 64] {
    let mut t = [([0u8; 2], 0u8); 64];
    let mut i = 0;
    while i < 64 {
        let cp = 0xC0 + i as u32;
        // Lowercase: `À`–`Þ` but `×` are 0x20 below their lowercase letter.
        let lower = if cp <= 0xDE && cp != 0xD7 {
            cp + 0x20
        } else {
            cp
        };
        let c = match char::from_u32(lower) {
            Some(c) => c,
            None => '\u{FFFD}',
        };
        t[i] = match strip_diacritic(c) {
            Some(base) => {
                let b = base.as_bytes();
                if b.len() == 2 {
                    ([b[0], b[1]], 2)
                } else {
                    ([b[0], 0], 1)
                }
            }
            // Two-byte UTF-8 of U+00C0–U+00FF.
            None => ([0xC3, 0x80 | (lower & 0x3F) as u8], 2),
        };
        i += 1;
    }
    t
}

/// Pushes the key form of a lowercase char.
#[inline]
fn push_key_char(l: char, out: &mut String) {
    if l.is_ascii() {
        out.push(l);
        return;
    }
    match strip_diacritic(l) {
        Some(base) => out.push_str(base),
        None if ('\u{300}'..='\u{36F}').contains(&l) => {}
        None => out.push(l),
    }
}

/// The unaccented form of a lowercase Latin letter or apostrophe, if it has one.
const fn strip_diacritic(c: char) -> Option<&'static str> {
    Some(match c {
        '’' | 'ʼ' => "'",
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ð' | 'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĳ' => "ij",
        'ĵ' => "j",
        'ķ' | 'ĸ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' | 'ŉ' | 'ŋ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' | 'ſ' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// Characters stripped from the start of a line before fingerprinting: list bullets and dashes.
fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '-' | '*' | '·' | '–' | '—' | '‣' | '◦' | '▪' | '●')
}

/// Marks ASCII whitespace in [`FINGERPRINT_ASCII`].
const FP_SPACE: u8 = 0xFF;

/// The normalised form of each ASCII byte in a fingerprint: digits → `0`, letters lowercased,
/// whitespace (as `char::is_whitespace` has it) → [`FP_SPACE`].
static FINGERPRINT_ASCII: [u8; 128] = build_fingerprint_ascii();

const fn build_fingerprint_ascii() -> [u8; 128] {
    let mut t = [0u8; 128];
    let mut b = 0usize;
    while b < 128 {
        let c = b as u8;
        t[b] = match c {
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' => FP_SPACE,
            b'0'..=b'9' => b'0',
            _ => c.to_ascii_lowercase(),
        };
        b += 1;
    }
    t
}

/// Writes the normalised form of [`fingerprint_text`] into `out` (cleared first), as bytes;
/// returns whether the text has an alphanumeric char.
///
/// ASCII text goes eight bytes at a time: lowercased and with its digits mapped to `0` in one go,
/// and copied as it is when it holds no whitespace but single spaces between other bytes (the
/// common case in prose). Any other eight bytes go byte by byte, and characters outside ASCII one
/// by one.
fn fingerprint_bytes(text: &str, out: &mut Vec<u8>) -> bool {
    // For bytes below 0x80: the high bit of each byte set when the byte is `n` or more.
    let at_least = |x: u64, n: u64| (x + (0x80 - n) * ONES) & HIGH;
    let body = text.trim_start_matches(|c: char| c.is_whitespace() || is_bullet(c));
    let bytes = body.as_bytes();
    out.clear();
    out.resize(bytes.len() + 16, 0);
    let mut o = 0usize;
    let mut pending_space = false;
    // Whether a character outside ASCII is alphanumeric (ASCII ones are found in `out` below).
    let mut alnum = false;
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
                if blank == space && space & (space << 8) == 0 && !(pending_space && first_space) {
                    let digit = at_least(x, 0x30) & !at_least(x, 0x3A);
                    let upper = at_least(x, 0x41) & !at_least(x, 0x5B);
                    let digit_bytes = (digit >> 7) * 0xFF;
                    let x = ((x & !digit_bytes) | (digit_bytes & (0x30 * ONES))) | (upper >> 2);
                    open_room(out, &mut o, &mut pending_space, 9, bytes.len() - i);
                    out[o..o + 8].copy_from_slice(&x.to_le_bytes());
                    // A space ending the chunk is left pending: written before what follows it,
                    // dropped at the end of the text.
                    let last_space = space >> 63 != 0;
                    o += 8 - usize::from(last_space);
                    pending_space = last_space;
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
                let m = FINGERPRINT_ASCII[usize::from(b)];
                if m == FP_SPACE {
                    pending_space = true;
                    continue;
                }
                open_room(out, &mut o, &mut pending_space, 2, bytes.len() - i);
                out[o] = m;
                o += 1;
                continue;
            }
            // U+00C0–U+00FF (`é`, `À`, `ß`, `×`): lowercased by setting one bit of the second
            // byte, all letters but `×` and `÷`.
            if let (0xC3, Some(&b1)) = (b, bytes.get(i + 1).filter(|&&b1| b1 & 0xC0 == 0x80)) {
                i += 2;
                let cp = 0xC0 | u32::from(b1 & 0x3F);
                let letter = cp != 0xD7 && cp != 0xF7;
                alnum |= letter;
                open_room(out, &mut o, &mut pending_space, 3, bytes.len() - i);
                out[o] = b;
                out[o + 1] = if letter && cp <= 0xDE { b1 | 0x20 } else { b1 };
                o += 2;
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
            if !alnum {
                alnum = c.is_alphanumeric();
            }
            // Room for a space and a lowercase form (at most three characters of four bytes).
            open_room(out, &mut o, &mut pending_space, 13, bytes.len() - i);
            if !latin && c.is_numeric() {
                out[o] = b'0';
                o += 1;
                continue;
            }
            let mut put = |l: char| {
                let e = l.encode_utf8(&mut utf8).as_bytes();
                out[o..o + e.len()].copy_from_slice(e);
                o += e.len();
            };
            match lower_latin1(c) {
                Some(l) => put(l),
                None => c.to_lowercase().for_each(put),
            }
        }
    }
    out.truncate(o);
    // ASCII letters and digits are written as `a`–`z` and `0`, and nothing else writes those but
    // alphanumeric chars.
    alnum || out.iter().any(u8::is_ascii_alphanumeric)
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Before writing at `o` in [`fingerprint_bytes`]'s buffer: makes room for `room` bytes (and the
/// `rest` of the text), then writes the pending space, if any.
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

/// Writes the normalised form used by [`fingerprint`] into `out` (cleared first): leading
/// whitespace and bullets removed, whitespace runs collapsed to one space, trailing whitespace
/// removed, digits (any `Numeric` char) replaced by `0`, everything lowercased.
pub fn fingerprint_text(text: &str, out: &mut String) {
    let mut bytes = std::mem::take(out).into_bytes();
    fingerprint_bytes(text, &mut bytes);
    // Only whole chars are written, so the bytes are valid UTF-8; never fail anyway.
    *out = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
}

/// A 64-bit fingerprint of a line or paragraph that ignores case, digit values, leading bullets
/// and whitespace differences: `xxh3_64` of [`fingerprint_text`]'s form.
pub fn fingerprint(text: &str) -> u64 {
    thread_local! {
        static BUF: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    }
    BUF.with(|buf| match buf.try_borrow_mut() {
        Ok(mut buf) => {
            fingerprint_bytes(text, &mut buf);
            xxhash_rust::xxh3::xxh3_64(&buf)
        }
        Err(_) => {
            let mut own = Vec::new();
            fingerprint_bytes(text, &mut own);
            xxhash_rust::xxh3::xxh3_64(&own)
        }
    })
}

/// [`fingerprint`] with `buf` as scratch space.
pub fn fingerprint_with(text: &str, buf: &mut Vec<u8>) -> u64 {
    fingerprint_bytes(text, buf);
    xxhash_rust::xxh3::xxh3_64(buf)
}

/// The [`fingerprint`] of a line that has an alphanumeric char, `None` for any other line;
/// `buf` is scratch space.
pub fn line_fingerprint(text: &str, buf: &mut Vec<u8>) -> Option<u64> {
    fingerprint_bytes(text, buf).then(|| xxhash_rust::xxh3::xxh3_64(buf))
}

/// The shape of a line: trimmed, whitespace runs collapsed to one space, digits (any `Numeric`
/// char) replaced by `0`, letters and everything else kept as they are. `"Paris, 12 mai (AFP)"`
/// has the shape `"Paris, 00 mai (AFP)"`.
pub fn shape(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut pending_space = false;
    for c in line.trim().chars() {
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(if c.is_numeric() { '0' } else { c });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(word: &str) -> String {
        let mut out = String::from("stale");
        fold(word, &mut out);
        out
    }

    fn key(word: &str) -> String {
        let mut out = String::from("stale");
        fold_key(word, &mut out);
        out
    }

    #[test]
    fn fold_lowercases() {
        assert_eq!(folded("Paris"), "paris");
        assert_eq!(folded("ÉTÉ"), "été");
        assert_eq!(folded("Œuvre"), "œuvre");
        assert_eq!(folded(""), "");
    }

    #[test]
    fn fold_key_strips_diacritics() {
        assert_eq!(key("Élève"), "eleve");
        assert_eq!(key("garçon"), "garcon");
        assert_eq!(key("Œuvre"), "oeuvre");
        assert_eq!(key("Straße"), "strasse");
        assert_eq!(key("Łódź"), "lodz");
        assert_eq!(key("l’agence"), "l'agence");
        assert_eq!(key("AUJOURD'HUI"), "aujourd'hui");
        assert_eq!(key("e\u{301}te\u{301}"), "ete");
        assert_eq!(key("Ærø"), "aero");
        assert_eq!(key("Москва"), "москва");
        assert_eq!(key("Ș"), "s");
    }

    #[test]
    fn fingerprint_ignores_case_digits_bullets_and_spaces() {
        let a = fingerprint("• Le bilan s'élève à 12 morts");
        assert_eq!(a, fingerprint("le  bilan s'élève à 47 MORTS  "));
        assert_eq!(a, fingerprint("  - Le\tbilan s'élève à 30 morts"));
        assert_eq!(a, fingerprint("* Le bilan\u{a0}s'élève à 99 morts"));
        assert_ne!(a, fingerprint("Le bilan s'élève à 12 blessés"));
        let mut form = String::new();
        fingerprint_text(" · Mardi 14 MAI 2024 ", &mut form);
        assert_eq!(form, "mardi 00 mai 0000");
        assert_eq!(
            fingerprint("x"),
            xxhash_rust::xxh3::xxh3_64(b"x"),
            "the fingerprint is xxh3-64 of the normalised form"
        );
    }

    /// The char-by-char definitions the fast paths must agree with.
    mod reference {
        pub fn fold(word: &str) -> String {
            word.chars().flat_map(char::to_lowercase).collect()
        }

        pub fn fold_key(word: &str) -> String {
            let mut out = String::new();
            for c in word.chars() {
                if c.is_ascii() {
                    out.push(c.to_ascii_lowercase());
                    continue;
                }
                for l in c.to_lowercase() {
                    match super::strip_diacritic(l) {
                        Some(base) => out.push_str(base),
                        None if ('\u{300}'..='\u{36F}').contains(&l) => {}
                        None => out.push(l),
                    }
                }
            }
            out
        }

        pub fn fingerprint_text(text: &str) -> String {
            let mut out = String::new();
            let body = text.trim_start_matches(|c: char| c.is_whitespace() || super::is_bullet(c));
            let mut pending_space = false;
            for c in body.chars() {
                if c.is_whitespace() {
                    pending_space = true;
                    continue;
                }
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                if c.is_ascii() {
                    out.push(if c.is_ascii_digit() {
                        '0'
                    } else {
                        c.to_ascii_lowercase()
                    });
                } else if c.is_numeric() {
                    out.push('0');
                } else {
                    out.extend(c.to_lowercase());
                }
            }
            out
        }
    }

    fn check_against_reference(text: &str) {
        let mut form = String::from("stale");
        fingerprint_text(text, &mut form);
        assert_eq!(form, reference::fingerprint_text(text), "{text:?}");
        let mut buf = Vec::new();
        let expect = text
            .chars()
            .any(char::is_alphanumeric)
            .then(|| xxhash_rust::xxh3::xxh3_64(form.as_bytes()));
        assert_eq!(line_fingerprint(text, &mut buf), expect, "{text:?}");
        let hash = xxhash_rust::xxh3::xxh3_64(form.as_bytes());
        assert_eq!(fingerprint_with(text, &mut buf), hash, "{text:?}");
        assert_eq!(fingerprint(text), hash, "{text:?}");
        assert_eq!(folded(text), reference::fold(text), "{text:?}");
        assert_eq!(key(text), reference::fold_key(text), "{text:?}");
        let mut bytes = b"x".to_vec();
        push_fold_key_bytes(text, &mut bytes);
        assert_eq!(
            bytes[1..],
            *reference::fold_key(text).as_bytes(),
            "{text:?}"
        );
    }

    #[test]
    fn fast_paths_agree_with_the_definitions() {
        for text in [
            "",
            " ",
            "Le bilan s'élève à 12 morts, selon l'AFP (Paris).",
            "UPPER lower 0123456789 mixed  double  spaces\ttab\r\n",
            "abcdefgh ijklmnop QRSTUVWX 12345678 a b c d e f g h i j",
            "   • - * bullets then text ending in spaces     ",
            "eight..\u{a0}nbsp   \u{202f}narrow \u{2003}em",
            "İstanbul Ⱥ ẞ Kelvin \u{212a} ½ ² Ⅻ ǅ ǈ Σσς",
            "a\x00b\x01c\x7fd\x0be\x0cf\x1cg\u{85}h\u{2028}i",
            "x x x x x x x x x x x x x x x x x",
            "xxxxxxx x  xxxxxxx   xxxxxxx\u{a0} xxxxxxxx",
            " #!$%&()*+,-./:;<=>?@[]^_`{|}~ AZaz09 ",
        ] {
            check_against_reference(text);
        }
        // Every Latin-1 char, alone and among ASCII.
        for cp in 0u32..0x100 {
            if let Some(c) = char::from_u32(cp) {
                check_against_reference(&format!("{c}"));
                check_against_reference(&format!("abcdefgh{c}ijklmnop {c}Q {c}"));
            }
        }
    }

    #[test]
    fn eight_byte_chunks_of_every_kind_agree_with_the_definition() {
        // Spaces at each end, doubled, tabs, digits, capitals, controls, characters outside ASCII
        // across a chunk boundary, `×` (Latin-1, not alphanumeric) alone.
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
            "×",
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
            check_against_reference(&line);
        }
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            check_against_reference(&format!("{c}a{c} 1{c}\t{c}"));
            check_against_reference(&format!("{c}"));
        }
    }

    #[test]
    fn lowercase_of_a_non_alphanumeric_char_has_no_ascii_alphanumeric() {
        // What `fingerprint_bytes` relies on to find alphanumeric chars after the fact.
        for c in (0x80u32..0x11_0000).filter_map(char::from_u32) {
            if !c.is_alphanumeric() {
                assert!(
                    !c.to_lowercase().any(|l| l.is_ascii_alphanumeric()),
                    "U+{:04X}",
                    u32::from(c)
                );
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        #[test]
        fn fast_paths_agree_on_any_text(text in "(?s)[a-zA-Z0-9 \t\n\r.,'’•\u{a0}\u{202f}éÉàÀÿÞþ×÷œŒßİⱥȺ½²\u{85}\u{2028}\u{301}\x00-\x1f-]{0,40}") {
            check_against_reference(&text);
        }

        #[test]
        fn fast_paths_agree_on_arbitrary_strings(text in proptest::prelude::any::<String>()) {
            check_against_reference(&text);
        }
    }

    #[test]
    fn shape_maps_digits() {
        assert_eq!(shape("  Paris, 12 mai (AFP)  "), "Paris, 00 mai (AFP)");
        assert_eq!(shape("jmb/sg  2024-05-12"), "jmb/sg 0000-00-00");
        assert_eq!(shape(""), "");
    }
}
