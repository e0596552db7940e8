//! `punctuation/` rules.

pub mod apposition_comma_unbalanced;
pub mod redundant_punct;
pub mod unbalanced_delimiters;

use crate::rules::Rule;

/// The rules of this group.
pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(apposition_comma_unbalanced::AppositionCommaUnbalanced),
        Box::new(redundant_punct::RedundantPunct),
        Box::new(unbalanced_delimiters::UnbalancedDelimiters),
    ]
}
