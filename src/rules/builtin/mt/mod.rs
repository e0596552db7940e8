//! `mt/` rules: artifacts of machine translation (non-translation, changed numbers, calques,
//! truncation). `mt/token-leak` is declarative (`lints/mt/token-leak.toml`).

pub(crate) mod quotes;

use crate::rules::Rule;

/// The rules of this group.
pub fn rules() -> Vec<Box<dyn Rule>> {
    Vec::new()
}
