//! `typography/en-punct-spacing`: French-style spacing leaking into English (and German, Spanish,
//! Italian, Portuguese) text: a space before `. ; : ! ? )` or `%`, or after `(`.

use crate::diagnostic::Severity;
use crate::lang::Lang;
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};
use crate::span::Span;
use crate::tokenize::{Token, TokenKind};

use super::{char_at, chunk_around, first_char, in_foreign_quote, is_emoticon_at, is_url_like};

pub struct EnPunctSpacing;

/// Languages whose typography puts no space before these marks.
const LANGS: [Lang; 5] = [Lang::EN, Lang::DE, Lang::ES, Lang::IT, Lang::PT];

impl Rule for EnPunctSpacing {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "typography/en-punct-spacing".into(),
            severity: Severity::Warning,
            summary: "a space before `. ; : ! ? )` or after `(` in english-style typography".into(),
            explanation: "English, German, Spanish, Italian and Portuguese put no space before \
                `. ; : ! ? )` and none after `(` (nor, in Spanish, after `¿` and `¡`); a space there (plain or no-break) is French typography \
                leaking in, often from a French source or a French-trained system. A space before `%` \
                is flagged in English only (German, Spanish and Italian style guides write `50 %`). A \
                space before a comma is left to `punctuation/redundant-punct`, which checks it in every \
                language, and guillemets to `typography/quote-style`. An ellipsis after a space \
                (`very inquisitive ... they`), emoticons, URLs and quotations that read as another \
                language are left alone."
                .into(),
            flagged: examples(&[
                ("en", "Why now ? Nobody knows."),
                ("en", "He said : « We will stay »."),
                ("en", "The vote ( held on Monday ) was close."),
                ("de", "Warum jetzt ? Niemand weiß es."),
                ("es", "¿ Por qué ahora ? Nadie lo sabe."),
            ]),
            allowed: examples(&[
                ("en", "Why now? Nobody knows."),
                ("en", "The ratio was 3:1 in favour of the motion."),
                ("en", "He was very inquisitive ... they said. Great :)"),
                ("de", "Die Preise stiegen um 14\u{A0}% im Jahr."),
            ]),
            languages: LANGS.iter().map(|l| l.as_str().to_string()).collect(),
            default_enabled: true,
            origin: file!().into(),
        }
    }

    fn check(&self, cx: &Ctx<'_>, out: &mut Sink<'_>) {
        let lang = cx.an.lang;
        if !LANGS.contains(&lang) {
            return;
        }
        let text = cx.text();
        let tokens = &cx.an.tokens;
        for (i, tok) in tokens.iter().enumerate() {
            if tok.kind != TokenKind::Space {
                continue;
            }
            let (Some(prev), Some(next)) = (
                i.checked_sub(1).and_then(|j| tokens.get(j)),
                tokens.get(i + 1),
            ) else {
                continue;
            };
            if next.kind == TokenKind::Punct
                && !matches!(prev.kind, TokenKind::Newline | TokenKind::Space)
            {
                let c = first_char(text, next);
                if before_mark_ok(text, tokens, i + 1, c, lang) {
                    continue;
                }
                if in_foreign_quote(text, next.start as usize, lang) {
                    continue;
                }
                out.report_fix(
                    Span::new(tok.start, next.end),
                    format!("space before `{c}`"),
                    c.to_string(),
                );
            } else if prev.kind == TokenKind::Punct && !matches!(next.kind, TokenKind::Newline) {
                let c = first_char(text, prev);
                let opener = c == '(' || (lang == Lang::ES && matches!(c, '¿' | '¡'));
                if !opener || in_foreign_quote(text, prev.start as usize, lang) {
                    continue;
                }
                out.report_fix(
                    Span::new(prev.start, tok.end),
                    format!("space after `{c}`"),
                    c.to_string(),
                );
            }
        }
    }
}

/// Whether the mark `c` (token `j`, preceded by a space) is fine there.
fn before_mark_ok(text: &str, tokens: &[Token], j: usize, c: char, lang: Lang) -> bool {
    let tok = &tokens[j];
    let after = char_at(text, tok.end as usize);
    match c {
        '.' => {
            // An ellipsis, or a dot that starts a word or number (`.NET`, `.5`).
            after.is_some_and(|a| a == '.' || a.is_alphanumeric())
                || is_url_like(chunk_around(text, tok.start as usize, tok.end as usize))
        }
        ':' | ';' => {
            after.is_some_and(char::is_alphanumeric)
                || is_emoticon_at(text, tok.start as usize)
                || is_url_like(chunk_around(text, tok.start as usize, tok.end as usize))
        }
        '!' | '?' => is_url_like(chunk_around(text, tok.start as usize, tok.end as usize)),
        ')' => false,
        '%' => lang != Lang::EN,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_allows, assert_flags, run};

    #[test]
    fn catalog_cases() {
        let r = EnPunctSpacing;
        assert_flags(&r, Lang::EN, "Why now ? Nobody knows.", &[" ?"]);
        assert_flags(&r, Lang::EN, "He said : « We will stay ».", &[" :"]);
        assert_allows(&r, Lang::EN, "Why now? Nobody knows.");
        assert_allows(&r, Lang::EN, "The ratio was 3:1 in favour of the motion.");
    }

    #[test]
    fn more_cases() {
        let r = EnPunctSpacing;
        assert_flags(
            &r,
            Lang::EN,
            "The vote ( held on Monday ) was close .",
            &["( ", " )", " ."],
        );
        assert_flags(&r, Lang::EN, "Prices rose 5 %.", &[" %"]);
        assert_flags(
            &r,
            Lang::EN,
            "Note\u{A0}: this\u{202F}!",
            &["\u{A0}:", "\u{202F}!"],
        );
        let found = run(&r, Lang::EN, "Why ?");
        assert_eq!(found[0].suggestion.as_deref(), Some("?"));
        assert_allows(
            &r,
            Lang::EN,
            "It runs on .NET at 0 .5 speed, see example.org/a?b=1 now.",
        );
        assert_allows(&r, Lang::EN, "COUNTING ... the days :) and ;-) fine");
        assert_allows(&r, Lang::DE, "Es waren 41 % der Befragten.");
        assert_flags(&r, Lang::ES, "¿ Por qué ahora ? Nadie.", &["¿ ", " ?"]);
        assert_allows(&r, Lang::ES, "¿Por qué ahora? ¡Nadie lo sabe!");
        assert_allows(&r, Lang::FR, "Pourquoi ? Personne ne sait.");
        assert_allows(&r, Lang::EN, "The book « La vie : un roman » is French.");
        assert_allows(&r, Lang::EN, "A line\n: yes");
    }
}
