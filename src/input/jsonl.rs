//! JSONL files: one document per non-blank line, read as a stream (a line is never longer in
//! memory than itself, whatever its length; the file is never loaded whole).
//!
//! Each line is parsed straight into the fields a document needs: the text, id and language
//! fields are picked out by name while parsing, every other field is kept as a raw JSON value.
//!
//! Invalid UTF-8 in a line is decoded lossily and the line parsed again. The spans of the U+FFFD
//! put into the text field are recorded exactly in `Document::replaced`: the lossy decoding first
//! puts a noncharacter absent from the line in place of each invalid sequence, so that after
//! parsing (and unescaping) the substitutes can be found in the text, then swaps them for U+FFFD
//! (both are three bytes long, so the spans hold). In the pathological case where no such
//! noncharacter is free, U+FFFD is used directly, `replaced` stays empty and a notice says so.

use std::collections::BTreeMap;
use std::fmt;
use std::io::BufRead;
use std::sync::Arc;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde_json::Value;

use super::plain::{BOM, MAX_TEXT_LEN, decode_lossy};
use super::{Event, InputOptions, Problem, Source, decompress};
use crate::document::{DocKey, Document};
use crate::lang::Lang;
use crate::span::Span;

pub(super) fn read(
    source: &Source,
    mut reader: Box<dyn BufRead + Send>,
    opts: &InputOptions,
    emit: &mut dyn FnMut(Event),
) {
    let mut line = Vec::new();
    let mut number: u32 = 0;
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) => break,
            Ok(_) => {}
            Err(err) => {
                // The documents read so far have been emitted; the partial line is dropped.
                emit(problem(
                    source,
                    None,
                    decompress::read_error(source, &err),
                    true,
                ));
                break;
            }
        }
        number = number.saturating_add(1);
        let mut bytes = trim_line_end(&line);
        if number == 1 {
            bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match parse_line(bytes, opts) {
            Ok((fields, notice)) => {
                if let Some(message) = notice {
                    emit(problem(source, Some(number), message, false));
                }
                match document(source, number, fields, opts) {
                    Ok(doc) => emit(Event::Doc(doc)),
                    Err(message) => emit(problem(source, Some(number), message, true)),
                }
            }
            Err(message) => emit(problem(source, Some(number), message, true)),
        }
    }
}

fn problem(source: &Source, record: Option<u32>, message: String, is_error: bool) -> Event {
    Event::Problem(Problem {
        path: Arc::clone(&source.display),
        record,
        message,
        is_error,
    })
}

/// The line without its `\n` or `\r\n` ending.
fn trim_line_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// The fields of one record, as parsed.
#[derive(Debug, Default)]
struct Fields {
    text: Option<Value>,
    id: Option<Value>,
    lang: Option<Value>,
    meta: BTreeMap<String, Value>,
    /// Spans of the U+FFFD substituted for invalid UTF-8 in the text.
    replaced: Vec<Span>,
}

/// Parses one line; on success, also returns a notice when the line had invalid UTF-8 whose
/// replacements could not be located.
fn parse_line(bytes: &[u8], opts: &InputOptions) -> Result<(Fields, Option<String>), String> {
    let first_err = match parse(bytes, opts) {
        Ok(fields) => return Ok((fields, None)),
        Err(err) => err,
    };
    if std::str::from_utf8(bytes).is_ok() {
        return Err(json_message(&first_err));
    }
    // Invalid UTF-8: decode lossily and parse again.
    match free_noncharacter(bytes) {
        Some(substitute) => {
            let (line, _) = decode_lossy(bytes, substitute);
            let mut fields = parse(line.as_bytes(), opts).map_err(|e| json_message(&e))?;
            restore_replacements(&mut fields, substitute);
            Ok((fields, None))
        }
        None => {
            let (line, _) = decode_lossy(bytes, char::REPLACEMENT_CHARACTER);
            let fields = parse(line.as_bytes(), opts).map_err(|e| json_message(&e))?;
            let notice = "invalid UTF-8 replaced; the positions of the replacements are unknown";
            Ok((fields, Some(notice.into())))
        }
    }
}

