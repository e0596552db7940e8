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
            let (a, gap, b) = (&toks[i], &toks[i + 1], &toks[i + 2]);
            if a.kind == TokenKind::Word
                && gap.kind == TokenKind::Space
                && b.kind == TokenKind::Word
            {
                let (wa, wb) = (a.text(text), b.text(text));
                if wa.len() == wb.len() && is_repeat(wa, wb) {
                    let span = Span::new(a.start, b.end);
                    out.report_fix(span, format!("`{wa}` is repeated"), wa.to_string());
                    i += 2;
                    continue;
                }
            }
            i += 1;
        }
    }
}

fn is_repeat(a: &str, b: &str) -> bool {
    if !a
        .chars()
        .zip(b.chars())
        .all(|(x, y)| x == y || x.to_lowercase().eq(y.to_lowercase()))
    {
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
