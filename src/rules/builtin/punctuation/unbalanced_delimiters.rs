//! `punctuation/unbalanced-delimiters`: a bracket or quotation mark opened and never closed, or
//! closed without being opened. Brackets balance within a paragraph; quotations may run over
//! several paragraphs (French and English reopen them at each paragraph start).

use crate::diagnostic::Severity;
use crate::lang::Lang;
use crate::rules::builtin::typography::{first_char, is_emoticon_at, quote_opens};
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};
use crate::span::Span;
use crate::tokenize::{Token, TokenKind};

pub struct UnbalancedDelimiters;

/// A quotation left open is carried over this many paragraph breaks (sentence-per-line text
/// splits one quotation over several lines) before it is reported.
const QUOTE_CARRY: u32 = 8;

/// A bracket left open is carried over this many paragraph breaks: sentence-per-line text and
/// abbreviations mistaken for sentence ends (`(U.S.` / `Senate Committee…)`) split a parenthesis.
const BRACKET_CARRY: u32 = 2;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Fam {
    Paren,
    Bracket,
    Brace,
    /// `« »`
    Guillemet,
    /// `“ ” „ "`
    Double,
    /// `‘ ’` (`‚ ‘` in German)
    Single,
}

impl Fam {
    fn is_quote(self) -> bool {
        matches!(self, Fam::Guillemet | Fam::Double | Fam::Single)
    }
}

#[derive(Clone, Copy, Debug)]
struct Open {
    fam: Fam,
    span: Span,
    /// Index of the paragraph (non-blank line) that opened or last reopened it.
    para: u32,
}

/// What a punctuation token does.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Act {
    Open,
    Close,
    /// A list label (`a)`, `1)`): closes a bracket if one is open, else is no bracket at all.
    Label,
}

/// What a punctuation token does to which family.
fn classify(text: &str, tokens: &[Token], i: usize, german: bool) -> Option<(Fam, Act)> {
    let tok = &tokens[i];
    let c = first_char(text, tok);
    let (s, e) = (tok.start as usize, tok.end as usize);
    let r = match c {
        '(' => (Fam::Paren, true),
        ')' => (Fam::Paren, false),
        '[' => (Fam::Bracket, true),
        ']' => (Fam::Bracket, false),
        '{' => (Fam::Brace, true),
        '}' => (Fam::Brace, false),
        '«' => (Fam::Guillemet, true),
        '»' => (Fam::Guillemet, false),
        '„' => (Fam::Double, true),
        '"' | '“' | '”' => (Fam::Double, quote_opens(text, s, e)?),
        '‚' if german => (Fam::Single, true),
        '‘' if german => (Fam::Single, false),
        '‘' if !german => {
            // `‘90s` is an abbreviated year, not a quotation.
            let digit_next = text
                .get(e..)
                .and_then(|t| t.chars().next())
                .is_some_and(|c| c.is_ascii_digit());
            if digit_next || !quote_opens(text, s, e)? {
                return None;
            }
            (Fam::Single, true)
        }
        '’' if !german => (Fam::Single, false),
        _ => return None,
    };
    if matches!(c, '(' | ')') && is_emoticon_at(text, s) {
        return None;
    }
    if c == ')' || c == ']' {
        // List labels: `a)`, `1)`, `iv)` after a space or at a line start.
        let prev = i.checked_sub(1).and_then(|k| tokens.get(k))?;
        let before_prev = i.checked_sub(2).and_then(|k| tokens.get(k));
        let label = match prev.kind {
            TokenKind::Number => prev.span().len() <= 3,
            TokenKind::Word => {
                let w = prev.text(text);
                w.chars().count() == 1
                    || matches!(w, "ii" | "iii" | "iv" | "vi" | "vii" | "viii" | "ix")
            }
            _ => false,
        };
        if label
            && before_prev.is_none_or(|t| matches!(t.kind, TokenKind::Space | TokenKind::Newline))
        {
            return Some((r.0, Act::Label));
        }
    }
    Some((r.0, if r.1 { Act::Open } else { Act::Close }))
}

