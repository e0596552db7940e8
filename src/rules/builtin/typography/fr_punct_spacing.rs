//! `typography/fr-punct-spacing`: French spacing around `: ; ! ? « »` — a missing space before the
//! high marks or inside guillemets, a missing space after them, and a document that mixes plain and
//! no-break spaces in those places (the seed's `« millions »`, D23).

use crate::diagnostic::Severity;
use crate::lang::Lang;
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};
use crate::span::Span;
use crate::tokenize::{Token, TokenKind};

use super::{char_at, chunk_around, in_foreign_quote, is_emoticon_at, is_url_like};

pub struct FrPunctSpacing;

/// Brand names that end with `!` and take no space (`Yahoo!`).
const BRANDS: &[&str] = &["Yahoo", "Jeopardy", "Wham", "Joomla", "Yippee"];

const NNBSP: char = '\u{202F}';
const NBSP: char = '\u{A0}';

/// The marks this rule looks at.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// `;` `!` `?`
    High(char),
    Colon,
    Open,
    Close,
}

fn mark_of(text: &str, tok: &Token) -> Option<Mark> {
    let b = text.as_bytes();
    match b.get(tok.start as usize)? {
        b';' => Some(Mark::High(';')),
        b'!' => Some(Mark::High('!')),
        b'?' => Some(Mark::High('?')),
        b':' => Some(Mark::Colon),
        0xC2 => match b.get(tok.start as usize + 1)? {
            0xAB => Some(Mark::Open),
            0xBB => Some(Mark::Close),
            _ => None,
        },
        _ => None,
    }
}

/// The kind of a one-character space: plain U+0020, no-break (U+00A0, U+202F), or other.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Gap {
    Plain,
    NoBreak,
    Other,
}

fn gap_of(text: &str, tok: &Token) -> Gap {
    match tok.text(text) {
        " " => Gap::Plain,
        "\u{A0}" | "\u{202F}" => Gap::NoBreak,
        _ => Gap::Other,
    }
}

/// Skips marks in URLs, e-mail addresses, entities and emoticons, brand names and foreign quotes.
fn skip(text: &str, tok: &Token, lang: Lang) -> bool {
    let (s, e) = (tok.start as usize, tok.end as usize);
    let chunk = chunk_around(text, s, e);
    is_url_like(chunk)
        || chunk.contains('&')
        || is_emoticon_at(text, s)
        || in_foreign_quote(text, s, lang)
}

