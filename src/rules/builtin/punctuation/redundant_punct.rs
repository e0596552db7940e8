//! `punctuation/redundant-punct`: doubled or conflicting punctuation (`,,` `..` `,.` `?.` `;,`), a
//! comma before an ellipsis, `etc...`, and a space before a comma.

use crate::diagnostic::Severity;
use crate::rules::builtin::typography::{chunk_around, first_char, is_url_like};
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};
use crate::span::Span;
use crate::tokenize::{Token, TokenKind, abbreviations};

pub struct RedundantPunct;

/// Brand names that end with `!` (`Yahoo!.` ends a sentence after the brand).
const BANG_BRANDS: &[&str] = &["Yahoo", "Jeopardy", "Wham"];

fn is_mark(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | '.' | '!' | '?' | '…')
}

impl Rule for RedundantPunct {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "punctuation/redundant-punct".into(),
            severity: Severity::Warning,
            summary: "doubled or conflicting punctuation, or a space before a comma".into(),
            explanation: "Two marks where one is meant: a doubled comma, semicolon or colon (`,,`), \
                exactly two periods (`répondre..`; three are an ellipsis), a clause mark before a \
                sentence end (`,.` `;.` `:.` `, …`), a period before a comma (`.,`, except after an \
                abbreviation: `Inc.,` `etc.,`), a question or exclamation mark followed by a period \
                (`?.`), two different clause marks (`;,` `:,`), an ellipsis after `etc` (`etc...`), \
                and a space before a comma (in every language). `?!` and `!?` are fine, and so are \
                numbers (`1..10`), URLs and paths (`../`), and `Yahoo!.`."
                .into(),
            flagged: examples(&[
                ("fr", "Il a refusé de répondre.."),
                ("en", "Prices rose sharply,, analysts said."),
                ("fr", "Des pommes, des poires, etc..."),
                ("en", "The deal , signed on Monday, was welcomed."),
            ]),
            allowed: examples(&[
                ("fr", "Il a refusé de répondre…"),
                ("fr", "Vraiment ?! Personne ne l’avait prévu."),
                ("en", "Apple Inc., the U.S. company, said so... Then it left."),
                ("en", "See ../docs or pages 1..10 on Yahoo!."),
            ]),
            languages: Vec::new(),
            default_enabled: true,
            origin: file!().into(),
        }
    }

    fn check(&self, cx: &Ctx<'_>, out: &mut Sink<'_>) {
        let text = cx.text();
        let tokens = &cx.an.tokens;
        let abbrevs = abbreviations(cx.an.lang);
        // The end of the last reported span, so a run such as `,,,` is reported once.
        let mut covered = 0u32;
        // Every report starts at a mark (two marks in a row) or just before one (a space before a
        // comma, `etc` before an ellipsis): only marks stop the loop, and the token before each is
        // looked at first, so reports come in text order.
        for (i, tok) in tokens.iter().enumerate() {
            if tok.kind != TokenKind::Punct || !is_mark(first_char(text, tok)) {
                continue;
            }
            if let Some(p) = i.checked_sub(1)
                && tokens[p].start >= covered
            {
                let found = match tokens[p].kind {
                    TokenKind::Space => space_before_comma(text, tokens, p, out),
                    TokenKind::Word => etc_ellipsis(text, tokens, p, out),
                    _ => None,
                };
                if let Some(end) = found {
                    covered = end;
                }
            }
            if tok.start >= covered
                && let Some(end) = pair(text, tokens, i, abbrevs, out)
            {
                covered = end;
            }
        }
    }
}

fn kind_char(text: &str, t: Option<&Token>) -> Option<char> {
    let t = t?;
    (t.kind == TokenKind::Punct).then(|| first_char(text, t))
}

