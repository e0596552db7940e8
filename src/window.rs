//! Windows of long documents.
//!
//! A plain-text dump of a whole corpus arrives as one document of hundreds of megabytes. Rules are
//! written for articles: several compare each line or name with the rest of the document, which
//! costs more than linear time on such a text, and its analysis alone takes several times its size
//! in memory. So a document longer than [`WINDOW_BYTES`] is analysed, indexed and linted in
//! windows of about that size, cut after a blank line where there is one (else after a line
//! break), in parallel; findings come back in the document's own offsets, so reports, fixes and
//! suppression comments see one document. Each window counts as one document in the corpus index.
//! A line longer than a window is never cut, and a document with a `source` field (bitext) is not
//! windowed: its pair rules align both sides whole.

use memchr::{memchr, memmem, memrchr};

use crate::document::Document;
use crate::span::Span;

/// Documents longer than this are linted in windows of about this size: 1 MiB, a hundred times
/// a long news article.
pub const WINDOW_BYTES: usize = 1 << 20;

/// The windows `text` (the text of `doc`, or its prose) is linted in: the whole text when it is
/// short, has a `source` field, or has no line break to cut at.
pub fn windows(doc: &Document, text: &str) -> Vec<Span> {
    if text.len() <= WINDOW_BYTES || doc.meta.contains_key("source") {
        return vec![Span::from_usize(0, text.len())];
    }
    cut(text.as_bytes(), WINDOW_BYTES)
}

/// Consecutive spans tiling `bytes`, each ending after a line break and at most `size` long where
/// a line break allows: cut after the last blank line of its second half, else after its last
/// line break, else after the first line break past it.
fn cut(bytes: &[u8], size: usize) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    while bytes.len() - start > size {
        let half = start + size / 2;
        let end = start + size;
        let window = &bytes[half..end];
        let blank = [&b"\n\n"[..], b"\n\r\n"]
            .iter()
            .filter_map(|sep| memmem::rfind(window, sep).map(|i| half + i + sep.len()))
            .max();
        let at = blank
            .or_else(|| memrchr(b'\n', window).map(|i| half + i + 1))
            .or_else(|| memchr(b'\n', &bytes[end..]).map(|i| end + i + 1));
        match at {
            Some(at) if at < bytes.len() => {
                out.push(Span::from_usize(start, at));
                start = at;
            }
            _ => break,
        }
    }
    out.push(Span::from_usize(start, bytes.len()));
    out
}

/// The document one window of `doc` is linted as: its prose slice (`prose` is the document's
/// prose) and the replaced-character spans inside it, in the window's offsets; the rest (path,
/// key, metadata) is the document's.
pub fn document(doc: &Document, prose: &str, window: Span) -> Document {
    let shift = |s: &Span| Span::new(s.start - window.start, s.end - window.start);
    Document {
        key: doc.key,
        path: doc.path.clone(),
        id: doc.id.clone(),
        lang: doc.lang,
        text: window.text(prose).to_string(),
        meta: doc.meta.clone(),
        replaced: doc
            .replaced
            .iter()
            .filter(|s| window.start <= s.start && s.end <= window.end)
            .map(shift)
            .collect(),
        masked: Vec::new(),
        directives: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str, size: usize) -> Vec<&str> {
        cut(text.as_bytes(), size)
            .iter()
            .map(|s| s.text(text))
            .collect()
    }

    #[test]
    fn cuts_after_blank_lines_then_line_breaks() {
        assert_eq!(
            pieces("aaaa\n\nbbbb\ncccc\n\ndd", 12),
            ["aaaa\n\nbbbb\n", "cccc\n\ndd"]
        );
        // The blank line in the first half is too early: the last line break is taken.
        assert_eq!(
            pieces("a\n\nbbbbbb\ncccccc", 12),
            ["a\n\nbbbbbb\n", "cccccc"]
        );
        assert_eq!(
            pieces("aaa\r\n\r\nbbb\r\ncc", 10),
            ["aaa\r\n\r\n", "bbb\r\ncc"]
        );
    }

    #[test]
    fn a_line_longer_than_a_window_is_never_cut() {
        assert_eq!(
            pieces("aaaaaaaaaaaaaaaa\nbb", 8),
            ["aaaaaaaaaaaaaaaa\n", "bb"]
        );
        assert_eq!(pieces("aaaaaaaaaaaaaaaa", 8), ["aaaaaaaaaaaaaaaa"]);
        assert_eq!(pieces("aaaaaaaaaaaaaaaa\n", 8), ["aaaaaaaaaaaaaaaa\n"]);
    }

    #[test]
    fn windows_tile_the_text() {
        let text: String = (0..5000)
            .map(|i| if i % 7 == 0 { "mot\n\n" } else { "mot mot\n" })
            .collect();
        let spans = cut(text.as_bytes(), 1000);
        assert!(spans.len() > 20);
        assert_eq!(spans[0].start, 0);
        assert_eq!(spans.last().unwrap().end as usize, text.len());
        for w in spans.windows(2) {
            assert_eq!(w[0].end, w[1].start);
            assert!(w[0].len() <= 1000 && text[..w[0].end as usize].ends_with('\n'));
        }
    }
}
