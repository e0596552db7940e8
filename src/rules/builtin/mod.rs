//! Built-in rules written in Rust: those that need structure, statistics or the corpus index.
//! One rule per file, `<group>/<name>.rs`; `all()` lists them.

mod encoding;
mod fragment;
mod glue;
mod repetition;

use crate::rules::Rule;

/// Every built-in rule.
pub fn all() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(encoding::invalid_utf8::InvalidUtf8),
        Box::new(fragment::boilerplate_line::BoilerplateLine::new()),
        Box::new(fragment::trailing_id_tag::TrailingIdTag::new()),
        Box::new(glue::missing_space_after_punct::MissingSpaceAfterPunct::new()),
        Box::new(repetition::repeated_word::RepeatedWord),
    ]
}

/// Compiles a regex written in the source; a bad one is a bug caught by every test run.
pub(crate) fn regex(pattern: &str) -> regex::Regex {
    match regex::Regex::new(pattern) {
        Ok(r) => r,
        Err(e) => unreachable!("built-in pattern {pattern:?} does not compile: {e}"),
    }
}
