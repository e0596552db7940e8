//! `glue/` rules.

pub mod missing_space_after_punct;

use crate::rules::Rule;

/// The rules of this group.
pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![Box::new(
        missing_space_after_punct::MissingSpaceAfterPunct::new(),
    )]
}
