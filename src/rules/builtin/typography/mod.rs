//! `typography/` rules, and small text helpers shared with `punctuation/` and `encoding/`.

pub mod apostrophe_style;
pub mod en_punct_spacing;
pub mod fr_punct_spacing;
pub mod quote_style;
pub mod whitespace_anomaly;

use crate::lang::Lang;
use crate::lang::detect::stopword_scores;
use crate::rules::Rule;
use crate::tokenize::Token;

/// The rules of this group.
pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(apostrophe_style::ApostropheStyle),
        Box::new(en_punct_spacing::EnPunctSpacing),
        Box::new(fr_punct_spacing::FrPunctSpacing),
        Box::new(quote_style::QuoteStyle),
        Box::new(whitespace_anomaly::WhitespaceAnomaly),
    ]
}

/// The first char of a token (tokens are never empty).
#[inline]
pub(crate) fn first_char(text: &str, tok: &Token) -> char {
    text.get(tok.start as usize..)
        .and_then(|s| s.chars().next())
        .unwrap_or('\0')
}

/// The char just before byte offset `pos`, if any.
#[inline]
pub(crate) fn char_before(text: &str, pos: usize) -> Option<char> {
    text.get(..pos).and_then(|s| s.chars().next_back())
}

/// The char at byte offset `pos`, if any.
#[inline]
pub(crate) fn char_at(text: &str, pos: usize) -> Option<char> {
    text.get(pos..).and_then(|s| s.chars().next())
}

/// The whitespace-delimited chunk of text around `[start, end)`.
pub(crate) fn chunk_around(text: &str, start: usize, end: usize) -> &str {
    let s = text
        .get(..start)
        .and_then(|t| t.rfind(char::is_whitespace))
        .map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
    let e = text
        .get(end..)
        .and_then(|t| t.find(char::is_whitespace))
        .map_or(text.len(), |i| end + i);
    text.get(s..e).unwrap_or("")
}

/// Whether a whitespace-delimited chunk is (part of) a URL, path, e-mail address or query string,
/// where punctuation follows no typographic convention.
pub(crate) fn is_url_like(chunk: &str) -> bool {
    chunk.contains('/')
        || chunk.contains('=')
        || chunk.contains('@')
        || chunk.contains("www.")
        || chunk.contains('\\')
}

/// A line that looks like a table or a list of figures: more than 30% digits or `|`.
pub(crate) fn is_table_line(line: &str) -> bool {
    let mut n = 0usize;
    let mut hits = 0usize;
    for b in line.bytes() {
        if b == b' ' || b == b'\t' {
            continue;
        }
        n += 1;
        if b.is_ascii_digit() || b == b'|' {
            hits += 1;
        }
    }
    n > 0 && hits * 10 > n * 3
}

/// The line (without terminator) containing byte offset `pos`.
pub(crate) fn line_around(text: &str, pos: usize) -> &str {
    let bytes = text.as_bytes();
    let pos = pos.min(bytes.len());
    let s = memchr::memrchr(b'\n', &bytes[..pos]).map_or(0, |i| i + 1);
    let e = memchr::memchr(b'\n', &bytes[pos..]).map_or(bytes.len(), |i| pos + i);
    text.get(s..e).unwrap_or("").trim_end_matches('\r')
}

/// Emoticons that contain punctuation (`:)`, `;-)`, `:(`, `:D`…), which spacing and balance rules
/// leave alone. `pos` is the offset of a `:` `;` `=` or `)` `(`; returns true when it is part of one.
pub(crate) fn is_emoticon_at(text: &str, pos: usize) -> bool {
    let b = text.as_bytes();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let eyes = |c: u8| matches!(c, b':' | b';' | b'=');
    let mouth = |c: u8| matches!(c, b')' | b'(' | b'D' | b'P' | b'p' | b'/' | b'|' | b'O');
    let c = at(pos);
    if eyes(c) {
        let mut j = pos + 1;
        if at(j) == b'-' || at(j) == b'\'' {
            j += 1;
        }
        // The mouth must end the emoticon (`:D` but not `:De`).
        return mouth(at(j)) && !at(j + 1).is_ascii_alphanumeric();
    }
    if matches!(c, b')' | b'(') && pos > 0 {
        let mut j = pos - 1;
        if at(j) == b'-' && j > 0 {
            j -= 1;
        }
        return eyes(at(j));
    }
    false
}