/// ` ,`: a space before a comma.
fn space_before_comma(text: &str, tokens: &[Token], i: usize, out: &mut Sink<'_>) -> Option<u32> {
    let tok = &tokens[i];
    let prev = tokens.get(i.checked_sub(1)?)?;
    let next = tokens.get(i + 1)?;
    if kind_char(text, Some(next)) != Some(',')
        || matches!(prev.kind, TokenKind::Newline | TokenKind::Space)
        || prev.kind == TokenKind::Punct && is_mark(first_char(text, prev))
        || is_url_like(chunk_around(text, next.start as usize, next.end as usize))
    {
        return None;
    }
    let span = Span::new(tok.start, next.end);
    out.report_kind(
        "space-before-comma",
        false,
        span,
        "space before a comma",
        Some(",".into()),
    );
    Some(span.end)
}

/// `etc...`, `etc…`, `etc..`: an ellipsis after `etc`.
fn etc_ellipsis(text: &str, tokens: &[Token], i: usize, out: &mut Sink<'_>) -> Option<u32> {
    let tok = &tokens[i];
    if tok.text(text) != "etc" {
        return None;
    }
    let first = tokens.get(i + 1)?;
    let c = kind_char(text, Some(first))?;
    let end = if c == '…' {
        first.end
    } else if c == '.' && kind_char(text, tokens.get(i + 2)) == Some('.') {
        let mut j = i + 2;
        while kind_char(text, tokens.get(j + 1)) == Some('.') {
            j += 1;
        }
        tokens[j].end
    } else {
        return None;
    };
    let span = Span::new(tok.start, end);
    out.report_kind(
        "etc",
        false,
        span,
        format!("`{}`: `etc.` already marks the omission", span.text(text)),
        Some("etc.".into()),
    );
    Some(end)
}

