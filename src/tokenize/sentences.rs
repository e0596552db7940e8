//! Sentences (stub).
use super::{Sentence, Token};
use crate::lang::Lang;
pub fn abbreviations(_lang: Lang) -> &'static [&'static str] {
    &[]
}
pub(super) fn split(_text: &str, _tokens: &[Token], _lang: Lang) -> Vec<Sentence> {
    Vec::new()
}
