//! The rules framework (skeleton).
mod meta;
pub use meta::RuleMeta;
