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
