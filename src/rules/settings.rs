//! Rule settings from the configuration: word lists per language (`[words]`) and the house
//! spelling of names (`[names]`). Rules receive them through [`crate::rules::Rule::configure`].

use std::path::Path;

use hashbrown::{HashMap, HashSet};

use crate::error::Error;
use crate::index::names;
use crate::lang::Lang;
use crate::tokenize::normalize;

/// What the configuration tells the rules beyond selection and severity.
#[derive(Debug, Default)]
pub struct Settings {
    /// Known words per language, lowercased (as [`normalize::fold`] has them).
    words: HashMap<Lang, HashSet<Box<str>>>,
    /// Preferred name spellings by their K1 key (case, spaces, hyphens and diacritics folded).
    names: HashMap<String, String>,
}

impl Settings {
    /// Adds the words of a list file for `lang`: a hunspell `.dic` (a count on the first line,
    /// then `word/FLAGS`; affix flags are not expanded, so inflected forms must be listed or come
    /// from the corpus) or a plain list, one word per line, `#` starting a comment.
    pub fn add_word_list(&mut self, lang: Lang, path: &Path) -> Result<usize, Error> {
        let bytes = std::fs::read(path).map_err(|e| Error::Config {
            path: path.to_path_buf(),
            message: format!("cannot read word list: {e}"),
        })?;
        let Ok(text) = std::str::from_utf8(&bytes) else {
            return Err(Error::Config {
                path: path.to_path_buf(),
                message: "word list is not UTF-8 (convert a hunspell .dic with `iconv`)".into(),
            });
        };
        Ok(self.add_words(lang, text))
    }

    /// Adds the words of a list's text (see [`Settings::add_word_list`]); returns how many lines
    /// gave a word.
    pub fn add_words(&mut self, lang: Lang, text: &str) -> usize {
        let set = self.words.entry(lang).or_default();
        let mut added = 0;
        let mut folded = String::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_start_matches('\u{feff}').trim();
            // The first line of a hunspell `.dic` is the number of entries.
            if line.is_empty()
                || line.starts_with('#')
                || (i == 0 && line.bytes().all(|b| b.is_ascii_digit()))
            {
                continue;
            }
            let word = line
                .split(|c: char| c == '/' || c == '\t' || c.is_whitespace())
                .next()
                .unwrap_or("");
            if word.is_empty() {
                continue;
            }
            normalize::fold(word, &mut folded);
            set.insert(folded.as_str().into());
            added += 1;
        }
        added
    }

    /// Pins the spelling of a name: its other spellings (by case, hyphens, spaces and diacritics)
    /// are reported with this one as the fix.
    pub fn prefer_name(&mut self, form: &str) {
        let form = form.split_whitespace().collect::<Vec<_>>().join(" ");
        let key = names::k1(&form);
        if !key.is_empty() {
            self.names.insert(key, form);
        }
    }

    /// The configured word list of a language, if any.
    pub fn words(&self, lang: Lang) -> Option<&HashSet<Box<str>>> {
        self.words.get(&lang).filter(|s| !s.is_empty())
    }

    /// The preferred spelling of names whose K1 key is `k1`.
    pub fn preferred_name(&self, k1: &str) -> Option<&str> {
        self.names.get(k1).map(String::as_str)
    }

    pub fn has_preferred_names(&self) -> bool {
        !self.names.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl Settings {
        fn is_listed(&self, lang: Lang, lowercase: &str) -> bool {
            self.words(lang).is_some_and(|s| s.contains(lowercase))
        }
    }

    #[test]
    fn reads_hunspell_dic_and_plain_lists() {
        let mut s = Settings::default();
        let n = s.add_words(
            Lang::FR,
            "3\nministre/S\nannonce/S*\n# comment\nÉtat\tpo:nom\n",
        );
        assert_eq!(n, 3);
        assert!(s.is_listed(Lang::FR, "ministre"));
        assert!(s.is_listed(Lang::FR, "annonce"));
        assert!(s.is_listed(Lang::FR, "état"));
        assert!(!s.is_listed(Lang::FR, "3"));
        assert!(!s.is_listed(Lang::EN, "ministre"));
        // A plain list whose first word is a number keeps it only after the first line.
        let mut p = Settings::default();
        assert_eq!(p.add_words(Lang::EN, "minister\n2024\n"), 2);
        assert!(p.is_listed(Lang::EN, "2024"));
    }

    #[test]
    fn name_pins_fold_case_hyphens_and_spaces() {
        let mut s = Settings::default();
        s.prefer_name("  Kim   Jong Un ");
        assert_eq!(
            s.preferred_name(&names::k1("Kim Jong-un")),
            Some("Kim Jong Un")
        );
        assert_eq!(
            s.preferred_name(&names::k1("KIM JONG UN")),
            Some("Kim Jong Un")
        );
        assert_eq!(s.preferred_name(&names::k1("Kim Jong Il")), None);
    }
}
