//! `repetition/repeated-word`: a word immediately repeated (`le le`, `the the`).

use crate::diagnostic::Severity;
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};
use crate::span::Span;
use crate::tokenize::TokenKind;

pub struct RepeatedWord;

/// Doublings that are grammatical (`nous nous sommes`, `had had`) or idiomatic.
const ALLOWED: &[&str] = &[
    "nous", "vous", "bla", "had", "that", "bye", "so", "très", "tam", "pan", "cha", "ha", "hi",
    "ho", "la", "no", "non", "chop", "tut", "knock", "boo", "dum", "bora", "can",
];

impl Rule for RepeatedWord {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "repetition/repeated-word".into(),
            severity: Severity::Warning,
            summary: "a word immediately repeated".into(),
            explanation: "Flags two identical words (ignoring case) separated only by spaces on one line, \
                a common slip in editing and in machine translation. Grammatical doublings (`nous nous`, \
                `vous vous`, `had had`, `that that`), pairs where both words are capitalised (`Pago Pago`) \
                and numbers are left alone. The suggestion keeps one word."
                .into(),
            flagged: examples(&[("fr", "Le le gouvernement a démissionné."), ("en", "The the talks collapsed.")]),
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
        let text = cx.text();
        let toks = &cx.an.tokens;
        let mut i = 0;
        while i + 2 < toks.len() {
            let a = &toks[i];
            if a.kind != TokenKind::Word {
                i += 1;
                continue;
            }
            // The whole run of the same word (`te te te te`), so that one fix removes it all.
            let wa = a.text(text);
            let mut last = i;
            while last + 2 < toks.len()
                && toks[last + 1].kind == TokenKind::Space
                && toks[last + 2].kind == TokenKind::Word
                && is_repeat(wa, toks[last + 2].text(text))
            {
                last += 2;
            }
            if last > i {
                let times = (last - i) / 2 + 1;
                let span = Span::new(a.start, toks[last].end);
                let message = if times == 2 {
                    format!("`{wa}` is repeated")
                } else {
                    format!("`{wa}` is repeated {times} times")
                };
                out.report_fix(span, message, wa.to_string());
                i = last + 1;
            } else {
                i += 1;
            }
        }
    }
}

fn is_repeat(a: &str, b: &str) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let same = if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.chars()
            .zip(b.chars())
            .all(|(x, y)| x == y || x.to_lowercase().eq(y.to_lowercase()))
    };
    if !same {
        return false;
    }
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    if capital(a) && capital(b) {
        return false;
    }
    let lower = b.to_lowercase();
    !ALLOWED.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
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
}
