//! Normalised forms of words and lines: case folding, accent-insensitive keys, line fingerprints
//! (for boilerplate and duplicate detection) and line shapes (for trailing tags such as agency
//! bylines).

use std::cell::RefCell;

/// Writes the lowercase form of `word` into `out` (cleared first). ASCII words take a byte path.
pub fn fold(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
    } else {
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
}

/// Writes an accent- and case-insensitive key of `word` into `out` (cleared first): lowercased,
/// Latin-1 and Latin Extended-A letters stripped of their diacritics (`é`→`e`, `ç`→`c`, `œ`→`oe`,
/// `ß`→`ss`, `ł`→`l`), combining diacritical marks (U+0300–U+036F) dropped, and `’` (and `ʼ`)
/// mapped to `'`. Other characters pass through lowercased.
pub fn fold_key(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
        return;
    }
    for c in word.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        for l in c.to_lowercase() {
            match strip_diacritic(l) {
                Some(base) => out.push_str(base),
                None if ('\u{300}'..='\u{36F}').contains(&l) => {}
                None => out.push(l),
            }
        }
    }
}

/// The unaccented form of a lowercase Latin letter or apostrophe, if it has one.
fn strip_diacritic(c: char) -> Option<&'static str> {
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

/// Writes the normalised form used by [`fingerprint`] into `out` (cleared first): leading
/// whitespace and bullets removed, whitespace runs collapsed to one space, trailing whitespace
/// removed, digits (any `Numeric` char) replaced by `0`, everything lowercased.
pub fn fingerprint_text(text: &str, out: &mut String) {
    out.clear();
    let body = text.trim_start_matches(|c: char| c.is_whitespace() || is_bullet(c));
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
}

/// A 64-bit fingerprint of a line or paragraph that ignores case, digit values, leading bullets
/// and whitespace differences: `xxh3_64` of [`fingerprint_text`]'s form.
pub fn fingerprint(text: &str) -> u64 {
    thread_local! {
        static BUF: RefCell<String> = const { RefCell::new(String::new()) };
    }
    BUF.with(|buf| match buf.try_borrow_mut() {
        Ok(mut buf) => {
            fingerprint_text(text, &mut buf);
            xxhash_rust::xxh3::xxh3_64(buf.as_bytes())
        }
        Err(_) => {
            let mut own = String::new();
            fingerprint_text(text, &mut own);
            xxhash_rust::xxh3::xxh3_64(own.as_bytes())
        }
    })
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

    #[test]
    fn shape_maps_digits() {
        assert_eq!(shape("  Paris, 12 mai (AFP)  "), "Paris, 00 mai (AFP)");
        assert_eq!(shape("jmb/sg  2024-05-12"), "jmb/sg 0000-00-00");
        assert_eq!(shape(""), "");
    }
}
