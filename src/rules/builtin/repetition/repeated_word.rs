//! `repetition/repeated-word`: a word immediately repeated (`le le`, `the the`).

use crate::diagnostic::Severity;
use crate::lang::Lang;
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};
use crate::span::Span;
use crate::tokenize::{Token, TokenKind};

pub struct RepeatedWord;

/// Doublings that are grammatical (`nous nous sommes`, `had had`) or idiomatic.
const ALLOWED: &[&str] = &[
    "nous", "vous", "bla", "had", "that", "bye", "so", "très", "tam", "pan", "cha", "ha", "hi",
    "ho", "no", "là", "non", "chop", "tut", "knock", "boo", "dum", "bora", "can",
];

impl Rule for RepeatedWord {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "repetition/repeated-word".into(),
            severity: Severity::Warning,
            summary: "a word immediately repeated".into(),
            explanation: "Flags two identical words (ignoring case) separated only by spaces on one line, \
                a common slip in editing and in machine translation. Grammatical doublings (`nous nous`, \
                `vous vous`, `had had`, `that that`, `oh la la`), pairs where both words are capitalised \
                (`Pago Pago`) unless they are articles or determiners (`La La participation` is flagged), \
                and numbers are left alone. A run of three is one finding; four or more are \
                `repetition/ngram-loop`'s. The suggestion keeps one word."
                .into(),
            flagged: examples(&[
                ("fr", "Le le gouvernement a démissionné."),
                ("en", "The the talks collapsed."),
                ("fr", "La La participation a reculé de trois points."),
            ]),
            allowed: examples(&[
                ("fr", "Nous nous sommes rencontrés hier."),
                ("en", "What he had had in mind remains unclear."),
                ("en", "The delegation flew to Pago Pago on Monday."),
            ]),
            languages: Vec::new(),
            default_enabled: true,
            origin: file!().into(),
        }
    }

    fn fix_applicability(&self) -> crate::fix::Applicability {
        crate::fix::Applicability::Safe
    }

    fn check(&self, cx: &Ctx<'_>, out: &mut Sink<'_>) {
        let toks = &cx.an.tokens[..];
        let mut i = 0;
        while let Some(a) = toks.get(i) {
            if a.kind != TokenKind::Word {
                i += 1;
                continue;
            }
            match toks.get(i + 1..i + 3) {
                // Words of another length are told apart without looking at the text.
                Some([space, b]) if space.kind == TokenKind::Space => {
                    i = if b.kind == TokenKind::Word && b.end - b.start == a.end - a.start {
                        repeats(cx, toks, i, out)
                    } else {
                        // A space is no word: skip it too.
                        i + 2
                    };
                }
                _ => i += 1,
            }
        }
    }
}

/// Reports the run of identical words separated by single spaces starting at word `i`, if there
/// is one; returns where to look next.
#[inline(never)]
fn repeats(cx: &Ctx<'_>, toks: &[Token], i: usize, out: &mut Sink<'_>) -> usize {
    let text = cx.text();
    let a = &toks[i];
    let wa = a.text(text);
    let len = a.end - a.start;
    let mut last = i;
    let mut count = 1;
    while let [space, b, ..] = toks.get(last + 1..).unwrap_or_default()
        && space.kind == TokenKind::Space
        && b.kind == TokenKind::Word
        && b.end - b.start == len
        && same_word(wa, b.text(text))
    {
        last += 2;
        count += 1;
    }
    if count == 1 {
        return i + 1;
    }
    // Four or more in a row are a generation loop: `repetition/ngram-loop`'s.
    if count <= MAX_RUN && !exempt(cx.an.lang, text, toks, i, last) {
        let span = Span::new(a.start, toks[last].end);
        let times = if count == 2 {
            "repeated".to_string()
        } else {
            format!("repeated {count} times")
        };
        out.report_fix(span, format!("`{wa}` is {times}"), wa.to_string());
    }
    last + 1
}

/// Runs longer than this are left to `repetition/ngram-loop`.
const MAX_RUN: usize = 3;

/// Articles, determiners and other closed-class words: a capitalised pair of them (`La La
/// participation`) is a doubling, not a name like `Pago Pago`.
const CLOSED_CLASS: &[&str] = &[
    "le", "la", "les", "l", "un", "une", "des", "du", "de", "au", "aux", "ce", "cet", "cette",
    "ces", "son", "sa", "ses", "leur", "leurs", "et", "en", "à", "the", "a", "an", "this", "that",
    "these", "those", "its", "his", "her", "their", "and", "of", "in", "to", "el", "los", "las",
    "der", "die", "das",
];

