//! Small text helpers shared by the built-in rules, written for speed: they run on every word.

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
/// lowercased. Runs of ASCII go byte by byte.
pub(crate) fn line_fingerprint(line: &str, buf: &mut Vec<u8>) -> u64 {
    let body = line.trim_start_matches(|c: char| c.is_whitespace() || is_bullet(c));
    let bytes = body.as_bytes();
    // Written by index into a buffer sized for the common case, grown when lowercasing lengthens.
    buf.clear();
    buf.resize(bytes.len() + 8, 0);
    let mut o = 0usize;
    let mut pending_space = false;
    let mut utf8 = [0u8; 4];
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            let m = ASCII_FINGERPRINT[usize::from(b)];
            if m == SPACE {
                pending_space = true;
                continue;
            }
            if pending_space {
                buf[o] = b' ';
                o += 1;
                pending_space = false;
            }
            buf[o] = m;
            o += 1;
            continue;
        }
        let Some(c) = body.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        i += c.len_utf8();
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        // Room for a space and a lowercase form (at most three characters of four bytes).
        if buf.len() < o + 13 {
            buf.resize(o + 13 + bytes.len() - i, 0);
        }
        if pending_space {
            buf[o] = b' ';
            o += 1;
            pending_space = false;
        }
        if c.is_numeric() {
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
    buf.truncate(o);
    xxhash_rust::xxh3::xxh3_64(buf)
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
