//! `mt/` rules: artifacts of machine translation (non-translation, changed numbers, calques,
//! truncation). `mt/token-leak` is declarative (`lints/mt/token-leak.toml`).
//!
//! The bitext rules (`source-copy`, `number-mismatch`, the length-ratio check of `truncated-segment`)
//! read the source text from the record's `source` field and do nothing without it.

pub(crate) mod bitext;
pub mod calque_phrase;
pub mod number_mismatch;
pub(crate) mod numbers;
pub(crate) mod quotes;
pub mod rare_collocation;
pub mod source_copy;
pub mod truncated_segment;

use crate::rules::Rule;

/// The rules of this group.
pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(calque_phrase::CalquePhrase::new()),
        Box::new(number_mismatch::NumberMismatch),
        Box::new(rare_collocation::RareCollocation),
        Box::new(source_copy::SourceCopy),
        Box::new(truncated_segment::TruncatedSegment),
    ]
}