impl Rule for FrPunctSpacing {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "typography/fr-punct-spacing".into(),
            severity: Severity::Warning,
            summary: "french spacing missing or inconsistent around `: ; ! ? « »`".into(),
            explanation: "French typography puts a space before `; ! ?` (a narrow no-break space, \
                U+202F) and before `:` (a no-break space, U+00A0), and inside guillemets `«\u{A0}…\u{A0}»`. \
                The rule flags the missing space (`Pourquoi maintenant?`, `«Nous resterons»`), a missing \
                space after `; : ! ?` when one stands before (`mot :suite`), and, when a document holds \
                at least two of each, the minority between plain and no-break spaces in these places \
                (`consistency`: the seed's `« millions »` among guillemets with no-break spaces). A \
                plain space is accepted otherwise (lenient mode). Times, ratios and URLs (`14:30`, \
                `3:1`, `https://`, `?id=`), emoticons, `Yahoo!` and quotations that read as another \
                language (`« AI Superpowers: China… »`) are left alone. Canadian French, which puts no \
                space before `; ! ?`, cannot be told apart from the language code `fr` yet."
                .into(),
            flagged: examples(&[
                ("fr", "Pourquoi maintenant? Personne ne le sait."),
                ("fr", "Il a déclaré : «Nous resterons»."),
                ("fr", "Les voitures sont interdites; les piétons passent."),
                (
                    "fr",
                    "Il a parlé d’une «\u{A0}page\u{A0}» et d’une «\u{A0}étape\u{A0}», puis de « millions ».",
                ),
            ]),
            allowed: examples(&[
                ("fr", "Pourquoi maintenant\u{202F}? Personne ne le sait."),
                ("fr", "La réunion a commencé à 14:30 selon https://exemple.fr/agenda."),
                ("fr", "Il a déclaré : « Nous resterons » ; puis il est parti."),
                ("fr", "Le ratio était de 3:1, a-t-il noté\u{A0}: c’est peu."),
                ("fr", "Il a cité le livre « AI Superpowers: China, Silicon Valley and the New World Order »."),
            ]),
            languages: vec!["fr".into()],
            default_enabled: true,
            origin: file!().into(),
        }
    }

    fn check(&self, cx: &Ctx<'_>, out: &mut Sink<'_>) {
        let lang = cx.an.lang;
        if lang != Lang::FR {
            return;
        }
        let text = cx.text();
        let tokens = &cx.an.tokens;
        // Canadian and Swiss French put no space before `; ! ?`: a document that never spaces them
        // and leaves them unspaced at least three times follows that convention, and only its
        // other marks are checked.
        let (mut spaced, mut glued) = (0usize, 0usize);
        for (i, t) in tokens.iter().enumerate().skip(1) {
            if t.kind == TokenKind::Punct && matches!(mark_of(text, t), Some(Mark::High(_))) {
                match tokens[i - 1].kind {
                    TokenKind::Space => spaced += 1,
                    TokenKind::Word | TokenKind::Number => glued += 1,
                    _ => {}
                }
            }
        }
        let spaced_high = spaced > 0 || glued < 3;
        // Spaces where French wants one, by kind, as (space + mark) spans, for the consistency check.
        let mut plain: Vec<(Span, Mark)> = Vec::new();
        let mut nobreak = 0usize;
        for (i, tok) in tokens.iter().enumerate() {
            if tok.kind != TokenKind::Punct {
                continue;
            }
            let Some(mark) = mark_of(text, tok) else {
                continue;
            };
            let prev = i.checked_sub(1).and_then(|j| tokens.get(j));
            let next = tokens.get(i + 1);
            match mark {
                Mark::High(_) | Mark::Colon | Mark::Close => {
                    let Some(prev) = prev else { continue };
                    match prev.kind {
                        TokenKind::Space => {
                            match gap_of(text, prev) {
                                Gap::Plain => plain.push((Span::new(prev.start, tok.end), mark)),
                                Gap::NoBreak => nobreak += 1,
                                Gap::Other => {}
                            }
                            if mark != Mark::Close {
                                check_space_after(text, tokens, i, lang, out);
                            }
                        }
                        TokenKind::Word | TokenKind::Number
                            if spaced_high || !matches!(mark, Mark::High(_)) =>
                        {
                            missing_before(text, tokens, i, mark, lang, out);
                        }
                        TokenKind::Punct => {
                            let p = super::first_char(text, prev);
                            let after_closer = matches!(p, ')' | '»');
                            let after_end = matches!(p, '.' | '…');
                            match mark {
                                Mark::High(_) if after_closer && spaced_high => {
                                    missing_before(text, tokens, i, mark, lang, out)
                                }
                                Mark::Close if after_end || matches!(p, '!' | '?') => {
                                    missing_before(text, tokens, i, mark, lang, out)
                                }
                                _ => {}
                            }
                        }
                        _ => {}
                    }
                }
                Mark::Open => {
                    let Some(next) = next else { continue };
                    match next.kind {
                        TokenKind::Space => match gap_of(text, next) {
                            Gap::Plain => plain.push((Span::new(tok.start, next.end), mark)),
                            Gap::NoBreak => nobreak += 1,
                            Gap::Other => {}
                        },
                        TokenKind::Word | TokenKind::Number => out.report_fix(
                            tok.span(),
                            "missing space after `«`",
                            format!("«{NBSP}"),
                        ),
                        _ => {}
                    }
                }
            }
        }
        report_inconsistency(text, &plain, nobreak, tokens, out);
    }
}

