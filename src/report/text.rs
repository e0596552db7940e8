//! Human-readable output in the style of rustc.
//!
//! Each diagnostic is a block followed by one blank line:
//!
//! ```text
//! error[glue/glued-words]: `Russieselon` looks like two words glued together
//!   --> corpora/fr/kim.txt:12:109
//!    |
//! 12 | …d’une semaine à Russieselon l’agence de presse officielle KCNA…
//!    |                  ^^^^^^^^^^^
//!    = suggestion: `Russie selon`
//! ```
//!
//! - The location line is `path:line:column` for a plain file. For a record of a JSONL file it is
//!   `path:record`, then `[id ID]` when the record has an id, then `line:column` inside the record's
//!   text: `data.jsonl:3 [id doc-7] 2:15`. The gutter always numbers lines of the document's text.
//! - Columns count characters (Unicode scalar values), 1-based, and so do the carets: every
//!   character is taken as one column wide; tabs and other control characters are shown as a space.
//! - The source line is cut to `width` columns (100 by default), ellipses included: a window around
//!   the span, with `…` on each side where text was left out. A span longer than the window is
//!   underlined up to the window's end.
//! - A span that crosses lines is underlined from its start to the end of its first line; an empty
//!   span gets one caret.
//! - An empty suggestion (a deletion) reads `= suggestion: remove `…``.
//!
//! After the last document, one summary line:
//! `found 12 problems (3 errors, 8 warnings, 1 info) in 40 documents, 12,345 words`, or
//! `no problems found in 40 documents, 12,345 words`, followed by `; 2 input errors` when some
//! inputs could not be read. Severities with no finding are left out of the parentheses.
//!
//! With `color`, the severity is red, yellow or blue (bold) for error, warning or info, the rule id
//! bold and the carets take the severity's color; plain ANSI escapes.

use std::io::{self, Write};

use super::location::{Location, Locator};
use super::{DocOutput, Emitter, Summary};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::RuleMeta;

/// Width of the source excerpt when none is given.
const DEFAULT_WIDTH: usize = 100;
/// The narrowest excerpt: room for both ellipses and a little text.
const MIN_WIDTH: usize = 8;

/// Options of the text format.
#[derive(Clone, Copy, Debug, Default)]
pub struct TextOptions {
    /// Color with ANSI escapes.
    pub color: bool,
    /// Maximum width of a source excerpt, in columns (100 when `None`).
    pub width: Option<usize>,
}

pub struct TextEmitter<'w> {
    out: Box<dyn Write + 'w>,
    color: bool,
    width: usize,
    /// One diagnostic's block, reused: each is written out with a single call.
    buf: Vec<u8>,
}

impl<'w> TextEmitter<'w> {
    pub fn new(out: Box<dyn Write + 'w>, opts: TextOptions) -> Self {
        TextEmitter {
            out,
            color: opts.color,
            width: opts.width.unwrap_or(DEFAULT_WIDTH).max(MIN_WIDTH),
            buf: Vec::new(),
        }
    }
}

impl Emitter for TextEmitter<'_> {
    fn begin(&mut self, _rules: &[RuleMeta]) -> io::Result<()> {
        Ok(())
    }

    fn document(&mut self, doc: &DocOutput<'_>) -> io::Result<()> {
        let mut locator = Locator::new(doc.text);
        for d in doc.diagnostics {
            self.buf.clear();
            let location = locator.locate(d.span);
            let block = Block {
                doc,
                diagnostic: d,
                location,
                line: locator.line_text(location.start.line),
                color: self.color,
                width: self.width,
            };
            block.write(&mut self.buf)?;
            self.out.write_all(&self.buf)?;
        }
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        writeln!(self.out, "{}", summary_line(summary))?;
        self.out.flush()
    }
}

/// One diagnostic with all it needs to be rendered.
struct Block<'a> {
    doc: &'a DocOutput<'a>,
    diagnostic: &'a Diagnostic,
    location: Location,
    /// The first line of the span, without its terminator.
    line: &'a str,
    color: bool,
    width: usize,
}

