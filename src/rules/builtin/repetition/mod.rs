//! `repetition/` rules.

pub mod near_duplicate_sentence;
pub mod ngram_loop;
pub mod repeated_word;

use crate::rules::Rule;

/// The rules of this group.
pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(near_duplicate_sentence::NearDuplicateSentence::new()),
        Box::new(ngram_loop::NgramLoop),
        Box::new(repeated_word::RepeatedWord),
    ]
}