impl Rule for UnbalancedDelimiters {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "punctuation/unbalanced-delimiters".into(),
            severity: Severity::Warning,
            summary: "a bracket or quotation mark that is never closed, or closes nothing".into(),
            explanation: "Brackets `( ) [ ] { }` must balance within their paragraph; one left open \
                may still be closed in the next two (text with one sentence per line splits \
                parentheses). Quotation marks `« »`, `“ ” „ \"` and single `‘ ’` may run over \
                paragraphs: a quotation still open at a paragraph end is carried on (a new paragraph \
                reopening it with `«`, `“` or `»` continues it) and reported when it stays unclosed for \
                eight paragraphs or until the end of the document. `’` counts as a closing quote only after an opening `‘` (otherwise it \
                is an apostrophe); the role of straight and curly double quotes is read from their \
                neighbours, and `\"` after a digit is an inch mark. List labels (`a)`, `1)`, `iv)`) \
                close a bracket only when one is open, and emoticons are not brackets. A mark left open in the last paragraph of a document that \
                does not end with final punctuation suggests a truncated text: kind `at-end`, an error."
                .into(),
            flagged: examples(&[
                ("fr", "Le ministre (qui avait démissionné en 2020 a été réintégré."),
                ("fr", "Il a dénoncé une « trahison, puis il a quitté la salle."),
                ("en", "The minister said the plan was ready]."),
                ("fr", "Il a déclaré : « Nous allons"),
            ]),
            allowed: examples(&[
                ("fr", "Le ministre (qui avait démissionné en 2020) a été réintégré."),
                ("fr", "Les critères sont : a) l’âge ; b) le revenu."),
                ("fr", "«\u{A0}Nous partirons.\n\n«\u{A0}Et nous reviendrons\u{A0}», a-t-il dit."),
                ("en", "It was great :) and ‘rock ’n’ roll’ in the ‘90s, a 55\" screen."),
            ]),
            languages: Vec::new(),
            default_enabled: true,
            origin: file!().into(),
        }
    }

    fn check(&self, cx: &Ctx<'_>, out: &mut Sink<'_>) {
        let text = cx.text();
        let tokens = &cx.an.tokens;
        let german = cx.an.lang == Lang::DE;
        let mut open: Vec<Open> = Vec::new();
        let mut para = 0u32;
        // Whether the current line has had a non-space token yet (then it is a paragraph line).
        let mut line_started = false;
        let mut next = 0usize;
        while let Some(rest) = tokens.get(next..) {
            // Once the line has started, only punctuation and line breaks matter: the other tokens
            // are skipped in one tight scan (before that, only spaces are).
            let skip = if line_started {
                rest.iter()
                    .position(|t| matches!(t.kind, TokenKind::Punct | TokenKind::Newline))
            } else {
                rest.iter().position(|t| t.kind != TokenKind::Space)
            };
            let Some(i) = skip.map(|k| next + k) else {
                break;
            };
            next = i + 1;
            let tok = &tokens[i];
            match tok.kind {
                TokenKind::Newline => {
                    if line_started {
                        end_paragraph(&mut open, para, text, out);
                        para += 1;
                    }
                    line_started = false;
                    continue;
                }
                TokenKind::Space => continue,
                TokenKind::Punct => {}
                _ => {
                    line_started = true;
                    continue;
                }
            }
            let first_on_line = !line_started;
            line_started = true;
            // Every delimiter starts with an ASCII bracket or `"`, or with the lead byte of `« »`
            // (0xC2) or of `“ ” „ ‚ ‘ ’` (0xE2): other punctuation (`.`, `,`, `:`…) leaves here,
            // undecoded.
            if !text.as_bytes().get(tok.start as usize).is_some_and(|&b| {
                matches!(
                    b,
                    b'(' | b')' | b'[' | b']' | b'{' | b'}' | b'"' | 0xC2 | 0xE2
                )
            }) {
                continue;
            }
            let Some((fam, act)) = classify(text, tokens, i, german) else {
                continue;
            };
            let opens = act == Act::Open;
            if first_on_line && fam.is_quote() {
                // A paragraph reopening a carried quotation continues it (`«` or `“` again, or a
                // French `»` at the start of a continued paragraph).
                if let Some(o) = open
                    .iter_mut()
                    .rev()
                    .find(|o| o.fam == fam && o.para < para)
                    && (opens || fam == Fam::Guillemet)
                {
                    o.para = para;
                    continue;
                }
            }
            if opens {
                open.push(Open {
                    fam,
                    span: tok.span(),
                    para,
                });
                continue;
            }
            if let Some(k) = open.iter().rposition(|o| o.fam == fam) {
                open.remove(k);
                continue;
            }
            if fam == Fam::Single || act == Act::Label {
                // A `’` with no `‘` open is an apostrophe; `a)` with no `(` open a list label.
                continue;
            }
            let c = tok.text(text);
            out.report_kind(
                "unopened",
                false,
                tok.span(),
                format!("`{c}` closes nothing"),
                None,
            );
        }
        if line_started {
            para += 1;
        }
        // What is still open at the end of the document.
        let trimmed = text.trim_end();
        let ends_cleanly = trimmed
            .chars()
            .next_back()
            .is_some_and(|c| ".!?…»”\")]'’".contains(c));
        let last_para = para.saturating_sub(1);
        for o in open {
            let c = o.span.text(text);
            if o.para == last_para && !ends_cleanly {
                out.report_kind(
                    "at-end",
                    true,
                    o.span,
                    format!("`{c}` is never closed and the text stops: truncated?"),
                    None,
                );
            } else {
                out.report_kind(
                    "unclosed",
                    false,
                    o.span,
                    format!("`{c}` is never closed"),
                    None,
                );
            }
        }
    }
}

