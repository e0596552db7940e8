//! Closed-class word lists per language: function words, pronouns, articles and bound prefixes.
//!
//! The lists live in `src/lang/data/<lang>/{function_words,pronouns,articles,bound_prefixes}.txt`
//! (one lowercase entry per line, `#` comments) and are compiled into hash sets on first use.
//! French and English have full lists; German, Spanish and Italian small ones; any other language
//! has none, and every look-up answers `false`.
//!
//! Look-ups take the word already lowercased (see [`crate::tokenize::normalize::fold`]); elided
//! forms are listed without their apostrophe (`l`, `d`, `qu`).
//!
//! ```
//! use coquille::lang::{Lang, words};
//! assert!(words::is_function_word(Lang::FR, "selon"));
//! assert!(words::is_function_word(Lang::FR, "ils")); // pronouns are function words too
//! assert!(words::is_pronoun(Lang::EN, "they"));
//! assert!(words::is_article(Lang::FR, "du"));
//! assert!(words::is_bound_prefix(Lang::FR, "cyber"));
//! assert!(!words::is_function_word(Lang::FR, "russie"));
//! ```

use std::sync::LazyLock;

use hashbrown::HashSet;

use super::Lang;

/// The languages with word lists.
pub const LANGS: [Lang; 5] = [Lang::FR, Lang::EN, Lang::DE, Lang::ES, Lang::IT];

/// The data files of one language: function words, pronouns, articles, bound prefixes.
const DATA: [[&str; 4]; 5] = [
    [
        include_str!("data/fr/function_words.txt"),
        include_str!("data/fr/pronouns.txt"),
        include_str!("data/fr/articles.txt"),
        include_str!("data/fr/bound_prefixes.txt"),
    ],
    [
        include_str!("data/en/function_words.txt"),
        include_str!("data/en/pronouns.txt"),
        include_str!("data/en/articles.txt"),
        include_str!("data/en/bound_prefixes.txt"),
    ],
    [
        include_str!("data/de/function_words.txt"),
        include_str!("data/de/pronouns.txt"),
        include_str!("data/de/articles.txt"),
        include_str!("data/de/bound_prefixes.txt"),
    ],
    [
        include_str!("data/es/function_words.txt"),
        include_str!("data/es/pronouns.txt"),
        include_str!("data/es/articles.txt"),
        include_str!("data/es/bound_prefixes.txt"),
    ],
    [
        include_str!("data/it/function_words.txt"),
        include_str!("data/it/pronouns.txt"),
        include_str!("data/it/articles.txt"),
        include_str!("data/it/bound_prefixes.txt"),
    ],
];

/// The lists of one language.
struct Lists {
    /// Function words, pronouns and articles together.
    function: HashSet<&'static str>,
    pronouns: HashSet<&'static str>,
    articles: HashSet<&'static str>,
    prefixes: HashSet<&'static str>,
    /// The bound prefixes, longest first (for [`bound_prefix_of`]).
    prefix_list: Vec<&'static str>,
}

fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Lists {
    fn new([function, pronouns, articles, prefixes]: [&'static str; 4]) -> Lists {
        let pronouns: HashSet<_> = entries(pronouns).collect();
        let articles: HashSet<_> = entries(articles).collect();
        let mut function: HashSet<_> = entries(function).collect();
        function.extend(pronouns.iter().copied());
        function.extend(articles.iter().copied());
        let mut prefix_list: Vec<_> = entries(prefixes).collect();
        prefix_list.sort_by_key(|p| std::cmp::Reverse(p.len()));
        prefix_list.dedup();
        Lists {
            function,
            pronouns,
            articles,
            prefixes: prefix_list.iter().copied().collect(),
            prefix_list,
        }
    }
}

static LISTS: LazyLock<Vec<Lists>> = LazyLock::new(|| DATA.into_iter().map(Lists::new).collect());

fn lists(lang: Lang) -> Option<&'static Lists> {
    let i = LANGS.iter().position(|&l| l == lang)?;
    LISTS.get(i)
}

