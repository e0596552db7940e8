//! The context of an example finding: the flagged text within its line, cut to a window of a few
//! dozen characters either side so that an example stays small whatever the document.

use serde::Serialize;

use crate::span::Span;

/// Characters of context kept on each side of the flagged text.
pub const CONTEXT_CHARS: usize = 90;
/// Characters of flagged text kept (longer spans are cut in the middle).
pub const FLAGGED_CHARS: usize = 160;
/// The mark of text left out.
pub const ELLIPSIS: &str = "…";

/// A flagged span in its line: `before` + `flagged` + `after` is the shown excerpt (with `…` where
/// the line was cut), `line` and `column` are 1-based (column in Unicode scalar values).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Excerpt {
    pub line: u32,
    pub column: u32,
    pub before: String,
    pub flagged: String,
    pub after: String,
}

/// The nearest char boundary at or below `i`.
fn floor(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The nearest char boundary at or above `i`.
fn ceil(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Line breaks and tabs shown as spaces (a multi-line span stays on one line).
fn flat(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c == '\n' || c == '\r' || c == '\t' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// The last `n` characters of `s`, with `…` in front when cut (at a space when one is near).
fn tail(s: &str, n: usize) -> String {
    let count = s.chars().count();
    if count <= n {
        return flat(s);
    }
    let start = s.char_indices().nth(count - n).map_or(s.len(), |(i, _)| i);
    let mut cut = &s[start..];
    if let Some(sp) = cut.find(' ').filter(|&sp| sp < cut.len() / 3) {
        cut = &cut[sp + 1..];
    }
    format!("{ELLIPSIS}{}", flat(cut))
}

/// The first `n` characters of `s`, with `…` after when cut (at a space when one is near).
fn head(s: &str, n: usize) -> String {
    let end = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    if end == s.len() {
        return flat(s);
    }
    let mut cut = &s[..end];
    if let Some(sp) = cut.rfind(' ').filter(|&sp| sp > 2 * cut.len() / 3) {
        cut = &cut[..sp];
    }
    format!("{}{ELLIPSIS}", flat(cut))
}

/// The excerpt of `span` in `text`. Spans past the end are clamped; offsets inside a character
/// are moved to its boundaries.
pub fn excerpt(text: &str, span: Span) -> Excerpt {
    let start = floor(text, span.start as usize);
    let end = ceil(text, (span.end as usize).max(start));
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let line = 1 + memchr::memchr_iter(b'\n', &text.as_bytes()[..start]).count();
    let column = 1 + text[line_start..start].chars().count();
    let flagged = &text[start..end];
    let flagged = if flagged.chars().count() > FLAGGED_CHARS {
        let half = FLAGGED_CHARS / 2;
        let a = flagged
            .char_indices()
            .nth(half)
            .map_or(flagged.len(), |(i, _)| i);
        let total = flagged.chars().count();
        let b = flagged
            .char_indices()
            .nth(total - half)
            .map_or(flagged.len(), |(i, _)| i);
        format!("{} {ELLIPSIS} {}", flat(&flagged[..a]), flat(&flagged[b..]))
    } else {
        flat(flagged)
    };
    Excerpt {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        column: u32::try_from(column).unwrap_or(u32::MAX),
        before: tail(&text[line_start..start], CONTEXT_CHARS),
        flagged,
        after: head(&text[end..line_end], CONTEXT_CHARS),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(text: &str, start: u32, end: u32) -> Excerpt {
        excerpt(text, Span { start, end })
    }

    #[test]
    fn the_flagged_text_in_its_line() {
        let text = "Titre\nIl est parti à Russieselon l’agence.\nFin";
        let start = text.find("Russieselon").unwrap_or(0) as u32;
        let e = ex(text, start, start + "Russieselon".len() as u32);
        assert_eq!(e.line, 2);
        assert_eq!(e.column, 16);
        assert_eq!(e.before, "Il est parti à ");
        assert_eq!(e.flagged, "Russieselon");
        assert_eq!(e.after, " l’agence.");
    }

    #[test]
    fn long_lines_are_windowed() {
        let left = "mot ".repeat(100);
        let right = " autre".repeat(100);
        let text = format!("{left}X{right}");
        let start = left.len() as u32;
        let e = ex(&text, start, start + 1);
        assert!(e.before.starts_with(ELLIPSIS));
        assert!(e.after.ends_with(ELLIPSIS));
        assert!(e.before.chars().count() <= CONTEXT_CHARS + 1);
        assert!(e.after.chars().count() <= CONTEXT_CHARS + 1);
        assert_eq!(e.flagged, "X");
    }

    #[test]
    fn long_and_multiline_spans_are_cut_and_flattened() {
        let text = format!("a\n{}\nb", "é".repeat(400));
        let e = ex(&text, 0, text.len() as u32);
        assert!(e.flagged.contains(ELLIPSIS));
        assert!(!e.flagged.contains('\n'));
        assert_eq!(e.line, 1);
    }

    #[test]
    fn odd_spans_do_not_panic() {
        let text = "héhé";
        for s in 0..8 {
            for e in 0..8 {
                let _ = ex(text, s, e);
            }
        }
        let e = ex("", 3, 9);
        assert_eq!(e.flagged, "");
        assert_eq!(e.line, 1);
    }
}
