//! General path (stub).
use super::{Token, TokenKind};
pub(super) fn tokenize(text: &str, base: u32, out: &mut Vec<Token>) {
    for (i, c) in text.char_indices() {
        let kind = if c.is_alphabetic() {
            TokenKind::Word
        } else if c == '\n' {
            TokenKind::Newline
        } else if c.is_whitespace() {
            TokenKind::Space
        } else {
            TokenKind::Symbol
        };
        out.push(Token {
            start: base + i as u32,
            end: base + (i + c.len_utf8()) as u32,
            kind,
        });
    }
}
