//! The text model: a document's text cut into tokens, lines, paragraphs and sentences, all as byte
//! spans into the text. One `Analysis` per document is shared by every rule; nobody re-tokenises.
//!
//! Two tokenizer paths give identical tokens on text they both accept: a byte-level fast path for
//! ASCII and common Latin text (`fast.rs`), and a Unicode-correct path (`general.rs`, on
//! `unicode-segmentation` and `char` properties) for any other paragraph.

mod fast;
mod general;
pub mod normalize;
mod sentences;

use std::ops::Range;

use crate::lang::Lang;
use crate::span::Span;

pub use sentences::abbreviations;

/// What a token is. Every byte of the text belongs to exactly one token, so tokens tile the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum TokenKind {
    /// Letters, marks and digits joined by internal `'`, `’` or `-`, containing at least one letter.
    Word,
    /// Digits only (same joining rule, no letter): `2023`, `19`.
    Number,
    /// A run of horizontal whitespace (spaces, tabs, U+00A0, U+202F, other `White_Space` except newlines).
    Space,
    /// One line break: `\n`, or `\r\n`, or a lone `\r`.
    Newline,
    /// One punctuation character (`. , ; : ! ? « » “ ” ( ) - – — …` and every other `P*` char).
    Punct,
    /// One character of anything else (symbols, emoji, controls, U+FFFD).
    Symbol,
}

/// A token: a half-open byte range and its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: u32,
    pub end: u32,
    pub kind: TokenKind,
}

impl Token {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start as usize..self.end as usize)
            .unwrap_or("")
    }
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }
}

/// A sentence: its span (trimmed of surrounding whitespace) and the range of token indices it covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub tokens: Range<u32>,
}

/// A document cut into its parts. All spans index `text`.
#[derive(Clone, Debug)]
pub struct Analysis<'a> {
    pub text: &'a str,
    pub lang: Lang,
    /// Every token, in order; they tile the text.
    pub tokens: Vec<Token>,
    /// Every line, without its terminator (an empty text has one empty line).
    pub lines: Vec<Span>,
    /// Maximal runs of non-blank lines (blank = whitespace only), from the first non-blank line's
    /// start to the last one's end.
    pub paragraphs: Vec<Span>,
    /// Sentences; a sentence never crosses a line break.
    pub sentences: Vec<Sentence>,
}

impl<'a> Analysis<'a> {
    /// Analyses `text`. `lang` is the known language, or `None` to detect it (`lang::detect`).
    pub fn new(text: &'a str, lang: Option<Lang>) -> Analysis<'a> {
        let mut tokens = Vec::with_capacity(text.len() / 3 + 1);
        tokenize(text, &mut tokens);
        let lang = lang.unwrap_or_else(|| crate::lang::detect::detect_tokens(text, &tokens));
        let lines = lines(text);
        let paragraphs = paragraphs(text, &lines);
        let sentences = sentences::split(text, &tokens, lang);
        Analysis {
            text,
            lang,
            tokens,
            lines,
            paragraphs,
            sentences,
        }
    }

    /// The word tokens, in order.
    pub fn words(&self) -> impl Iterator<Item = &Token> + '_ {
        self.tokens.iter().filter(|t| t.kind == TokenKind::Word)
    }

    /// The tokens of a sentence.
    pub fn sentence_tokens(&self, s: &Sentence) -> &[Token] {
        self.tokens
            .get(s.tokens.start as usize..s.tokens.end as usize)
            .unwrap_or(&[])
    }

    /// The tokens inside `span` (by byte offsets; a token overlapping an end counts).
    pub fn tokens_in(&self, span: Span) -> &[Token] {
        let from = self.tokens.partition_point(|t| t.end <= span.start);
        let to = self.tokens.partition_point(|t| t.start < span.end);
        self.tokens.get(from..to.max(from)).unwrap_or(&[])
    }

    pub fn word_count(&self) -> usize {
        self.words().count()
    }
}

/// Cuts `text` into tokens appended to `out`, which then tile the text exactly. Paragraphs made only
/// of characters the fast path knows go through it; others through the general path.
pub fn tokenize(text: &str, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let mut pos = 0usize;
    // The fast path runs over whole stretches of lines and stops at the first char it does not
    // know; that char's line (its tokens so far dropped) then goes through the general path, so a
    // single exotic character only sends its own line through the slower path. Tokens never cross
    // a line break, so this gives the tokens of each line on its own.
    while pos < bytes.len() {
        let Some(bad) = fast::tokenize_until_unknown(text, pos, out) else {
            return;
        };
        let line_start =
            memchr::memrchr(b'\n', bytes.get(pos..bad).unwrap_or(&[])).map_or(pos, |i| pos + i + 1);
        while out.last().is_some_and(|t| t.start as usize >= line_start) {
            out.pop();
        }
        let line_end = memchr::memchr(b'\n', bytes.get(bad..).unwrap_or(&[]))
            .map_or(bytes.len(), |i| bad + i + 1);
        general::tokenize(
            text.get(line_start..line_end).unwrap_or(""),
            line_start as u32,
            out,
        );
        pos = line_end;
    }
}

/// Tokenizes with the general (Unicode) path only; used to test that both paths agree.
pub fn tokenize_general(text: &str, out: &mut Vec<Token>) {
    general::tokenize(text, 0, out);
}

/// Tokenizes with the fast path only; `None` when the fast path does not accept the text.
pub fn tokenize_fast(text: &str, out: &mut Vec<Token>) -> Option<()> {
    if !fast::accepts(text) {
        return None;
    }
    fast::tokenize(text, 0, out);
    Some(())
}

fn lines(text: &str) -> Vec<Span> {
    let mut lines = Vec::with_capacity(text.len() / 60 + 1);
    let mut start = 0usize;
    for i in memchr::memchr_iter(b'\n', text.as_bytes()) {
        let mut end = i;
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        lines.push(Span::from_usize(start, end));
        start = i + 1;
    }
    lines.push(Span::from_usize(start, text.len()));
    lines
}

fn paragraphs(text: &str, lines: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut current: Option<Span> = None;
    for line in lines {
        let blank = line.text(text).trim().is_empty();
        match (blank, current.as_mut()) {
            (false, Some(p)) => p.end = line.end,
            (false, None) => current = Some(*line),
            (true, Some(_)) => out.extend(current.take()),
            (true, None) => {}
        }
    }
    out.extend(current);
    out
}
