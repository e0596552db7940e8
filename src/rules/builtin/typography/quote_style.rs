//! `typography/quote-style`: quotation marks wrong for the language or mismatched — straight `"` or
//! English `“ ”` at the top level of French text, guillemets in English, straight and curly quotes
//! mixed in one English document, English quotes in German, and a pair opened with one family and
//! closed with another (`« tournant historique”`).

use crate::diagnostic::Severity;
use crate::lang::Lang;
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};
use crate::span::Span;
use crate::tokenize::{Token, TokenKind};

pub struct QuoteStyle;

/// French, English and German get their full tables; Spanish, Italian and Portuguese, which use
/// both `« »` and `“ ”`, only the mismatch check.
const LANGS: [Lang; 6] = [Lang::FR, Lang::EN, Lang::DE, Lang::ES, Lang::IT, Lang::PT];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Q {
    /// `"`
    Straight,
    /// `«` / `»`
    Guillemet,
    /// `“`
    Left,
    /// `”`
    Right,
    /// `„`
    Low,
}

#[derive(Clone, Copy, Debug)]
struct Mark {
    q: Q,
    span: Span,
}

#[derive(Clone, Copy, Debug)]
struct Pair {
    open: Mark,
    close: Mark,
    /// A guillemet pair encloses this one on its line.
    in_guillemets: bool,
}