impl Block<'_> {
    fn write(&self, out: &mut Vec<u8>) -> io::Result<()> {
        let d = self.diagnostic;
        let Location { start, end } = self.location;
        let sev = severity_style(d.severity);

        // Header.
        self.paint(out, sev, d.severity.as_str())?;
        out.push(b'[');
        self.paint(out, BOLD, &d.rule)?;
        writeln!(out, "]: {}", d.message)?;

        // Location.
        let number = start.line.to_string();
        let pad = " ".repeat(number.len());
        write!(out, "{pad}--> {}", self.doc.path)?;
        match self.doc.record {
            Some(record) => {
                write!(out, ":{record}")?;
                if let Some(id) = self.doc.doc_id {
                    write!(out, " [id {id}]")?;
                }
                writeln!(out, " {}:{}", start.line, start.column)?;
            }
            None => writeln!(out, ":{}:{}", start.line, start.column)?,
        }

        // Excerpt.
        let len = self.line.chars().count();
        let c0 = (start.column - 1).min(len);
        let c1 = if end.line == start.line {
            (end.column - 1).clamp(c0, len)
        } else {
            len
        };
        let (from, to) = window(len, c0, c1, self.width);
        writeln!(out, "{pad} |")?;
        write!(out, "{number} | ")?;
        if from > 0 {
            out.extend_from_slice("…".as_bytes());
        }
        for c in self.line.chars().skip(from).take(to - from) {
            let c = if c.is_control() { ' ' } else { c };
            let mut utf8 = [0; 4];
            out.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
        }
        if to < len {
            out.extend_from_slice("…".as_bytes());
        }
        out.push(b'\n');
        let indent = usize::from(from > 0) + (c0 - from);
        let carets = c1.min(to).saturating_sub(c0).max(1);
        write!(out, "{pad} | {}", " ".repeat(indent))?;
        self.paint(out, sev, &"^".repeat(carets))?;
        out.push(b'\n');

        if let Some(suggestion) = &d.suggestion {
            writeln!(
                out,
                "{pad} = suggestion: {}",
                describe_suggestion(suggestion, d.span.text(self.doc.text))
            )?;
        }
        out.push(b'\n');
        Ok(())
    }

    fn paint(&self, out: &mut Vec<u8>, style: &str, s: &str) -> io::Result<()> {
        if self.color {
            write!(out, "\x1b[{style}m{s}\x1b[0m")
        } else {
            out.extend_from_slice(s.as_bytes());
            Ok(())
        }
    }
}

const BOLD: &str = "1";

fn severity_style(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Info => "1;34",
    }
}

/// The characters `[from, to)` of a line of `len` characters to show so that the span
/// `[c0, c1)` is visible in at most `width` columns, counting one column for each `…` added on a
/// cut side. The span is centered; when it is too long, its start is kept.
fn window(len: usize, c0: usize, c1: usize, width: usize) -> (usize, usize) {
    if len <= width {
        return (0, len);
    }
    // Room for text between two ellipses.
    let room = width - 2;
    let shown = c1.saturating_sub(c0).clamp(1, room);
    let left = (room - shown) / 2;
    if c0 <= left {
        // The head of the line: only a right ellipsis.
        (0, width - 1)
    } else if c0 - left + room + 1 >= len {
        // The tail of the line: only a left ellipsis.
        (len - (width - 1), len)
    } else {
        (c0 - left, c0 - left + room)
    }
}

/// A suggestion as shown to a reader: the replacement in backticks, or `remove `…`` for a deletion.
/// Characters a reader could not tell apart from a space or from nothing are escaped (see
/// [`visible`]).
pub(super) fn describe_suggestion(suggestion: &str, removed: &str) -> String {
    if suggestion.is_empty() {
        format!("remove `{}`", visible(removed))
    } else {
        format!("`{}`", visible(suggestion))
    }
}

