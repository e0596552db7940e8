//! Plain-text and Markdown files: the whole (decompressed) file is one document.

use std::collections::BTreeMap;
use std::io::BufRead;
use std::sync::Arc;

use super::{Event, InputOptions, Problem, Source, decompress};
use crate::document::{DocKey, Document};
use crate::lang::Lang;
use crate::span::Span;

/// How many leading bytes are searched for a NUL byte to tell a binary file.
const BINARY_SNIFF: usize = 8 * 1024;

/// The UTF-8 byte order mark.
pub(super) const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Texts are addressed by `u32` spans, so a document cannot be longer than this.
pub(super) const MAX_TEXT_LEN: usize = u32::MAX as usize;

pub(super) fn read(
    source: &Source,
    mut reader: Box<dyn BufRead + Send>,
    opts: &InputOptions,
    emit: &mut dyn FnMut(Event),
) {
    let mut bytes = Vec::new();
    if let Err(err) = reader.read_to_end(&mut bytes) {
        // Half a file is not linted: its end would look like a truncated document.
        emit(problem(source, decompress::read_error(source, &err), true));
        return;
    }
    if memchr::memchr(0, &bytes[..bytes.len().min(BINARY_SNIFF)]).is_some() {
        emit(problem(source, "binary file skipped".into(), false));
        return;
    }
    if bytes.len() > MAX_TEXT_LEN {
        emit(problem(
            source,
            "file larger than 4 GiB skipped".into(),
            true,
        ));
        return;
    }
    if bytes.starts_with(BOM) {
        bytes.drain(..BOM.len());
    }
    let (text, replaced) = decode(bytes);
    let mut doc = Document {
        key: DocKey {
            input: source.index,
            record: None,
        },
        path: source.display.clone(),
        id: None,
        lang: opts.lang,
        text,
        meta: BTreeMap::new(),
        replaced,
        masked: Vec::new(),
        directives: Vec::new(),
    };
    if source.format == super::Format::Markdown {
        let md = super::markdown::parse(&doc.text);
        doc.masked = md.masked;
        doc.directives = md.directives;
        if doc.id.is_none() {
            doc.id = md.meta.get(&opts.id_field).and_then(|v| match v {
                serde_json::Value::String(s) => Some(s.clone()),
                serde_json::Value::Number(n) => Some(n.to_string()),
                _ => None,
            });
        }
        if opts.lang.is_none() {
            doc.lang = md
                .meta
                .get(&opts.lang_field)
                .and_then(|v| v.as_str())
                .and_then(Lang::parse);
        }
        doc.meta = md.meta;
        doc.meta.remove(&opts.id_field);
        doc.meta.remove(&opts.lang_field);
    }
    emit(Event::Doc(doc));
}

fn problem(source: &Source, message: String, is_error: bool) -> Event {
    Event::Problem(Problem {
        path: Arc::clone(&source.display),
        record: None,
        message,
        is_error,
    })
}

/// Turns bytes into text without copying when they are valid UTF-8; otherwise replaces each
/// invalid sequence with U+FFFD and returns the spans of the replacements.
pub(super) fn decode(bytes: Vec<u8>) -> (String, Vec<Span>) {
    match String::from_utf8(bytes) {
        Ok(text) => (text, Vec::new()),
        Err(err) => decode_lossy(err.as_bytes(), char::REPLACEMENT_CHARACTER),
    }
}

/// Decodes `bytes`, putting `substitute` for each maximal invalid sequence (as
/// `String::from_utf8_lossy` does), and returns the spans of the substitutes in the text.
pub(super) fn decode_lossy(bytes: &[u8], substitute: char) -> (String, Vec<Span>) {
    let mut text = String::with_capacity(bytes.len() + 16);
    let mut spans = Vec::new();
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            let start = text.len();
            text.push(substitute);
            spans.push(Span::from_usize(start, text.len()));
        }
    }
    (text, spans)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn lossy_spans_match_from_utf8_lossy() {
        let bytes = b"a\xFFb\xE2\x82c\xF0\x9F\x98\x80\xC3";
        let (text, spans) = decode(bytes.to_vec());
        assert_eq!(text, String::from_utf8_lossy(bytes));
        assert_eq!(spans.len(), 3);
        for span in &spans {
            assert_eq!(span.text(&text), "\u{FFFD}");
        }
        assert_eq!(spans[0], Span::new(1, 4));
    }

    #[test]
    fn valid_text_has_no_spans() {
        let (text, spans) = decode("déjà vu".as_bytes().to_vec());
        assert_eq!(text, "déjà vu");
        assert!(spans.is_empty());
    }
}