/// Case-insensitive equality of two words of the same byte length.
fn same_word(a: &str, b: &str) -> bool {
    if a.len() != b.len() {
        return false;
    }
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    a.chars()
        .zip(b.chars())
        .all(|(x, y)| x == y || x.to_lowercase().eq(y.to_lowercase()))
}

/// Whether the run of identical words from token `first` to token `last` is legitimate.
fn exempt(
    lang: Lang,
    text: &str,
    toks: &[crate::tokenize::Token],
    first: usize,
    last: usize,
) -> bool {
    let a = toks[first].text(text);
    let lower = a.to_lowercase();
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let b = toks[last].text(text);
    if capital(a) && capital(b) {
        // `Pago Pago`, `Duran Duran`; but `La La participation` is a doubled article, unless a
        // capitalised word follows (`La La Land`).
        if !CLOSED_CLASS.contains(&lower.as_str()) {
            return true;
        }
        let next = toks
            .get(last + 2)
            .filter(|_| {
                toks.get(last + 1)
                    .is_some_and(|t| t.kind == TokenKind::Space)
            })
            .filter(|t| t.kind == TokenKind::Word);
        return next.is_some_and(|t| capital(t.text(text)));
    }
    if lower == "la" {
        // `oh la la`, `tra la la`.
        let prev = first
            .checked_sub(2)
            .and_then(|k| toks.get(k))
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| t.text(text).to_lowercase());
        return prev.is_some_and(|p| matches!(p.as_str(), "oh" | "ooh" | "tra" | "o"));
    }
    ALLOWED.contains(&lower.as_str()) || (lang == Lang::DE && DE_ALLOWED.contains(&lower.as_str()))
}

/// German doublings that are grammatical: an article after a relative pronoun (`die die Regeln`),
/// `Sie sie`.
const DE_ALLOWED: &[&str] = &["die", "der", "das", "den", "dem", "des", "sie"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_allows, assert_flags};

    #[test]
    fn flags_doubled_words() {
        assert_flags(
            &RepeatedWord,
            Lang::FR,
            "Le le gouvernement a démissionné.",
            &["Le le"],
        );
        assert_flags(
            &RepeatedWord,
            Lang::EN,
            "The the talks collapsed, and and then resumed.",
            &["The the", "and and"],
        );
        assert_flags(
            &RepeatedWord,
            Lang::FR,
            "Il est prêt à à négocier.",
            &["à à"],
        );
    }

    #[test]
    fn allows_grammar_names_numbers_and_line_breaks() {
        assert_allows(&RepeatedWord, Lang::FR, "Nous nous sommes rencontrés hier.");
        assert_allows(
            &RepeatedWord,
            Lang::EN,
            "What he had had in mind remains unclear.",
        );
        assert_allows(&RepeatedWord, Lang::EN, "They flew to Pago Pago.");
        assert_allows(&RepeatedWord, Lang::EN, "It rose 10 10 times.");
        assert_allows(
            &RepeatedWord,
            Lang::FR,
            "Il a parlé de la\nla semaine dernière.",
        );
    }

    #[test]
    fn capitalised_closed_class_words_and_runs() {
        assert_flags(
            &RepeatedWord,
            Lang::FR,
            "La La participation a reculé.",
            &["La La"],
        );
        assert_flags(
            &RepeatedWord,
            Lang::FR,
            "Selon le journal, La La série a été annulée.",
            &["La La"],
        );
        assert_allows(&RepeatedWord, Lang::EN, "She starred in La La Land.");
        assert_allows(&RepeatedWord, Lang::EN, "Ooh la la, said the critic.");
        assert_allows(
            &RepeatedWord,
            Lang::EN,
            "They met in Walla Walla and Baden Baden.",
        );
        assert_flags(
            &RepeatedWord,
            Lang::FR,
            "Il est prêt à à à négocier.",
            &["à à à"],
        );
        // Four or more: a loop, left to `repetition/ngram-loop`.
        assert_allows(&RepeatedWord, Lang::FR, "Il est prêt à à à à négocier.");
        assert_flags(&RepeatedWord, Lang::FR, "Il a dit la la chose.", &["la la"]);
        assert_allows(
            &RepeatedWord,
            Lang::DE,
            "Menschen, die die Regeln brechen, können Sie sie melden.",
        );
    }
}
