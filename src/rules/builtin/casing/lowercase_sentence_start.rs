//! `casing/lowercase-sentence-start`: a sentence or a line starting with a lowercase letter
//! (`Le vote a eu lieu mardi. les résultats…`).

use crate::diagnostic::Severity;
use crate::lang::Lang;
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};
use crate::span::Span;
use crate::tokenize::{Analysis, Token, TokenKind, abbreviations};

use super::{line_of, prev_on_line, starts_lower};

pub struct LowercaseSentenceStart;

/// Words that end with `!` in their name (`Yahoo! said`).
const BANG_NAMES: &[&str] = &["Yahoo", "Jeopardy", "Wham", "Oklahoma", "Mamma", "Airplane"];

/// Abbreviations missing from the shared lists that end with a period before lowercase text
/// (`max. 2 minutes`, `env. 300`).
const EXTRA_ABBREVIATIONS: &[&str] = &[
    "max", "min", "env", "approx", "resp", "chr", "incl", "excl", "hab", "réf", "art", "dept",
    "mio", "mrd", "sq", "sqq", "id", "cit", "tél", "tel", "esp", "nb", "nbr", "qqn", "qqch",
];

/// Agency credits written in lowercase at the end of a text (`… 65 pour cent. dpa`).
const AGENCY_CREDITS: &[&str] = &[
    "dpa", "afp", "ap", "ats", "apa", "sda", "ansa", "efe", "belga", "reuters", "kna", "epd",
];

/// Lines whose previous line ends with one of these continue a list or a sentence.
fn continues(last: &str) -> bool {
    matches!(last, ":" | "," | ";" | "-" | "–" | "—" | "(" | "«" | "“")
}

fn is_terminal(s: &str) -> bool {
    matches!(s, "." | "!" | "?")
}

impl Rule for LowercaseSentenceStart {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "casing/lowercase-sentence-start".into(),
            severity: Severity::Warning,
            summary: "a sentence or a line starting with a lowercase letter".into(),
            explanation: "A lowercase letter after `. ! ?` and a space, or at the start of a line that \
                follows a finished sentence, is a lost capital (typing, casing models of machine \
                translation, re-segmentation). Left alone: periods of abbreviations (the language's \
                list: `etc.`, `M.`, `e.g.`, `a.m.`, `vs.`), initials and dotted acronyms (`U.S.`), \
                ellipses, periods after a number (`1. le point`, German-style ordinals), names ending \
                with `!` (`Yahoo!`), a pronoun or an inverted verb after `?` or `!` (`Why? she asked`, \
                `Pourquoi ? demande-t-il`), \
                words with an inner capital (`eBay`, `iPhone`), lines after a line ending with `: , ; \
                —`, bullet lines, and lines that are not full sentences (fewer than 4 words or no final \
                punctuation)."
                .into(),
            flagged: examples(&[
                ("fr", "Le vote a eu lieu mardi. les résultats seront publiés demain."),
                ("en", "Talks resumed on Friday. the outcome remains uncertain."),
                ("fr", "Le vote a eu lieu mardi.\nles résultats seront publiés demain."),
            ]),
            allowed: examples(&[
                ("en", "The hearing opened at 9 a.m. and ended at noon."),
                ("en", "Sales slowed. eBay shares nonetheless rose."),
                ("fr", "Il a cité les pommes, les poires, etc. mais rien d’autre."),
                ("fr", "Les mesures :\nles loyers sont gelés ;\nles prix sont encadrés."),
            ]),
            languages: vec!["fr".into(), "en".into()],
            default_enabled: true,
            origin: file!().into(),
        }
    }

    fn check(&self, cx: &Ctx<'_>, out: &mut Sink<'_>) {
        let an = cx.an;
        // Abbreviation lists exist for French and English only; elsewhere (`usw.`, `z.B.`, `Nr.`)
        // a period before a lowercase word is too often not a sentence end.
        if !matches!(an.lang, Lang::FR | Lang::EN) {
            return;
        }
        let text = cx.text();
        let toks = &an.tokens;
        let abbrevs = abbreviations(an.lang);
        // Last non-space token of the previous non-blank line, if any.
        let mut prev_line_last: Option<usize> = None;
        let mut line_first: Option<usize> = None;
        let mut last_on_line: Option<usize> = None;
        for (ti, t) in toks.iter().enumerate() {
            match t.kind {
                TokenKind::Newline => {
                    if let Some(first) = line_first.take() {
                        check_line_start(an, first, prev_line_last, out);
                        prev_line_last = last_on_line;
                    }
                    last_on_line = None;
                    continue;
                }
                TokenKind::Space => continue,
                _ => {}
            }
            if line_first.is_none() {
                line_first = Some(ti);
            }
            last_on_line = Some(ti);
            // Cheap necessary conditions first: a word after a space after punctuation (or more
            // spaces), as the mark test below needs.
            if t.kind != TokenKind::Word
                || ti < 2
                || toks[ti - 1].kind != TokenKind::Space
                || !matches!(toks[ti - 2].kind, TokenKind::Punct | TokenKind::Space)
                || !starts_lower(t.text(text))
            {
                continue;
            }
            // `. les`: a terminal mark, spaces, then this word.
            let Some(mark) = prev_on_line(toks, ti) else {
                continue;
            };
            if mark + 1 == ti || !is_terminal(toks[mark].text(text)) {
                continue;
            }
            let w = t.text(text);
            if matches!(toks[mark].text(text), "?" | "!") && reported_speech(w) {
                continue;
            }
            if AGENCY_CREDITS.contains(&w) {
                continue;
            }
            if sentence_mark_ends_sentence(an, mark, abbrevs) && plain_word(w) {
                report(t, text, out);
            }
        }
        if let Some(first) = line_first {
            check_line_start(an, first, prev_line_last, out);
        }
    }
}

