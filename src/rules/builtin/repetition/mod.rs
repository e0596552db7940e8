//! `repetition/` rules.

pub mod repeated_word;

use crate::rules::Rule;

/// The rules of this group.
pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![Box::new(repeated_word::RepeatedWord)]
}
