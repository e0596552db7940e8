//! `casing/` rules.

pub mod capitalized_function_word;
pub mod fr_title_article_case;
pub mod lowercase_sentence_start;
pub mod unusual_case;

use crate::rules::Rule;
use crate::tokenize::{Analysis, Token, TokenKind};

/// The rules of this group.
pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(capitalized_function_word::CapitalizedFunctionWord),
        Box::new(fr_title_article_case::FrTitleArticleCase),
        Box::new(lowercase_sentence_start::LowercaseSentenceStart),
        Box::new(unusual_case::UnusualCase),
    ]
}

/// The index of the nearest token before `ti` that is not a space, on the same line; `None` at the
/// start of a line.
pub(crate) fn prev_on_line(toks: &[Token], ti: usize) -> Option<usize> {
    let i = toks[..ti]
        .iter()
        .rposition(|t| t.kind != TokenKind::Space)?;
    (toks[i].kind != TokenKind::Newline).then_some(i)
}

/// The index of the nearest token after `ti` that is not a space, on the same line.
pub(crate) fn next_on_line(toks: &[Token], ti: usize) -> Option<usize> {
    let i = ti
        + 1
        + toks[ti + 1..]
            .iter()
            .position(|t| t.kind != TokenKind::Space)?;
    (toks[i].kind != TokenKind::Newline).then_some(i)
}

/// The token range `[start, end)` of the line holding token `ti` (without the newline).
pub(crate) fn line_of(toks: &[Token], ti: usize) -> (usize, usize) {
    let start = toks[..ti]
        .iter()
        .rposition(|t| t.kind == TokenKind::Newline)
        .map_or(0, |i| i + 1);
    let end = toks[ti..]
        .iter()
        .position(|t| t.kind == TokenKind::Newline)
        .map_or(toks.len(), |i| ti + i);
    (start, end)
}

/// Whether a word starts with an uppercase letter.
pub(crate) fn is_capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Whether a word starts with a lowercase letter.
pub(crate) fn starts_lower(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_lowercase)
}

/// Whether the line (token range) is in Title Case: at least 4 words, and at least 60% of its
/// words of 4 letters or more start with a capital.
pub(crate) fn is_title_case_line(an: &Analysis<'_>, (start, end): (usize, usize)) -> bool {
    let (mut words, mut long, mut caps) = (0, 0, 0);
    for t in an.tokens[start..end]
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
    {
        let w = t.text(an.text);
        words += 1;
        if w.chars().count() >= 4 {
            long += 1;
            caps += usize::from(is_capitalized(w));
        }
    }
    words >= 4 && long > 0 && caps * 10 >= long * 6
}
