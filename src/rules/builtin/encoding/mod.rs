//! `encoding/` rules.

pub mod invalid_utf8;
pub mod mojibake;

use crate::rules::Rule;

/// The rules of this group.
pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(invalid_utf8::InvalidUtf8),
        Box::new(mojibake::Mojibake),
    ]
}