/// A high mark, colon or closing guillemet glued to the preceding word.
fn missing_before(
    text: &str,
    tokens: &[Token],
    i: usize,
    mark: Mark,
    lang: Lang,
    out: &mut Sink<'_>,
) {
    let tok = &tokens[i];
    let next = tokens.get(i + 1);
    match mark {
        Mark::High(c) => {
            // `?!` and `!?` count once: only the first mark of a run is checked.
            if i > 0 && matches!(super::first_char(text, &tokens[i - 1]), '!' | '?') {
                return;
            }
            if skip(text, tok, lang) {
                return;
            }
            if c == '!' && i > 0 && BRANDS.contains(&tokens[i - 1].text(text)) {
                return;
            }
            // Extend over a run of `!` and `?`.
            let mut end = tok.end;
            let mut j = i + 1;
            while let Some(t) = tokens.get(j) {
                if t.kind == TokenKind::Punct && matches!(super::first_char(text, t), '!' | '?') {
                    end = t.end;
                    j += 1;
                } else {
                    break;
                }
            }
            let span = Span::new(tok.start, end);
            out.report_fix(
                span,
                format!("missing space before `{}`", span.text(text)),
                format!("{NNBSP}{}", span.text(text)),
            );
        }
        Mark::Colon => {
            // Only a colon after a letter that ends a clause: not `14:30`, `3:1`, `https://`.
            if tokens[i - 1].kind != TokenKind::Word {
                return;
            }
            let ends = next.is_none_or(|t| matches!(t.kind, TokenKind::Space | TokenKind::Newline));
            if !ends || skip(text, tok, lang) {
                return;
            }
            out.report_fix(tok.span(), "missing space before `:`", format!("{NBSP}:"));
        }
        Mark::Close => {
            if skip(text, tok, lang) {
                return;
            }
            out.report_fix(tok.span(), "missing space before `»`", format!("{NBSP}»"));
        }
        Mark::Open => {}
    }
}

/// `mot :suite`: a spaced mark glued to the next word.
fn check_space_after(text: &str, tokens: &[Token], i: usize, lang: Lang, out: &mut Sink<'_>) {
    let tok = &tokens[i];
    let Some(next) = tokens.get(i + 1) else {
        return;
    };
    if next.kind != TokenKind::Word
        || !char_at(text, next.start as usize).is_some_and(char::is_alphabetic)
        || skip(text, tok, lang)
    {
        return;
    }
    let m = tok.text(text);
    out.report_fix(
        tok.span(),
        format!("missing space after `{m}`"),
        format!("{m} "),
    );
}