fn parse(bytes: &[u8], opts: &InputOptions) -> Result<Fields, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let fields = RecordSeed { opts }.deserialize(&mut de)?;
    de.end()?;
    Ok(fields)
}

/// The message for a parse error: a type error can only be a line that is not an object.
fn json_message(err: &serde_json::Error) -> String {
    if err.classify() == serde_json::error::Category::Data {
        return "record is not a JSON object".into();
    }
    let mut message = err.to_string();
    // Each line is parsed on its own, so only the column is worth showing.
    if let Some(at) = message.rfind(" at line ") {
        message.truncate(at);
    }
    if err.column() > 0 {
        format!("invalid JSON: {message} at column {}", err.column())
    } else {
        format!("invalid JSON: {message}")
    }
}

/// A noncharacter (U+FDD0..U+FDEF, three bytes in UTF-8 like U+FFFD) that appears in the line
/// neither as such nor as a `\u` escape.
fn free_noncharacter(bytes: &[u8]) -> Option<char> {
    let lower = bytes.to_ascii_lowercase();
    (0xFDD0..=0xFDEF).filter_map(char::from_u32).find(|&c| {
        let mut utf8 = [0; 4];
        let literal = c.encode_utf8(&mut utf8).as_bytes();
        let escape = format!("\\u{:04x}", u32::from(c));
        memchr::memmem::find(bytes, literal).is_none()
            && memchr::memmem::find(&lower, escape.as_bytes()).is_none()
    })
}

/// Swaps `substitute` back to U+FFFD everywhere in the record, recording its spans in the text.
fn restore_replacements(fields: &mut Fields, substitute: char) {
    if let Some(Value::String(text)) = &mut fields.text {
        fields.replaced = text
            .match_indices(substitute)
            .map(|(at, s)| Span::from_usize(at, at + s.len()))
            .collect();
        if !fields.replaced.is_empty() {
            *text = text.replace(substitute, "\u{FFFD}");
        }
    }
    for value in [&mut fields.id, &mut fields.lang].into_iter().flatten() {
        restore_in_value(value, substitute);
    }
    if fields.meta.keys().any(|k| k.contains(substitute)) {
        fields.meta = std::mem::take(&mut fields.meta)
            .into_iter()
            .map(|(k, v)| (restore_in_str(k, substitute), v))
            .collect();
    }
    for value in fields.meta.values_mut() {
        restore_in_value(value, substitute);
    }
}

fn restore_in_str(s: String, substitute: char) -> String {
    if s.contains(substitute) {
        s.replace(substitute, "\u{FFFD}")
    } else {
        s
    }
}

fn restore_in_value(value: &mut Value, substitute: char) {
    match value {
        Value::String(s) => *s = restore_in_str(std::mem::take(s), substitute),
        Value::Array(items) => items
            .iter_mut()
            .for_each(|v| restore_in_value(v, substitute)),
        Value::Object(map) => {
            *map = std::mem::take(map)
                .into_iter()
                .map(|(k, mut v)| {
                    restore_in_value(&mut v, substitute);
                    (restore_in_str(k, substitute), v)
                })
                .collect();
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// Builds the document of record `number` from its parsed fields.
fn document(
    source: &Source,
    number: u32,
    mut fields: Fields,
    opts: &InputOptions,
) -> Result<Document, String> {
    let text = match fields.text.take() {
        Some(Value::String(text)) => text,
        _ => return Err(format!("record has no string field `{}`", opts.text_field)),
    };
    if text.len() > MAX_TEXT_LEN {
        return Err("text longer than 4 GiB skipped".into());
    }
    // An id or language of an unexpected type is kept with the metadata rather than lost.
    let id = match fields.id.take() {
        Some(Value::String(id)) => Some(id),
        Some(Value::Number(n)) => Some(n.to_string()),
        None | Some(Value::Null) => None,
        Some(other) => {
            fields.meta.insert(opts.id_field.clone(), other);
            None
        }
    };
    let record_lang = match fields.lang.take() {
        Some(Value::String(code)) => Lang::parse(&code),
        None | Some(Value::Null) => None,
        Some(other) => {
            fields.meta.insert(opts.lang_field.clone(), other);
            None
        }
    };
    Ok(Document {
        key: DocKey {
            input: source.index,
            record: Some(number),
        },
        path: Arc::clone(&source.display),
        id,
        lang: opts.lang.or(record_lang),
        text,
        meta: fields.meta,
        replaced: fields.replaced,
        masked: Vec::new(),
        directives: Vec::new(),
    })
}

/// Deserializes a record object into `Fields`.
struct RecordSeed<'a> {
    opts: &'a InputOptions,
}

impl<'de> DeserializeSeed<'de> for RecordSeed<'_> {
    type Value = Fields;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Fields, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RecordSeed<'_> {
    type Value = Fields;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
        let mut fields = Fields::default();
        // As with any JSON object read by serde_json, a repeated field keeps its last value.
        while let Some(key) = map.next_key_seed(KeySeed { opts: self.opts })? {
            match key {
                Key::Text => fields.text = Some(map.next_value()?),
                Key::Id => fields.id = Some(map.next_value()?),
                Key::Lang => fields.lang = Some(map.next_value()?),
                Key::Other(name) => {
                    let value = map.next_value()?;
                    fields.meta.insert(name, value);
                }
            }
        }
        Ok(fields)
    }
}

