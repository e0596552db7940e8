//! `consistency/` rules.

mod name_variant;
mod term_variant_mix;

use crate::rules::Rule;

/// The rules of this group.
pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(name_variant::NameVariant::default()),
        Box::new(term_variant_mix::TermVariantMix),
    ]
}
