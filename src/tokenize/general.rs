//! General tokenizer path: Unicode-correct, on `char` properties and the general category.
//!
//! This is the reference implementation of the token rules; the fast path (`fast.rs`) must produce
//! exactly the same tokens on every text it accepts.
//!
//! Character classes:
//! - line breaks `\n` and `\r` make `Newline` tokens (`\r\n` is one token);
//! - horizontal whitespace (`White_Space` except the line breaks `\n`, `\r`, VT, FF, NEL, U+2028 and
//!   U+2029) makes `Space` runs; the other vertical breaks are `Symbol`s;
//! - letters (`Alphabetic`), digits (`Numeric`) and marks (`M*`) make words: a run of them, where
//!   `'`, `’` or `-` between two of them joins the run; the run is a `Word` if it has a letter, else
//!   a `Number` if it has a digit, else (marks only) a `Symbol`;
//! - every other `P*` char is one `Punct` token, anything else one `Symbol` token.

use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

use super::{Token, TokenKind};

/// The class of one character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Class {
    Letter,
    Digit,
    Mark,
    Space,
    /// `\n` or `\r`.
    Newline,
    Punct,
    Symbol,
}

/// Vertical whitespace that is neither a `Newline` token nor horizontal space.
fn is_vertical_break(c: char) -> bool {
    matches!(c, '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Classifies one character by its Unicode properties.
pub(super) fn class(c: char) -> Class {
    if c == '\n' || c == '\r' {
        return Class::Newline;
    }
    if c.is_whitespace() {
        return if is_vertical_break(c) {
            Class::Symbol
        } else {
            Class::Space
        };
    }
    if c.is_alphabetic() {
        return Class::Letter;
    }
    if c.is_numeric() {
        return Class::Digit;
    }
    match c.general_category_group() {
        GeneralCategoryGroup::Mark => Class::Mark,
        GeneralCategoryGroup::Punctuation => Class::Punct,
        _ => Class::Symbol,
    }
}

/// A character that joins two word characters: `'`, `’` or `-`.
pub(super) fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '-')
}

/// Word-character flags: letter, digit, mark (0 for anything else).
const LETTER: u8 = 1;
const DIGIT: u8 = 2;
const MARK: u8 = 4;

fn word_flags(c: char) -> u8 {
    match class(c) {
        Class::Letter => LETTER,
        Class::Digit => DIGIT,
        Class::Mark => MARK,
        _ => 0,
    }
}

/// Cuts `text` into tokens appended to `out`; offsets are shifted by `base`.
pub(super) fn tokenize(text: &str, base: u32, out: &mut Vec<Token>) {
    let mut pos = 0usize;
    while let Some(c) = text.get(pos..).and_then(|s| s.chars().next()) {
        let start = pos;
        let cls = class(c);
        pos += c.len_utf8();
        let kind = match cls {
            Class::Newline => {
                if c == '\r' && text.as_bytes().get(pos) == Some(&b'\n') {
                    pos += 1;
                }
                TokenKind::Newline
            }
            Class::Space => {
                for d in text.get(pos..).unwrap_or("").chars() {
                    if class(d) != Class::Space {
                        break;
                    }
                    pos += d.len_utf8();
                }
                TokenKind::Space
            }
            Class::Letter | Class::Digit | Class::Mark => {
                let mut flags = word_flags(c);
                let rest = text.get(pos..).unwrap_or("");
                let mut chars = rest.chars();
                loop {
                    let mut ahead = chars.clone();
                    let Some(d) = ahead.next() else { break };
                    let f = word_flags(d);
                    if f != 0 {
                        flags |= f;
                        pos += d.len_utf8();
                        chars = ahead;
                        continue;
                    }
                    if !is_joiner(d) {
                        break;
                    }
                    let Some(e) = ahead.next() else { break };
                    let f = word_flags(e);
                    if f == 0 {
                        break;
                    }
                    flags |= f;
                    pos += d.len_utf8() + e.len_utf8();
                    chars = ahead;
                }
                if flags & LETTER != 0 {
                    TokenKind::Word
                } else if flags & DIGIT != 0 {
                    TokenKind::Number
                } else {
                    TokenKind::Symbol
                }
            }
            Class::Punct => TokenKind::Punct,
            Class::Symbol => TokenKind::Symbol,
        };
        out.push(Token {
            start: base + start as u32,
            end: base + pos as u32,
            kind,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&str, TokenKind)> {
        let mut out = Vec::new();
        tokenize(text, 0, &mut out);
        out.iter().map(|t| (t.text(text), t.kind)).collect()
    }

    #[test]
    fn classes() {
        assert_eq!(class('a'), Class::Letter);
        assert_eq!(class('é'), Class::Letter);
        assert_eq!(class('7'), Class::Digit);
        assert_eq!(class('²'), Class::Digit);
        assert_eq!(class('\u{301}'), Class::Mark);
        assert_eq!(class('\u{A0}'), Class::Space);
        assert_eq!(class('\u{2028}'), Class::Symbol);
        assert_eq!(class('%'), Class::Punct);
        assert_eq!(class('•'), Class::Punct);
        assert_eq!(class('€'), Class::Symbol);
        assert_eq!(class('+'), Class::Symbol);
    }

    #[test]
    fn combining_marks_stay_in_words() {
        use TokenKind::*;
        assert_eq!(
            kinds("e\u{301}te\u{301} \u{301}"),
            vec![
                ("e\u{301}te\u{301}", Word),
                (" ", Space),
                ("\u{301}", Symbol)
            ]
        );
    }

    #[test]
    fn cyrillic_and_cjk() {
        use TokenKind::*;
        assert_eq!(
            kinds("Привет, мир! 你好"),
            vec![
                ("Привет", Word),
                (",", Punct),
                (" ", Space),
                ("мир", Word),
                ("!", Punct),
                (" ", Space),
                ("你好", Word)
            ]
        );
    }
}
