//! Noun–preposition–noun collocations (`drone de surveillance`, `state of emergency`): counted in
//! pass 1 for `mt/rare-collocation`, which compares a pair's count with what its two words' counts
//! would predict (`rules.md`, `mt/rare-collocation`).
//!
//! A pair is two lowercase words of 3 letters or more, neither a function word, joined by French
//! `de` (or an elided `d’`) or English `of`, within one line. The key is `left` + `\u{1}` + `right`.

use crate::lang::Lang;
use crate::lang::words;
use crate::span::Span;
use crate::tokenize::{Analysis, TokenKind};

/// Separates the two words of a key.
pub const SEP: char = '\u{1}';

/// The linking word of a language, when the language has pairs.
fn link(lang: Lang) -> Option<&'static str> {
    if lang == Lang::FR {
        Some("de")
    } else if lang == Lang::EN {
        Some("of")
    } else {
        None
    }
}

/// A lowercase content word of 3 letters or more.
fn content(lang: Lang, w: &str) -> bool {
    w.chars().nth(2).is_some()
        && w.chars().all(char::is_lowercase)
        && !words::is_function_word(lang, w)
}

/// French elision `d’` / `d'` at the start of a token: the rest of it.
fn elided(w: &str) -> Option<&str> {
    w.strip_prefix("d’").or_else(|| w.strip_prefix("d'"))
}

/// Calls `f(left, right, span)` for each pair of the document, in text order; `span` runs from
/// the left word to the right one.
pub fn each_pair(an: &Analysis<'_>, f: &mut dyn FnMut(&str, &str, Span)) {
    let Some(link) = link(an.lang) else {
        return;
    };
    let text = an.text;
    let toks = &an.tokens;
    let single_space = |i: usize| {
        toks.get(i)
            .is_some_and(|t| t.kind == TokenKind::Space && t.text(text) == " ")
    };
    let word = |i: usize| {
        toks.get(i)
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| t.text(text))
    };
    for i in 0..toks.len() {
        let Some(left) = word(i) else {
            continue;
        };
        if !single_space(i + 1) {
            continue;
        }
        let Some(next) = word(i + 2) else {
            continue;
        };
        let right = if next == link {
            if !single_space(i + 3) {
                continue;
            }
            word(i + 4).map(|w| (w, toks[i + 4].end))
        } else if an.lang == Lang::FR {
            elided(next).map(|w| (w, toks[i + 2].end))
        } else {
            None
        };
        let Some((right, end)) = right else {
            continue;
        };
        if content(an.lang, left) && content(an.lang, right) {
            f(left, right, Span::new(toks[i].start, end));
        }
    }
}

/// The key of a pair.
pub fn key(left: &str, right: &str, out: &mut String) {
    out.clear();
    out.push_str(left);
    out.push(SEP);
    out.push_str(right);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(lang: Lang, text: &str) -> Vec<(String, String)> {
        let an = Analysis::new(text, Some(lang));
        let mut out = Vec::new();
        each_pair(&an, &mut |l, r, _| out.push((l.to_string(), r.to_string())));
        out
    }

    #[test]
    fn french_and_english_pairs() {
        assert_eq!(
            pairs(
                Lang::FR,
                "Un drone de surveillance et un geste d’apaisement, pas Jean de Florette ni le début de la fin."
            ),
            [
                ("drone".to_string(), "surveillance".to_string()),
                ("geste".to_string(), "apaisement".to_string()),
            ]
        );
        assert_eq!(
            pairs(
                Lang::EN,
                "A state of emergency, a cup of tea and the end of it."
            ),
            [
                ("state".to_string(), "emergency".to_string()),
                ("cup".to_string(), "tea".to_string()),
            ]
        );
        assert!(pairs(Lang::DE, "Der Zustand von Notfall.").is_empty());
    }
}