/// `s` with control characters, whitespace other than the plain space and invisible format
/// characters written as Rust escapes (`\n`, `\u{a0}`), so that a suggestion about a no-break
/// space or a soft hyphen can be read.
pub(super) fn visible(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let invisible = matches!(
            c,
            '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}'
        );
        if c.is_control() || (c.is_whitespace() && c != ' ') || invisible {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// The last line of the text format.
fn summary_line(s: &Summary) -> String {
    let documents = plural(s.documents, "document", "documents");
    let words = plural(s.words, "word", "words");
    let mut line = if s.findings() == 0 {
        format!("no problems found in {documents}, {words}")
    } else {
        let counts: Vec<String> = [
            (s.errors, "error", "errors"),
            (s.warnings, "warning", "warnings"),
            (s.infos, "info", "info"),
        ]
        .into_iter()
        .filter(|&(n, _, _)| n > 0)
        .map(|(n, one, many)| plural(n, one, many))
        .collect();
        format!(
            "found {} ({}) in {documents}, {words}",
            plural(s.findings(), "problem", "problems"),
            counts.join(", ")
        )
    };
    if s.input_errors > 0 {
        line.push_str("; ");
        line.push_str(&plural(s.input_errors, "input error", "input errors"));
    }
    line
}

/// `n` with thousands separators and the noun in the right number.
fn plural(n: u64, one: &str, many: &str) -> String {
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{grouped} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::span::Span;
    use std::sync::Arc;

    fn diag(rule: &str, severity: Severity, text: &str, needle: &str, message: &str) -> Diagnostic {
        let start = text.find(needle).unwrap();
        Diagnostic {
            rule: Arc::from(rule),
            kind: None,
            severity,
            message: message.to_string(),
            span: Span::from_usize(start, start + needle.len()),
            suggestion: None,
        }
    }

    fn render(opts: TextOptions, docs: &[DocOutput<'_>], summary: &Summary) -> String {
        let mut out = Vec::new();
        {
            let mut e = TextEmitter::new(Box::new(&mut out), opts);
            e.begin(&[]).unwrap();
            for doc in docs {
                e.document(doc).unwrap();
            }
            e.finish(summary).unwrap();
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn window_keeps_the_span_visible() {
        // Short line: everything.
        assert_eq!(window(10, 3, 5, 20), (0, 10));
        // Span near the start: head of the line.
        assert_eq!(window(200, 2, 5, 20), (0, 19));
        // Span near the end: tail of the line.
        assert_eq!(window(200, 195, 198, 20), (181, 200));
        // Span in the middle: centered, 18 characters between ellipses.
        let (from, to) = window(200, 100, 104, 20);
        assert_eq!((from, to), (93, 111));
        // Span longer than the window: its start is kept.
        assert_eq!(window(200, 100, 180, 20), (100, 118));
        // Empty span at the end of a long line.
        assert_eq!(window(200, 200, 200, 20), (181, 200));
    }

    #[test]
    fn renders_plain_and_record_documents() {
        let text = "Le président a dit : « c’est\u{a0}fini ».\n\tÀ Moscou, d’une semaine à Russieselon l’agence.";
        let mut glued = diag(
            "glue/glued-words",
            Severity::Error,
            text,
            "Russieselon",
            "`Russieselon` looks like two words glued together",
        );
        glued.suggestion = Some("Russie selon".to_string());
        let mut space = diag(
            "typo/space-before-colon",
            Severity::Info,
            text,
            " :",
            "space before `:`",
        );
        space.suggestion = Some(String::new());
        let mut diags = vec![glued, space];
        diags.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        let plain = DocOutput {
            path: "corpora/fr/kim.txt",
            doc_id: None,
            record: None,
            text,
            diagnostics: &diags,
        };
        let record_text = "titre\n« Bonjour\u{a0}» dit-il";
        let quote = diag(
            "punct/nbsp-quote",
            Severity::Warning,
            record_text,
            "«",
            "missing no-break space after `«`",
        );
        let record = DocOutput {
            path: "data.jsonl",
            doc_id: Some("doc-7"),
            record: Some(3),
            text: record_text,
            diagnostics: std::slice::from_ref(&quote),
        };
        let summary = Summary {
            documents: 40,
            words: 12345,
            errors: 1,
            warnings: 1,
            infos: 1,
            input_errors: 2,
            ..Summary::default()
        };
        let got = render(TextOptions::default(), &[plain, record], &summary);
        let expected = "\
info[typo/space-before-colon]: space before `:`
 --> corpora/fr/kim.txt:1:19
  |
1 | Le président a dit : « c’est\u{a0}fini ».
  |                   ^^
  = suggestion: remove ` :`

error[glue/glued-words]: `Russieselon` looks like two words glued together
 --> corpora/fr/kim.txt:2:28
  |
2 |  À Moscou, d’une semaine à Russieselon l’agence.
  |                            ^^^^^^^^^^^
  = suggestion: `Russie selon`

warning[punct/nbsp-quote]: missing no-break space after `«`
 --> data.jsonl:3 [id doc-7] 2:1
  |
2 | « Bonjour\u{a0}» dit-il
  | ^

found 3 problems (1 error, 1 warning, 1 info) in 40 documents, 12,345 words; 2 input errors
";
        assert_eq!(got, expected);
    }

    #[test]
    fn windows_long_lines_and_marks_cut_sides() {
        let text = format!(
            "{}d’une semaine à Russieselon l’agence de presse officielle KCNA{}",
            "é".repeat(200),
            " et la suite".repeat(20)
        );
        let d = diag(
            "glue/glued-words",
            Severity::Warning,
            &text,
            "Russieselon",
            "glued",
        );
        let doc = DocOutput {
            path: "long.txt",
            doc_id: None,
            record: None,
            text: &text,
            diagnostics: std::slice::from_ref(&d),
        };
        let opts = TextOptions {
            color: false,
            width: Some(40),
        };
        let got = render(opts, &[doc], &Summary::default());
        // Column of `Russieselon`: 200 `é`, then `d’une semaine à ` (16 characters). Width 40:
        // an ellipsis, 13 characters before the span, its 11, 14 after, an ellipsis.
        let expected = "\
warning[glue/glued-words]: glued
 --> long.txt:1:217
  |
1 | …ne semaine à Russieselon l’agence de p…
  |               ^^^^^^^^^^^

no problems found in 0 documents, 0 words
";
        assert_eq!(got, expected);
        assert_eq!(got.lines().nth(3).unwrap().chars().count() - 4, 40);
    }

    #[test]
    fn multiline_and_empty_spans() {
        let text = "un deux\ntrois";
        let across = diag("a/b", Severity::Error, text, "deux\ntr", "across");
        let empty = Diagnostic {
            span: Span::new(text.len() as u32, text.len() as u32),
            message: "at the end".to_string(),
            ..across.clone()
        };
        let doc = DocOutput {
            path: "-",
            doc_id: None,
            record: None,
            text,
            diagnostics: &[across, empty],
        };
        let got = render(TextOptions::default(), &[doc], &Summary::default());
        let expected = "\
error[a/b]: across
 --> -:1:4
  |
1 | un deux
  |    ^^^^

error[a/b]: at the end
 --> -:2:6
  |
2 | trois
  |      ^

no problems found in 0 documents, 0 words
";
        assert_eq!(got, expected);
    }

    #[test]
    fn colors_with_ansi_escapes() {
        let text = "abc";
        let d = diag("x/y", Severity::Error, text, "b", "m");
        let doc = DocOutput {
            path: "f",
            doc_id: None,
            record: None,
            text,
            diagnostics: std::slice::from_ref(&d),
        };
        let opts = TextOptions {
            color: true,
            width: None,
        };
        let got = render(opts, &[doc], &Summary::default());
        assert!(got.starts_with("\x1b[1;31merror\x1b[0m[\x1b[1mx/y\x1b[0m]: m\n"));
        assert!(got.contains(" |  \x1b[1;31m^\x1b[0m\n"));
    }

    #[test]
    fn summary_lines() {
        let mut s = Summary {
            documents: 1,
            words: 1_234_567,
            ..Summary::default()
        };
        assert_eq!(
            summary_line(&s),
            "no problems found in 1 document, 1,234,567 words"
        );
        s.warnings = 2;
        s.input_errors = 1;
        assert_eq!(
            summary_line(&s),
            "found 2 problems (2 warnings) in 1 document, 1,234,567 words; 1 input error"
        );
        assert_eq!(plural(999, "w", "ws"), "999 ws");
        assert_eq!(plural(1000, "w", "ws"), "1,000 ws");
    }
}