/// A field name, told apart from the configured text, id and language fields without allocating.
enum Key {
    Text,
    Id,
    Lang,
    Other(String),
}

struct KeySeed<'a> {
    opts: &'a InputOptions,
}

impl KeySeed<'_> {
    fn known(&self, name: &str) -> Option<Key> {
        if name == self.opts.text_field {
            Some(Key::Text)
        } else if name == self.opts.id_field {
            Some(Key::Id)
        } else if name == self.opts.lang_field {
            Some(Key::Lang)
        } else {
            None
        }
    }
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Key, E> {
        Ok(self
            .known(name)
            .unwrap_or_else(|| Key::Other(name.to_owned())))
    }

    fn visit_string<E: de::Error>(self, name: String) -> Result<Key, E> {
        Ok(self.known(&name).unwrap_or(Key::Other(name)))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn opts() -> InputOptions {
        InputOptions::default()
    }

    #[test]
    fn picks_out_fields() {
        let line = br#"{"id": 7, "text": "Bonjour", "lang": "fr-FR", "vendor": "x", "n": [1]}"#;
        let (fields, notice) = parse_line(line, &opts()).unwrap();
        assert!(notice.is_none());
        assert_eq!(fields.text, Some(Value::String("Bonjour".into())));
        assert_eq!(fields.id, Some(Value::from(7)));
        assert_eq!(fields.meta.len(), 2);
    }

    #[test]
    fn messages() {
        let err = parse_line(b"{\"text\": ", &opts()).unwrap_err();
        assert!(err.starts_with("invalid JSON: EOF while parsing"), "{err}");
        assert!(err.ends_with("at column 9"), "{err}");
        let err = parse_line(b"[1, 2]", &opts()).unwrap_err();
        assert_eq!(err, "record is not a JSON object");
        let err = parse_line(b"{\"text\": \"a\"} x", &opts()).unwrap_err();
        assert!(
            err.starts_with("invalid JSON: trailing characters"),
            "{err}"
        );
    }

    #[test]
    fn invalid_utf8_spans_are_exact_despite_escapes() {
        // An escaped U+FFFD (not a replacement), an escape before the bad byte, a bad byte.
        let line = b"{\"text\": \"\\ufffd\\n\xFFz\", \"k\xFE\": \"v\xFF\"}";
        let (fields, notice) = parse_line(line, &opts()).unwrap();
        assert!(notice.is_none());
        let Some(Value::String(text)) = &fields.text else {
            panic!("no text")
        };
        assert_eq!(text, "\u{FFFD}\n\u{FFFD}z");
        assert_eq!(fields.replaced, vec![Span::new(4, 7)]);
        assert_eq!(
            fields.meta.get("k\u{FFFD}"),
            Some(&Value::String("v\u{FFFD}".into()))
        );
    }

    #[test]
    fn substitute_avoids_chars_in_line() {
        let line = "{\"text\": \"\u{FDD0}\\uFDD1\"}".as_bytes();
        assert_eq!(free_noncharacter(line), Some('\u{FDD2}'));
    }
}