/// Whether the terminal mark at token `mark` really ends a sentence.
fn sentence_mark_ends_sentence(an: &Analysis<'_>, mark: usize, abbrevs: &[&str]) -> bool {
    let toks = &an.tokens;
    let text = an.text;
    let m = toks[mark].text(text);
    let Some(before) = mark.checked_sub(1).map(|i| &toks[i]) else {
        return false;
    };
    let b = before.text(text);
    match before.kind {
        // An ellipsis written as periods, `?!`, `!!`.
        TokenKind::Punct if is_terminal(b) => false,
        TokenKind::Punct => matches!(b, ")" | "»" | "”" | "\"" | "]"),
        TokenKind::Word => {
            if m == "!" && BANG_NAMES.contains(&b) {
                return false;
            }
            if m != "." {
                return true;
            }
            // Initials and dotted acronyms (`J.`, `U.S.`, `a.m.`), abbreviations (`etc.`, `M.`).
            let last = b.rsplit(['’', '\'', '-']).next().unwrap_or(b);
            if last.chars().count() == 1
                || is_abbreviation(b, abbrevs)
                || EXTRA_ABBREVIATIONS.contains(&b)
            {
                return false;
            }
            // `n°.`, `art.`: a dotted word of the document (`art.` seen before digits) is left to the list.
            true
        }
        // `1. le point` (a numbered list), `le 2. bis`, `Vom 5. bis 8.` (ordinals): never a
        // reliable sentence end.
        _ => false,
    }
}

/// Whether the start of line at token `first` is a lowercase sentence start to report.
fn check_line_start(an: &Analysis<'_>, first: usize, prev_last: Option<usize>, out: &mut Sink<'_>) {
    let toks = &an.tokens;
    let text = an.text;
    let t = &toks[first];
    if t.kind != TokenKind::Word || !starts_lower(t.text(text)) || !plain_word(t.text(text)) {
        return;
    }
    // The previous line must end a sentence; the first line of a document has none.
    let Some(p) = prev_last else {
        return;
    };
    let p_text = toks[p].text(text);
    if continues(p_text) || !matches!(p_text, "." | "!" | "?" | "»" | "”" | "\"" | ")") {
        return;
    }
    if p_text == "." && !sentence_mark_ends_sentence(an, p, abbreviations(an.lang)) {
        return;
    }
    // This line must be a full sentence: 4 words or more and final punctuation.
    let (start, end) = line_of(toks, first);
    let line: &[Token] = &toks[start..end];
    let words = line.iter().filter(|t| t.kind == TokenKind::Word).count();
    let last = line.iter().rev().find(|t| t.kind != TokenKind::Space);
    let finished = last.is_some_and(|l| matches!(l.text(text), "." | "!" | "?" | "»" | "”"));
    if words >= 4 && finished {
        report(t, text, out);
    }
}