/// Whether the quotation around `pos` on its line (between `« »`, `“ ”` or straight `"`) reads as
/// another language than `lang`, by function-word counts. Used to skip quoted foreign titles and
/// quotes (`« AI Superpowers: China… »` in French text).
pub(crate) fn in_foreign_quote(text: &str, pos: usize, lang: Lang) -> bool {
    let line_start = text
        .get(..pos)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let line_end = text
        .get(pos..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |i| pos + i);
    let (Some(before), Some(after)) = (text.get(line_start..pos), text.get(pos..line_end)) else {
        return false;
    };
    // The nearest opening mark before and closing mark after.
    let open = before.rfind(['«', '“', '"', '„']);
    let close = after.find(['»', '”', '"', '“']);
    let (Some(o), Some(c)) = (open, close) else {
        return false;
    };
    let Some(inner) = text.get(line_start + o..pos + c) else {
        return false;
    };
    is_foreign(inner, lang)
}

/// Whether `snippet` has more function words of another language than of `lang` (at least two).
pub(crate) fn is_foreign(snippet: &str, lang: Lang) -> bool {
    let words = snippet
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty());
    let scores = stopword_scores(words);
    let own = scores
        .iter()
        .find(|(l, _)| *l == lang)
        .map_or(0, |(_, n)| *n);
    scores
        .iter()
        .any(|(l, n)| *l != lang && *n >= 2 && *n > own)
}

/// Whether an ambiguous quote mark (`"`, `“`, `”`, `‘`) at `[start, end)` opens (`Some(true)`) or
/// closes (`Some(false)`) a quotation, read from its neighbours: an opening mark follows a space, a
/// line start or an opening bracket and touches the next word; a closing mark touches the previous
/// word and is followed by a space, punctuation or the line end. `None` when it cannot tell, and
/// for a straight `"` after a digit (inches: `55"`).
pub(crate) fn quote_opens(text: &str, start: usize, end: usize) -> Option<bool> {
    let before = char_before(text, start);
    let after = char_at(text, end);
    if text.as_bytes().get(start) == Some(&b'"') && before.is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    // `‘` is left out: it closes a German inner quotation (`‚nicht‘“`).
    let left = before.is_none_or(|c| c.is_whitespace() || "([{«“„—–/-".contains(c));
    let right = after.is_none_or(|c| c.is_whitespace() || ".,;:!?)]}»”’…—–-".contains(c));
    match (left, right) {
        (true, false) => Some(true),
        (false, true) => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert_eq!(
            chunk_around("voir https://a.fr/b?c=1 ici", 10, 11),
            "https://a.fr/b?c=1"
        );
        assert!(is_url_like("https://a.fr/b?c=1"));
        assert!(is_table_line("| 12 | 13 | 14 |"));
        assert!(!is_table_line("Le 12 mai, il pleuvait."));
        assert!(is_emoticon_at("super :) non", 6));
        assert!(is_emoticon_at("super :) non", 7));
        assert!(is_emoticon_at("ok ;-)", 3));
        assert!(!is_emoticon_at("voici : De Gaulle", 6));
        assert!(!is_emoticon_at("(a) b", 2));
        assert!(is_emoticon_at("écrivez:)", 9));
        assert!(!is_emoticon_at("(page 8)", 7));
        assert_eq!(line_around("a\nbc\nd", 3), "bc");
        let t = "Il a lu « The Last Palace: Europe and the World » hier.";
        assert!(in_foreign_quote(t, t.find(':').unwrap(), Lang::FR));
        assert_eq!(
            quote_opens("die „This Morning“-Moderatorin", 19, 22),
            Some(false)
        );
        let t = "Il a dit « nous sommes là: et nous restons » hier.";
        assert!(!in_foreign_quote(t, t.find(':').unwrap(), Lang::FR));
    }
}