/// Two marks in a row (optionally separated by one space).
fn pair(
    text: &str,
    tokens: &[Token],
    i: usize,
    abbrevs: &[&str],
    out: &mut Sink<'_>,
) -> Option<u32> {
    let t1 = &tokens[i];
    let a = first_char(text, t1);
    if !is_mark(a) {
        return None;
    }
    let mut j = i + 1;
    let mut spaced = false;
    if tokens.get(j)?.kind == TokenKind::Space {
        spaced = true;
        j += 1;
    }
    let t2 = tokens.get(j)?;
    let b = kind_char(text, Some(t2))?;
    if !is_mark(b) {
        return None;
    }
    let after = tokens.get(j + 1);
    let after_c = kind_char(text, after);
    let before_c = kind_char(text, i.checked_sub(1).and_then(|k| tokens.get(k)));
    let chunk = || chunk_around(text, t1.start as usize, t2.end as usize);
    let span = Span::new(t1.start, t2.end);
    let (kind, msg, fix): (&str, String, Option<String>) = match (a, b) {
        ('.', '.') => {
            // Exactly two periods: not an ellipsis, not `?..` (a question mark standing for the
            // first dot of an ellipsis), not `1..10`, not `../`.
            if matches!(before_c, Some('.' | '?' | '!'))
                || after_c == Some('.')
                || is_url_like(chunk())
            {
                return None;
            }
            let digits = |t: Option<&Token>| t.is_some_and(|t| t.kind == TokenKind::Number);
            if !spaced && digits(i.checked_sub(1).and_then(|k| tokens.get(k))) && digits(after) {
                return None;
            }
            ("doubled", "two periods".into(), Some(".".into()))
        }
        (',' | ';' | ':', _) if a == b => {
            ("doubled", format!("`{a}` doubled"), Some(a.to_string()))
        }
        (',' | ';' | ':', '.' | '!' | '?' | '…') => {
            if b == '.' {
                // `.NET`, a domain after a colon, or an ellipsis written with periods.
                let next_word = after.is_some_and(|t| {
                    !matches!(
                        t.kind,
                        TokenKind::Space | TokenKind::Newline | TokenKind::Punct
                    )
                });
                if next_word || is_url_like(chunk()) {
                    return None;
                }
            }
            if a == ':' && (b == '!' || b == '?') {
                return None;
            }
            let ellipsis = b == '…' || (b == '.' && after_c == Some('.'));
            let end = if ellipsis && b == '.' {
                let mut k = j;
                while kind_char(text, tokens.get(k + 1)) == Some('.') {
                    k += 1;
                }
                tokens[k].end
            } else {
                t2.end
            };
            let span = Span::new(t1.start, end);
            out.report_kind(
                "conflicting",
                false,
                span,
                format!(
                    "`{a}` before `{}`",
                    if ellipsis { "…" } else { t2.text(text) }
                ),
                Some(if ellipsis {
                    "…".into()
                } else {
                    b.to_string()
                }),
            );
            return Some(end);
        }
        (',' | ';' | ':', ',' | ';' | ':') => {
            ("conflicting", format!("`{a}` and `{b}` together"), None)
        }
        ('.', ',') => {
            // After an abbreviation (`Inc.,` `etc.,` `U.S.,`) the period is the abbreviation's.
            let prev = i.checked_sub(1).and_then(|k| tokens.get(k))?;
            if prev.kind != TokenKind::Word {
                return None;
            }
            let w = prev.text(text);
            let dotted = i >= 2 && kind_char(text, tokens.get(i - 2)) == Some('.');
            let known = abbrevs
                .iter()
                .any(|ab| ab.trim_end_matches('.').eq_ignore_ascii_case(w));
            if w.chars().count() <= 4 || dotted || known || is_url_like(chunk()) {
                return None;
            }
            ("conflicting", "`.` before `,`".into(), Some(",".into()))
        }
        ('!' | '?', '.') => {
            if spaced || after_c == Some('.') {
                return None;
            }
            let prev = i.checked_sub(1).and_then(|k| tokens.get(k));
            if prev.is_some_and(|p| BANG_BRANDS.contains(&p.text(text))) || is_url_like(chunk()) {
                return None;
            }
            (
                "conflicting",
                format!("`{a}` followed by `.`"),
                Some(a.to_string()),
            )
        }
        _ => return None,
    };
    out.report_kind(kind, false, span, msg, fix);
    Some(span.end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::rules::testing::{assert_allows, assert_flags, run};

    #[test]
    fn catalog_cases() {
        let r = RedundantPunct;
        assert_flags(&r, Lang::FR, "Il a refusé de répondre..", &[".."]);
        assert_flags(
            &r,
            Lang::EN,
            "Prices rose sharply,, analysts said.",
            &[",,"],
        );
        assert_allows(&r, Lang::FR, "Il a refusé de répondre…");
        assert_allows(&r, Lang::FR, "Vraiment ?! Personne ne l’avait prévu.");
    }

    #[test]
    fn more_cases() {
        let r = RedundantPunct;
        assert_flags(
            &r,
            Lang::FR,
            "Des pommes, des poires, etc... Puis du pain, … et du vin ,.",
            &["etc...", ", …", " ,"],
        );
        assert_flags(
            &r,
            Lang::EN,
            "He left;, then came back?. Really:.",
            &[";,", "?.", ":."],
        );
        assert_flags(
            &r,
            Lang::EN,
            "He stayed at the hospital., then left.",
            &[".,"],
        );
        let found = run(&r, Lang::EN, "He left,,, then.");
        assert_eq!(found.len(), 1);
        let found = run(&r, Lang::EN, "It ended,.");
        assert_eq!(found[0].suggestion.as_deref(), Some("."));
        assert_allows(
            &r,
            Lang::EN,
            "Apple Inc., the U.S. company, said so... Then etc., and Dr., fine.",
        );
        assert_allows(
            &r,
            Lang::EN,
            "See ../docs or 1..10 on Yahoo!. Also http://a.b/c,.d and: .NET",
        );
        assert_allows(&r, Lang::FR, "Il a dit : « non ». Puis ?.. non.");
    }
}
