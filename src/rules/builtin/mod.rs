//! Built-in rules written in Rust: those that need structure, statistics or the corpus index.
//! One rule per file, `<group>/<name>.rs`; `all()` lists them.

mod casing;
mod consistency;
mod encoding;
mod fragment;
mod glue;
mod language;
mod locale;
mod mt;
mod punctuation;
mod repetition;
pub(crate) mod text;
mod typography;

use crate::rules::Rule;

/// Every built-in rule, group by group.
pub fn all() -> Vec<Box<dyn Rule>> {
    [
        casing::rules(),
        consistency::rules(),
        encoding::rules(),
        fragment::rules(),
        glue::rules(),
        language::rules(),
        locale::rules(),
        mt::rules(),
        punctuation::rules(),
        repetition::rules(),
        typography::rules(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// Compiles a regex written in the source; a bad one is a bug caught by every test run.
pub(crate) fn regex(pattern: &str) -> regex::Regex {
    match regex::Regex::new(pattern) {
        Ok(r) => r,
        Err(e) => unreachable!("built-in pattern {pattern:?} does not compile: {e}"),
    }
}