/// When both plain and no-break spaces occur (at least twice each) where French wants a space,
/// flags the minority kind.
fn report_inconsistency(
    text: &str,
    plain: &[(Span, Mark)],
    nobreak: usize,
    tokens: &[Token],
    out: &mut Sink<'_>,
) {
    let _ = tokens;
    let n_plain = plain.len();
    if n_plain < 2 || nobreak < 2 {
        return;
    }
    if n_plain <= nobreak {
        for (span, mark) in plain {
            let (msg, fix) = match mark {
                Mark::Open => ("plain space after `«`", format!("«{NBSP}")),
                Mark::Close => ("plain space before `»`", format!("{NBSP}»")),
                Mark::Colon => ("plain space before `:`", format!("{NBSP}:")),
                Mark::High(c) => ("plain space before a high mark", format!("{NNBSP}{c}")),
            };
            out.report_kind(
                "consistency",
                false,
                *span,
                format!(
                    "{msg}, while this document uses no-break spaces there elsewhere \
                     ({nobreak} no-break, {n_plain} plain)"
                ),
                Some(fix),
            );
        }
    } else {
        // No-break spaces are the minority: report them once, at the first one.
        let first = tokens.iter().enumerate().find(|(i, t)| {
            t.kind == TokenKind::Space
                && gap_of(text, t) == Gap::NoBreak
                && (tokens
                    .get(i + 1)
                    .is_some_and(|n| mark_of(text, n).is_some_and(|m| m != Mark::Open))
                    || (*i > 0 && mark_of(text, &tokens[i - 1]) == Some(Mark::Open)))
        });
        if let Some((_, t)) = first {
            out.report_kind(
                "consistency",
                false,
                t.span(),
                format!(
                    "this document mixes plain ({n_plain}) and no-break ({nobreak}) spaces around \
                     `: ; ! ? « »`"
                ),
                None,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_allows, assert_flags, run};

    #[test]
    fn catalog_cases() {
        let r = FrPunctSpacing;
        assert_flags(
            &r,
            Lang::FR,
            "Pourquoi maintenant? Personne ne le sait.",
            &["?"],
        );
        assert_flags(
            &r,
            Lang::FR,
            "Il a déclaré : «Nous resterons».",
            &["«", "»"],
        );
        assert_allows(
            &r,
            Lang::FR,
            "Pourquoi maintenant\u{202F}? Personne ne le sait.",
        );
        assert_allows(
            &r,
            Lang::FR,
            "La réunion a commencé à 14:30 selon https://exemple.fr/agenda.",
        );
    }

    #[test]
    fn missing_spaces() {
        let r = FrPunctSpacing;
        // Canadian convention: never a space before `; ! ?`, consistently.
        assert_allows(
            &r,
            Lang::FR,
            "Pourquoi? Parce que! Enfin; bref. Vraiment? Oui!",
        );
        assert_flags(&r, Lang::FR, "Vraiment?! Personne.", &["?!"]);
        assert_flags(&r, Lang::FR, "En 1929; puis en 1930.", &[";"]);
        assert_flags(&r, Lang::FR, "Les chiffres sont: bons.", &[":"]);
        assert_flags(&r, Lang::FR, "Les chiffres sont :bons.", &[":"]);
        assert_flags(&r, Lang::FR, "Il a crié « Non!»", &["!", "»"]);
        let found = run(&r, Lang::FR, "Pourquoi?");
        assert_eq!(found[0].suggestion.as_deref(), Some("\u{202F}?"));
        // Other languages are not checked.
        assert_allows(&r, Lang::EN, "Why now? Nobody knows.");
    }

    #[test]
    fn exemptions() {
        let r = FrPunctSpacing;
        assert_allows(
            &r,
            Lang::FR,
            "Voir tsr.ch/index.html?siteSect=2 et Yahoo! hier.",
        );
        assert_allows(&r, Lang::FR, "Il est parti à 04:14, score 3:1 ;) bref.");
        assert_allows(
            &r,
            Lang::FR,
            "Le livre « The Last Palace: Europe and the Twentieth Century » est sorti.",
        );
        assert_allows(&r, Lang::FR, "Écrivez à a@b.fr;c@d.fr ou &amp; rien.");
        // Lenient mode: plain spaces are fine when the document is consistent.
        assert_allows(
            &r,
            Lang::FR,
            "Il dit : « oui » ; elle dit « non » ! Et « peut-être » ?",
        );
    }

    #[test]
    fn consistency_flags_the_minority() {
        let r = FrPunctSpacing;
        let text = "Kim a «\u{A0}ouvert une page\u{A0}» et «\u{A0}dans sa lutte\u{A0}».\n\nAvec des « millions » de missiles.";
        let found = run(&r, Lang::FR, text);
        let spans: Vec<_> = found.iter().map(|d| d.span.text(text)).collect();
        assert_eq!(spans, vec!["« ", " »"]);
        assert_eq!(found[0].kind, Some("consistency"));
        assert_eq!(found[0].suggestion.as_deref(), Some("«\u{A0}"));
        // U+00A0 and U+202F are both no-break: no inconsistency between them.
        assert_allows(
            &r,
            Lang::FR,
            "Il dit\u{A0}: «\u{A0}oui\u{A0}»\u{202F}; elle dit «\u{A0}non\u{A0}»\u{202F}!",
        );
    }
}