/// At a paragraph end: brackets and quotations carried too long are reported.
fn end_paragraph(open: &mut Vec<Open>, para: u32, text: &str, out: &mut Sink<'_>) {
    open.retain(|o| {
        let carry = if o.fam.is_quote() {
            QUOTE_CARRY
        } else {
            BRACKET_CARRY
        };
        let keep = para - o.para < carry;
        if !keep {
            let c = o.span.text(text);
            let msg = format!("`{c}` is not closed in this paragraph or the next {carry}");
            out.report_kind("unclosed", false, o.span, msg, None);
        }
        keep
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_allows, assert_flags, run};

    #[test]
    fn catalog_cases() {
        let r = UnbalancedDelimiters;
        assert_flags(
            &r,
            Lang::FR,
            "Le ministre (qui avait démissionné en 2020 a été réintégré.",
            &["("],
        );
        assert_flags(
            &r,
            Lang::FR,
            "Il a dénoncé une « trahison, puis il a quitté la salle.",
            &["«"],
        );
        assert_allows(
            &r,
            Lang::FR,
            "Le ministre (qui avait démissionné en 2020) a été réintégré.",
        );
        assert_allows(&r, Lang::FR, "Les critères sont : a) l’âge ; b) le revenu.");
    }

    #[test]
    fn closers_and_truncation() {
        let r = UnbalancedDelimiters;
        assert_flags(&r, Lang::EN, "The plan was ready].", &["]"]);
        assert_flags(&r, Lang::EN, "He left.) Then \"no\" came.", &[")"]);
        let found = run(&r, Lang::FR, "Il a déclaré : « Nous allons");
        assert_eq!(found[0].kind, Some("at-end"));
        assert_eq!(found[0].severity, Severity::Error);
        let found = run(&r, Lang::FR, "Il a dit (oui.\n\nPuis il est parti.");
        assert_eq!(found[0].kind, Some("unclosed"));
        // A parenthesis split by a sentence break is closed on the next line.
        assert_allows(
            &r,
            Lang::EN,
            "The committee (U.S.\nSenate Committee on Energy) met.",
        );
        assert_flags(
            &r,
            Lang::FR,
            "Il a dit (oui.\nUn.\nDeux.\nTrois (vrai).",
            &["("],
        );
        assert_eq!(found[0].severity, Severity::Warning);
    }

    #[test]
    fn multi_paragraph_quotations() {
        let r = UnbalancedDelimiters;
        assert_allows(
            &r,
            Lang::FR,
            "«\u{A0}Nous partirons.\n\n«\u{A0}Et nous reviendrons.\n\n»\u{A0}Toujours\u{A0}», a-t-il dit.",
        );
        assert_allows(&r, Lang::EN, "“We will go.\n\n“And we will stay,” he said.");
        // Sentence-per-line text: a quotation over two lines.
        assert_allows(&r, Lang::EN, "\"We will go.\nAnd we will stay,\" he said.");
        // Carried too long.
        assert_flags(
            &r,
            Lang::FR,
            "Il dit « oui.\nA.\nB.\nC.\nD.\nE.\nF.\nG.\nH.\nI.\nJ.",
            &["«"],
        );
    }

    #[test]
    fn quotes_apostrophes_and_emoticons() {
        let r = UnbalancedDelimiters;
        assert_allows(
            &r,
            Lang::EN,
            "It was great :) and ‘rock ’n’ roll’ in the ‘90s, a 55\" screen, the students’ union.",
        );
        assert_allows(
            &r,
            Lang::DE,
            "Er sagte „ja“ und ‚nein‘, dann (1) und 2) fertig.",
        );
        assert_allows(
            &r,
            Lang::EN,
            "See [1] and (a) or {x} on Saturday (September 29) here (page 8).",
        );
        assert_flags(&r, Lang::EN, "He said “yes and left.", &["“"]);
    }
}
