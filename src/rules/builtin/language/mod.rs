//! `language/` rules. `language/fr-prep-country` is declarative: `lints/language/fr-prep-country.toml`.

mod fr_coord_missing_determiner;
mod untranslated_token;
mod wrong_language_segment;

use crate::rules::Rule;

/// The rules of this group.
pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(wrong_language_segment::WrongLanguageSegment),
        Box::new(untranslated_token::UntranslatedToken::new()),
        Box::new(fr_coord_missing_determiner::FrCoordMissingDeterminer),
    ]
}