fn quote_of(text: &str, tok: &Token) -> Option<Q> {
    let b = text.as_bytes();
    let s = tok.start as usize;
    match *b.get(s)? {
        b'"' => Some(Q::Straight),
        0xC2 if matches!(b.get(s + 1), Some(0xAB | 0xBB)) => Some(Q::Guillemet),
        0xE2 if b.get(s + 1) == Some(&0x80) => match b.get(s + 2)? {
            0x9C => Some(Q::Left),
            0x9D => Some(Q::Right),
            0x9E => Some(Q::Low),
            _ => None,
        },
        _ => None,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
}

/// The role of a quote mark from its neighbours (`«`, `„` open and `»` closes whatever they touch).
fn role(text: &str, tok: &Token, q: Q) -> Option<Role> {
    match (q, tok.text(text)) {
        (Q::Guillemet, "«") | (Q::Low, _) => return Some(Role::Open),
        (Q::Guillemet, _) => return Some(Role::Close),
        _ => {}
    }
    match super::quote_opens(text, tok.start as usize, tok.end as usize)? {
        true => Some(Role::Open),
        false => Some(Role::Close),
    }
}

impl Rule for QuoteStyle {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "typography/quote-style".into(),
            severity: Severity::Warning,
            summary: "quotation marks wrong for the language or mismatched".into(),
            explanation: "Each language has its quotation marks. French uses `«\u{A0}…\u{A0}»`; \
                straight `\"…\"`, English `“…”` at the top level (nested inside guillemets they are \
                fine) and German `„…“` are flagged. English uses `“…”` (or straight quotes): guillemets \
                are flagged, and when a document mixes straight and curly pairs the minority is \
                flagged (`mixed`). German uses `„…“`: English `“…”` and `„…”` are flagged. In every \
                one of these languages a pair opened with one family and closed with another \
                (`« tournant historique”`) is a `mismatch`. Marks are paired on their line, their role \
                (opening or closing) read from the neighbouring characters; unpaired marks are left \
                to `punctuation/unbalanced-delimiters`, and `\"` after a digit (`5\"`, inches) is not a \
                quote. The suggestion rewrites the whole quotation."
                .into(),
            flagged: examples(&[
                ("fr", "Il a parlé d’un \"tournant historique\" pour le pays."),
                ("fr", "Il a parlé d’un « tournant historique” pour le pays."),
                ("en", "He called it « a historic turning point » for the country."),
                ("de", "Er sprach von einem “historischen Wendepunkt” für das Land."),
            ]),
            allowed: examples(&[
                ("fr", "Il a parlé d’un « tournant historique » pour le pays."),
                ("en", "He called it a “historic turning point” for the country."),
                ("fr", "Il a dit\u{A0}: «\u{A0}C’est un “tournant” pour nous\u{A0}»."),
                ("de", "Er sprach von einem „historischen Wendepunkt“ für das Land."),
                ("en", "The screen measures 55\" across, he said."),
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
        let pairs = collect_pairs(text, &cx.an.tokens);
        if pairs.is_empty() {
            return;
        }
        let (straight, curly) =
            pairs
                .iter()
                .fold((0usize, 0usize), |(s, c), p| match (p.open.q, p.close.q) {
                    (Q::Straight, Q::Straight) => (s + 1, c),
                    (Q::Left, Q::Right) => (s, c + 1),
                    _ => (s, c),
                });
        for p in &pairs {
            let span = Span::new(p.open.span.start, p.close.span.end);
            let inner = text
                .get(p.open.span.end as usize..p.close.span.start as usize)
                .unwrap_or("");
            let quoted = span.text(text);
            let (o, c) = (p.open.q, p.close.q);
            let same_family = matches!(
                (o, c),
                (Q::Straight, Q::Straight)
                    | (Q::Guillemet, Q::Guillemet)
                    | (Q::Left, Q::Right)
                    | (Q::Low, Q::Left)
            );
            if !same_family {
                let fix = match (lang, o) {
                    (Lang::FR, _) => french(inner),
                    (Lang::DE, _) => german(inner),
                    (Lang::EN, _) => english(inner),
                    (_, Q::Guillemet) => format!("«{}»", inner.trim()),
                    _ => english(inner),
                };
                out.report_kind(
                    "mismatch",
                    false,
                    span,
                    format!(
                        "quotation opened with `{}` and closed with `{}`",
                        p.open.span.text(text),
                        p.close.span.text(text)
                    ),
                    Some(fix),
                );
                continue;
            }
            match lang {
                Lang::FR => {
                    let wrong = match o {
                        Q::Straight => Some("straight quotes"),
                        Q::Left if !p.in_guillemets => Some("curly quotes `“ ”` at the top level"),
                        Q::Low => Some("low quotes `„ “`"),
                        _ => None,
                    };
                    if let Some(what) = wrong {
                        out.report_fix(
                            span,
                            format!("{what} in French text: `{quoted}`; French uses `« »`"),
                            french(inner),
                        );
                    }
                }
                Lang::EN => {
                    if o == Q::Guillemet || o == Q::Low {
                        out.report_fix(
                            span,
                            format!("`{}` quotes in English text", p.open.span.text(text)),
                            english(inner),
                        );
                    } else if straight > 0 && curly > 0 {
                        let minority_straight = straight <= curly;
                        if minority_straight && o == Q::Straight {
                            out.report_kind(
                                "mixed",
                                false,
                                span,
                                format!(
                                    "straight quotes while this document mostly uses curly ones \
                                     ({straight} to {curly})"
                                ),
                                Some(english(inner)),
                            );
                        } else if !minority_straight && o == Q::Left {
                            out.report_kind(
                                "mixed",
                                false,
                                span,
                                format!(
                                    "curly quotes while this document mostly uses straight ones \
                                     ({curly} to {straight})"
                                ),
                                Some(format!("\"{inner}\"")),
                            );
                        }
                    }
                }
                Lang::DE if o == Q::Left => {
                    out.report_fix(
                        span,
                        "quotes `“ ”` in German text; German uses `„ “`",
                        german(inner),
                    );
                }
                _ => {}
            }
        }
    }
}

fn french(inner: &str) -> String {
    format!("«\u{A0}{}\u{A0}»", inner.trim())
}

fn english(inner: &str) -> String {
    format!("“{}”", inner.trim())
}

fn german(inner: &str) -> String {
    format!("„{}“", inner.trim())
}

/// Pairs quote marks line by line with a stack; unpaired marks are dropped.
fn collect_pairs(text: &str, tokens: &[Token]) -> Vec<Pair> {
    let mut pairs = Vec::new();
    let mut stack: Vec<Mark> = Vec::new();
    for tok in tokens {
        match tok.kind {
            TokenKind::Newline => stack.clear(),
            TokenKind::Punct => {
                let Some(q) = quote_of(text, tok) else {
                    continue;
                };
                let Some(r) = role(text, tok, q) else {
                    continue;
                };
                let mark = Mark {
                    q,
                    span: tok.span(),
                };
                match r {
                    Role::Open => stack.push(mark),
                    Role::Close => {
                        // A German `“` closes a `„`; an English `“` never closes anything else.
                        if q == Q::Left && stack.last().is_none_or(|m| m.q != Q::Low) {
                            continue;
                        }
                        if let Some(open) = stack.pop() {
                            let in_guillemets = stack.iter().any(|m| m.q == Q::Guillemet);
                            pairs.push(Pair {
                                open,
                                close: mark,
                                in_guillemets,
                            });
                        }
                    }
                }
            }
            _ => {}
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_allows, assert_flags, run};

    #[test]
    fn catalog_cases() {
        let r = QuoteStyle;
        assert_flags(
            &r,
            Lang::FR,
            "Il a parlé d’un \"tournant historique\" pour le pays.",
            &["\"tournant historique\""],
        );
        assert_flags(
            &r,
            Lang::FR,
            "Il a parlé d’un « tournant historique” pour le pays.",
            &["« tournant historique”"],
        );
        assert_allows(
            &r,
            Lang::FR,
            "Il a parlé d’un « tournant historique » pour le pays.",
        );
        assert_allows(
            &r,
            Lang::EN,
            "He called it a “historic turning point” for the country.",
        );
    }

    #[test]
    fn french() {
        let r = QuoteStyle;
        let found = run(&r, Lang::FR, "Un \"tournant\" ici.");
        assert_eq!(
            found[0].suggestion.as_deref(),
            Some("«\u{A0}tournant\u{A0}»")
        );
        assert_flags(
            &r,
            Lang::FR,
            "Le slogan “Make it great” a plu.",
            &["“Make it great”"],
        );
        assert_flags(&r, Lang::FR, "Le mot „Wende“ est allemand.", &["„Wende“"]);
        assert_allows(
            &r,
            Lang::FR,
            "Il a dit\u{A0}: «\u{A0}C’est un “tournant” pour nous\u{A0}».",
        );
        assert_allows(&r, Lang::FR, "Un écran de 55\" et un \" seul.");
    }

    #[test]
    fn english() {
        let r = QuoteStyle;
        assert_flags(
            &r,
            Lang::EN,
            "He said « We will stay ».",
            &["« We will stay »"],
        );
        let text = "He said “yes” and “no” but \"maybe\" too.";
        let found = run(&r, Lang::EN, text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span.text(text), "\"maybe\"");
        assert_eq!(found[0].kind, Some("mixed"));
        assert_eq!(found[0].suggestion.as_deref(), Some("“maybe”"));
        assert_allows(&r, Lang::EN, "He said \"yes\" and \"no\", then left.");
        assert_flags(&r, Lang::EN, "He said “yes» then.", &["“yes»"]);
    }

    #[test]
    fn german() {
        let r = QuoteStyle;
        assert_flags(
            &r,
            Lang::DE,
            "Er sagte “ja” und „nein”.",
            &["“ja”", "„nein”"],
        );
        assert_allows(&r, Lang::DE, "Er sagte „ja“ und ‚nein‘.");
        assert_allows(&r, Lang::IT, "Disse \"sì\" e “no” e «forse».");
        assert_flags(&r, Lang::ES, "Dijo «sí” y “no».", &["«sí”", "“no»"]);
        let found = run(&r, Lang::ES, "Dijo «sí”.");
        assert_eq!(found[0].suggestion.as_deref(), Some("«sí»"));
    }
}
