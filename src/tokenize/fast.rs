//! Fast path (stub).
use super::Token;
pub(super) fn accepts(_text: &str) -> bool {
    false
}
pub(super) fn tokenize(text: &str, base: u32, out: &mut Vec<Token>) {
    super::general::tokenize(text, base, out)
}
