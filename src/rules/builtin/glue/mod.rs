//! `glue/` rules.

pub mod glued_words;
pub mod missing_space_after_punct;
pub mod split_word;

use crate::rules::Rule;

/// The rules of this group.
pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(glued_words::GluedWords::default()),
        Box::new(missing_space_after_punct::MissingSpaceAfterPunct::new()),
        Box::new(split_word::SplitWord),
    ]
}