/// Whether `lang` has word lists (otherwise every look-up is `false`).
pub fn has_lists(lang: Lang) -> bool {
    LANGS.contains(&lang)
}

/// Whether `lowercase` is a function word of `lang`: a preposition, conjunction, determiner,
/// pronoun, article, auxiliary or frequent grammatical adverb (*selon, dans, ils, the, of, and*).
pub fn is_function_word(lang: Lang, lowercase: &str) -> bool {
    lists(lang).is_some_and(|l| l.function.contains(lowercase))
}

/// Whether `lowercase` is a pronoun of `lang` (personal, reflexive, demonstrative, relative). The
/// French object pronouns *le, la, les* are articles here, not pronouns.
pub fn is_pronoun(lang: Lang, lowercase: &str) -> bool {
    lists(lang).is_some_and(|l| l.pronouns.contains(lowercase))
}

/// Whether `lowercase` is an article of `lang` (including contracted ones: *du, au, aux, del*).
pub fn is_article(lang: Lang, lowercase: &str) -> bool {
    lists(lang).is_some_and(|l| l.articles.contains(lowercase))
}

/// Whether `lowercase` is a bound prefix of `lang`: one that starts one-word compounds
/// (*anti, cyber, contre, sous, non, counter*).
pub fn is_bound_prefix(lang: Lang, lowercase: &str) -> bool {
    lists(lang).is_some_and(|l| l.prefixes.contains(lowercase))
}

/// The longest bound prefix of `lang` that `lowercase` starts with, if any (`cyberattaque` →
/// `cyber`).
pub fn bound_prefix_of(lang: Lang, lowercase: &str) -> Option<&'static str> {
    lists(lang)?
        .prefix_list
        .iter()
        .copied()
        .find(|p| lowercase.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_lists() {
        for w in [
            "selon", "dans", "pour", "du", "qui", "ils", "le", "les", "et",
        ] {
            assert!(is_function_word(Lang::FR, w), "{w}");
        }
        assert!(is_pronoun(Lang::FR, "ils"));
        assert!(is_pronoun(Lang::FR, "elle"));
        assert!(!is_pronoun(Lang::FR, "le"));
        assert!(is_article(Lang::FR, "le"));
        assert!(is_article(Lang::FR, "aux"));
        assert!(!is_article(Lang::FR, "selon"));
        assert!(is_bound_prefix(Lang::FR, "anti"));
        assert!(!is_function_word(Lang::FR, "russie"));
        assert_eq!(bound_prefix_of(Lang::FR, "cyberattaque"), Some("cyber"));
        assert_eq!(bound_prefix_of(Lang::FR, "russie"), None);
    }

    #[test]
    fn english_lists() {
        for w in ["the", "of", "and", "with", "they", "a"] {
            assert!(is_function_word(Lang::EN, w), "{w}");
        }
        assert!(is_pronoun(Lang::EN, "they"));
        assert!(is_article(Lang::EN, "an"));
        assert!(is_bound_prefix(Lang::EN, "counter"));
        assert!(!is_function_word(Lang::EN, "minister"));
    }

    #[test]
    fn other_languages() {
        assert!(is_article(Lang::DE, "der"));
        assert!(is_function_word(Lang::ES, "según"));
        assert!(is_pronoun(Lang::IT, "lei"));
        assert!(!has_lists(Lang::NL));
        assert!(!is_function_word(Lang::NL, "de"));
        assert!(!is_function_word(Lang::UND, "the"));
    }

    #[test]
    fn every_entry_is_lowercase_and_trimmed() {
        for files in DATA {
            for data in files {
                for e in entries(data) {
                    assert_eq!(e, e.to_lowercase(), "{e}");
                    assert!(!e.contains(' '), "{e}");
                }
            }
        }
    }
}
