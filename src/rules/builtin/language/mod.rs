//! `language/` rules.

mod untranslated_token;
mod wrong_language_segment;

use crate::rules::Rule;

/// The rules of this group.
pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(wrong_language_segment::WrongLanguageSegment),
        Box::new(untranslated_token::UntranslatedToken::new()),
    ]
}