/// `she asked`, `demande-t-il`: a question or exclamation quoted without quotation marks.
fn reported_speech(w: &str) -> bool {
    matches!(
        w,
        "she" | "he" | "they" | "we" | "i" | "il" | "elle" | "ils" | "elles" | "on" | "nous"
    ) || w.contains("-t-")
        || w.ends_with("-il")
        || w.ends_with("-elle")
        || w.ends_with("-ils")
        || w.ends_with("-elles")
        || w.ends_with("-on")
}

/// A word with no capital at all (not `eBay`, `iPhone`) and no digit.
fn plain_word(w: &str) -> bool {
    w.chars().all(|c| !c.is_uppercase() && !c.is_numeric())
}

fn report(t: &Token, text: &str, out: &mut Sink<'_>) {
    let w = t.text(text);
    let mut chars = w.chars();
    let fixed: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    out.report_fix(
        Span::new(t.start, t.end),
        format!("sentence starts with a lowercase letter: `{w}`"),
        fixed,
    );
}

/// Whether `word` (before its period) is an abbreviation of the list.
fn is_abbreviation(word: &str, list: &[&str]) -> bool {
    list.iter().any(|a| a.trim_end_matches('.') == word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::rules::testing::{assert_allows, assert_flags, run};

    #[test]
    fn catalog_cases() {
        let r = LowercaseSentenceStart;
        assert_flags(
            &r,
            Lang::FR,
            "Le vote a eu lieu mardi. les résultats seront publiés demain.",
            &["les"],
        );
        assert_flags(
            &r,
            Lang::EN,
            "Talks resumed on Friday. the outcome remains uncertain.",
            &["the"],
        );
        assert_allows(
            &r,
            Lang::EN,
            "The hearing opened at 9 a.m. and ended at noon.",
        );
        assert_allows(&r, Lang::EN, "Sales slowed. eBay shares nonetheless rose.");
    }

    #[test]
    fn suggestion_capitalises() {
        let found = run(
            &LowercaseSentenceStart,
            Lang::FR,
            "Il part. élections demain.",
        );
        assert_eq!(found[0].suggestion.as_deref(), Some("Élections"));
    }

    #[test]
    fn abbreviations_initials_ellipses() {
        let r = LowercaseSentenceStart;
        assert_allows(
            &r,
            Lang::FR,
            "Il a cité les pommes, les poires, etc. mais rien d’autre, cf. le rapport.",
        );
        assert_allows(
            &r,
            Lang::EN,
            "The U.S. and the U.K. agreed, i.e. the allies; e.g. trade vs. the rest.",
        );
        assert_allows(&r, Lang::FR, "Il hésita... puis partit. Et alors ?! rien.");
        assert_allows(&r, Lang::EN, "Yahoo! said nothing. Apple bought it.");
        assert_allows(&r, Lang::FR, "1. le premier point\n2. le second point");
        assert_allows(&r, Lang::EN, "Why? she asked. Really! he said.");
        assert_allows(
            &r,
            Lang::FR,
            "Chauffer max. deux minutes. Le score a monté de 65 %. dpa",
        );
        assert_allows(
            &r,
            Lang::FR,
            "Pourquoi ? demande-t-il. Vraiment ? dit-elle.",
        );
        assert_allows(&r, Lang::DE, "Vom 2. bis 8. Dezember, usw. und so weiter.");
    }

    #[test]
    fn line_starts() {
        let r = LowercaseSentenceStart;
        assert_flags(
            &r,
            Lang::FR,
            "Le vote a eu lieu mardi.\nles résultats seront publiés demain.",
            &["les"],
        );
        // Lists, wrapped lines, short lines, first lines, bullets.
        assert_allows(
            &r,
            Lang::FR,
            "Les mesures :\nles loyers sont gelés ;\nles prix sont encadrés.",
        );
        assert_allows(
            &r,
            Lang::FR,
            "Le gouvernement a annoncé mardi que\nles loyers seront gelés.",
        );
        assert_allows(
            &r,
            Lang::FR,
            "mardi 19 septembre\n\nIl pleut.\nmardi 19 septembre",
        );
        assert_allows(&r, Lang::FR, "Il pleut.\n• les loyers sont gelés partout.");
    }
}
