//! Line and column positions of diagnostics, shared by the emitters.
//!
//! A [`Locator`] is built once per document (only documents with diagnostics reach an emitter). It
//! uses the document's [`LineIndex`] for line numbers and counts columns in Unicode scalar values,
//! 1-based. Diagnostics arrive sorted by start offset, so the locator remembers the last start it
//! resolved and counts onwards from there: locating every diagnostic of a document costs about one
//! pass over its text, even when a long paragraph on one line has many findings.

use crate::span::{LineIndex, Span};

/// A 1-based line and column; the column counts Unicode scalar values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Position {
    pub line: usize,
    pub column: usize,
}

/// Where a span starts and ends. `end` is the position of the span's (exclusive) end offset, so an
/// empty span has `start == end` and a one-character span ends one column after it starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Location {
    pub start: Position,
    pub end: Position,
}

/// Maps byte offsets of one document to lines and columns.
pub(crate) struct Locator<'a> {
    text: &'a str,
    index: LineIndex,
    /// The last start resolved: byte offset, 0-based line, 0-based column.
    cursor: (usize, usize, usize),
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Self {
        Locator {
            text,
            index: LineIndex::new(text),
            cursor: (0, 0, 0),
        }
    }

    /// The location of `span`. Offsets past the end of the text are clamped to it, and an end before
    /// the start is read as the start; offsets inside a character count that character.
    pub fn locate(&mut self, span: Span) -> Location {
        let len = self.text.len();
        let start = (span.start as usize).min(len);
        let end = (span.end as usize).clamp(start, len);
        let (line, column) = self.start_position(start);
        let end_line = self.index.line_of(offset_u32(end));
        let end_column = if end_line == line {
            column + count_chars(&self.text.as_bytes()[start..end])
        } else {
            count_chars(&self.text.as_bytes()[self.line_start(end_line)..end])
        };
        Location {
            start: Position {
                line: line + 1,
                column: column + 1,
            },
            end: Position {
                line: end_line + 1,
                column: end_column + 1,
            },
        }
    }

    /// The text of the 1-based line `line`, without its terminator (`\n` or `\r\n`).
    pub fn line_text(&self, line: usize) -> &'a str {
        self.index
            .line_span(self.text, line.saturating_sub(1))
            .text(self.text)
    }

    /// 0-based line and column of a start offset, counted from the previous start when possible.
    fn start_position(&mut self, offset: usize) -> (usize, usize) {
        let line = self.index.line_of(offset_u32(offset));
        let (last_offset, last_line, last_column) = self.cursor;
        let bytes = self.text.as_bytes();
        let column = if line == last_line && offset >= last_offset {
            last_column + count_chars(&bytes[last_offset..offset])
        } else {
            count_chars(&bytes[self.line_start(line)..offset])
        };
        self.cursor = (offset, line, column);
        (line, column)
    }

    /// Byte offset where the 0-based line `line` starts.
    fn line_start(&self, line: usize) -> usize {
        self.index.line_span(self.text, line).start as usize
    }
}

fn offset_u32(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// Number of characters starting in `bytes`: every byte but UTF-8 continuation bytes. On slices cut
/// at character boundaries this is `str::chars().count()`.
pub(crate) fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_with_multibyte_characters() {
        let text = "été\nà Russieselon l’agence\r\nfin";
        let mut loc = Locator::new(text);
        let index = LineIndex::new(text);
        let start = text.find("Russieselon").unwrap_or(0);
        let span = Span::from_usize(start, start + "Russieselon".len());
        let got = loc.locate(span);
        assert_eq!(got.start, Position { line: 2, column: 3 });
        assert_eq!(
            got.end,
            Position {
                line: 2,
                column: 14
            }
        );
        assert_eq!(index.locate(text, span.start), (2, 3));
        assert_eq!(index.locate(text, span.end), (2, 14));
        // A later start on the same line counts on from the cursor.
        let after = text.find("agence").unwrap_or(0);
        let got = loc.locate(Span::from_usize(after, after));
        assert_eq!(
            got.start,
            Position {
                line: 2,
                column: 17
            }
        );
        assert_eq!(index.locate(text, after as u32), (2, 17));
        // An earlier start (not sorted) is still right.
        let got = loc.locate(Span::new(0, 2));
        assert_eq!(got.start, Position { line: 1, column: 1 });
        assert_eq!(got.end, Position { line: 1, column: 2 });
        // Across lines, and clamped past the end.
        let got = loc.locate(Span::new(2, 1000));
        assert_eq!(got.start, Position { line: 1, column: 2 });
        assert_eq!(got.end, Position { line: 3, column: 4 });
        assert_eq!(loc.line_text(2), "à Russieselon l’agence");
    }
}
