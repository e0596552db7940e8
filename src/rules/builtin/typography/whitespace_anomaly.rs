//! `typography/whitespace-anomaly`: runs of spaces, tabs, a no-break space next to a plain one,
//! zero-width characters, soft hyphens, stray carriage returns, and indentation that varies between
//! lines (a layout leak from extraction, seed D29). Trailing spaces, runs of blank lines, mixed line
//! endings and a missing final newline are reported as information only.

use crate::diagnostic::Severity;
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};
use crate::span::Span;
use crate::tokenize::{Token, TokenKind};

use super::{char_at, char_before, is_table_line, line_around};

pub struct WhitespaceAnomaly;

/// Distinct leading-whitespace strings tracked for the indentation check (more are not needed).
const MAX_INDENTS: usize = 8;

struct Indent<'t> {
    lead: &'t str,
    lines: usize,
    /// The leading whitespace of the first line with this indentation (empty span for no indent).
    first: Span,
}

impl Rule for WhitespaceAnomaly {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "typography/whitespace-anomaly".into(),
            severity: Severity::Info,
            summary: "runs of spaces, tabs, invisible characters or varying indentation".into(),
            explanation: "Whitespace that a reader does not see but a pipeline does: two or more \
                spaces between words (`double-space`), a no-break space next to a plain one \
                (`nbsp-mix`), a tab inside a line (`tab`), zero-width characters and a byte-order mark \
                inside the text (`zero-width`), soft hyphens (`soft-hyphen`), a carriage return that \
                does not end a line (`carriage-return`), and indentation that differs between lines of \
                one document (`indentation`, reported once: the page layout leaked into the text). \
                These are warnings. Trailing spaces (`trailing-space`), two or more blank lines in a \
                row (`blank-lines`), mixed CRLF and LF line endings (`line-endings`), a document \
                indented as a whole (`leading-space`) and a file of several lines without a final \
                newline (`final-newline`) are harmless and reported as information only (the rule's \
                base severity; the other kinds raise it one level). Lines that look like tables (more \
                than 30% digits or `|`, or several tabs) are not checked for runs of spaces and tabs. \
                Zero-width joiners and non-joiners are only flagged between Latin letters: emoji \
                sequences and scripts such as Persian or Devanagari need them."
                .into(),
            flagged: examples(&[
                ("fr", "Le train est parti.\n    Le train est arrivé à la frontière.\nIl est reparti."),
                ("en", "The talks  ended without agreement."),
                ("en", "The minister\u{AD}ial meeting ended early."),
                ("fr", "Les pourparlers se sont\u{200B}achevés hier."),
                ("fr", "Il a dit\u{A0} : non."),
            ]),
            allowed: examples(&[
                ("fr", "Le train est arrivé à la frontière."),
                ("fr", "«\u{A0}Nous partirons demain\u{A0}», a-t-il dit."),
                ("en", "Line one.\nLine two.\n\nA new paragraph.\n"),
                ("en", "| 2021 | 12 | 13 |\n| 2022 |  9 | 10 |"),
            ]),
            languages: Vec::new(),
            default_enabled: true,
            origin: file!().into(),
        }
    }

    fn check(&self, cx: &Ctx<'_>, out: &mut Sink<'_>) {
        let text = cx.text();
        let tokens = &cx.an.tokens;
        let mut lines = Lines::default();
        // Whether the token before `rest` (the tokens not taken yet) ends its line.
        let at_line_end =
            |rest: &[Token]| rest.first().is_none_or(|t| t.kind == TokenKind::Newline);
        let mut toks = tokens.iter();
        while let Some(first) = toks.next() {
            // `first` starts a line.
            match first.kind {
                TokenKind::Newline => {
                    lines.newline(first, text, out);
                    continue;
                }
                TokenKind::Space if at_line_end(toks.as_slice()) => {
                    out.report_kind(
                        "trailing-space",
                        false,
                        first.span(),
                        "whitespace on an otherwise empty line",
                        Some(String::new()),
                    );
                    continue;
                }
                TokenKind::Space => {
                    // Indentation of a non-blank line; blank-line runs are not broken by it.
                    lines.content(first.start, first.text(text), first.span(), text, out);
                }
                kind => {
                    if kind == TokenKind::Symbol {
                        check_symbol(first, text, out);
                    }
                    let at = first.start;
                    lines.content(at, "", Span::new(at, at), text, out);
                }
            }
            // The rest of the line, and its line break. Most tokens are words and single spaces.
            while let Some(tok) = toks.next() {
                match tok.kind {
                    TokenKind::Newline => {
                        lines.newline(tok, text, out);
                        break;
                    }
                    TokenKind::Space => {
                        if at_line_end(toks.as_slice()) {
                            out.report_kind(
                                "trailing-space",
                                false,
                                tok.span(),
                                "trailing whitespace at the end of the line",
                                Some(String::new()),
                            );
                        } else if !is_one_space(tok, text) {
                            check_inner_space(tok, text, out);
                        }
                    }
                    TokenKind::Symbol => check_symbol(tok, text, out),
                    TokenKind::Word | TokenKind::Number | TokenKind::Punct => {}
                }
            }
        }
        report_indentation(&lines.indents, lines.nonblank, out);
        let Lines {
            crlf,
            lf,
            first_crlf,
            first_lf,
            ..
        } = lines;
        if crlf > 0 && lf > 0 {
            let (minority, kind) = if crlf < lf {
                (first_crlf, "CRLF")
            } else {
                (first_lf, "LF")
            };
            if let Some(span) = minority {
                out.report_kind(
                    "line-endings",
                    false,
                    span,
                    format!("mixed line endings: {crlf} CRLF and {lf} LF; this one is {kind}"),
                    None,
                );
            }
        }
        if cx.doc.key.record.is_none()
            && cx.an.lines.len() >= 3
            && !text.is_empty()
            && !text.ends_with('\n')
        {
            let end = text.len();
            out.report_kind(
                "final-newline",
                false,
                Span::from_usize(end, end),
                "the file does not end with a line break",
                Some("\n".into()),
            );
        }
    }
}

/// What the check keeps across lines: line breaks and indentation.
#[derive(Default)]
struct Lines<'t> {
    indents: Vec<Indent<'t>>,
    nonblank: usize,
    /// Consecutive line breaks, and where the second of them is.
    newline_run: usize,
    run_start: u32,
    crlf: usize,
    lf: usize,
    first_crlf: Option<Span>,
    first_lf: Option<Span>,
}

impl<'t> Lines<'t> {
    fn newline(&mut self, tok: &Token, text: &str, out: &mut Sink<'_>) {
        match tok.text(text) {
            "\r" => out.report_kind(
                "carriage-return",
                true,
                tok.span(),
                "carriage return inside the text: a line break from another system",
                Some("\n".into()),
            ),
            "\r\n" => {
                self.crlf += 1;
                self.first_crlf.get_or_insert(tok.span());
            }
            _ => {
                self.lf += 1;
                self.first_lf.get_or_insert(tok.span());
            }
        }
        self.newline_run += 1;
        if self.newline_run == 2 {
            self.run_start = tok.start;
        }
    }

    /// A non-blank line whose first token starts at `start`: `lead` is its indentation (that
    /// token, a space run, whose span is `span`) or empty (`span` is then empty, at `start`).
    fn content(&mut self, start: u32, lead: &'t str, span: Span, text: &str, out: &mut Sink<'_>) {
        close_blank_run(&mut self.newline_run, self.run_start, start, text, out);
        self.nonblank += 1;
        note_indent(&mut self.indents, lead, span, text);
    }
}

/// Reports a run of three or more line breaks (two or more blank lines) that ends at `end`; the
/// span starts at the second break, so it holds exactly the blank lines.
fn close_blank_run(run: &mut usize, start: u32, end: u32, text: &str, out: &mut Sink<'_>) {
    if *run >= 3 {
        let span = Span::new(start, end);
        // Keep only the line breaks in the span: spaces on blank lines are reported apart.
        let blank = span.text(text).matches('\n').count();
        out.report_kind(
            "blank-lines",
            false,
            span,
            format!("{blank} blank lines in a row"),
            Some("\n".into()),
        );
    }
    *run = 0;
}

fn note_indent<'t>(indents: &mut Vec<Indent<'t>>, lead: &'t str, span: Span, text: &str) {
    if !lead.is_empty() {
        let line = line_around(text, span.start as usize);
        if is_table_line(line) || is_markup_line(line.trim_start()) {
            return;
        }
    }
    if let Some(e) = indents.iter_mut().find(|e| e.lead == lead) {
        e.lines += 1;
    } else if indents.len() < MAX_INDENTS {
        indents.push(Indent {
            lead,
            lines: 1,
            first: span,
        });
    }
}

/// A Markdown list item, quotation or code fence, where indentation is structure (`  - item`).
fn is_markup_line(rest: &str) -> bool {
    let b = rest.as_bytes();
    match b.first() {
        Some(b'-' | b'*' | b'+' | b'>') => b.get(1).is_none_or(|c| *c == b' '),
        Some(b'`') => rest.starts_with("```"),
        Some(c) if c.is_ascii_digit() => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            matches!(b.get(digits), Some(b'.' | b')'))
                && b.get(digits + 1).is_none_or(|c| *c == b' ')
        }
        _ => false,
    }
}

fn describe(lead: &str) -> String {
    if lead.is_empty() {
        return "no indent".into();
    }
    let spaces = lead.chars().filter(|&c| c == ' ').count();
    let tabs = lead.chars().filter(|&c| c == '\t').count();
    let other = lead.chars().count() - spaces - tabs;
    let mut parts = Vec::new();
    for (n, one, many) in [
        (spaces, "space", "spaces"),
        (tabs, "tab", "tabs"),
        (other, "other space", "other spaces"),
    ] {
        match n {
            0 => {}
            1 => parts.push(format!("1 {one}")),
            n => parts.push(format!("{n} {many}")),
        }
    }
    parts.join(" + ")
}

fn report_indentation(indents: &[Indent<'_>], nonblank: usize, out: &mut Sink<'_>) {
    match indents {
        [] => {}
        [only] => {
            if !only.lead.is_empty() {
                out.report_kind(
                    "leading-space",
                    false,
                    only.first,
                    format!(
                        "every line is indented ({}): leading whitespace is usually a layout leak",
                        describe(only.lead)
                    ),
                    Some(String::new()),
                );
            }
        }
        [first, ..] => {
            // Unindented lines are the norm when there are any; else the first line's indent.
            let norm = indents
                .iter()
                .find(|e| e.lead.is_empty())
                .unwrap_or(first)
                .lead;
            let Some(odd) = indents.iter().find(|e| e.lead != norm) else {
                return;
            };
            let mut widths: Vec<(u32, String)> = indents
                .iter()
                .map(|e| (e.first.start, describe(e.lead)))
                .collect();
            widths.sort();
            let list: Vec<String> = widths.into_iter().map(|(_, d)| d).collect();
            let indented: usize = indents
                .iter()
                .filter(|e| !e.lead.is_empty())
                .map(|e| e.lines)
                .sum();
            out.report_kind(
                "indentation",
                true,
                odd.first,
                format!(
                    "indentation varies between lines ({}; {indented} of {nonblank} lines indented): \
                     the page layout leaked into the text",
                    list.join(", ")
                ),
                Some(norm.to_string()),
            );
        }
    }
}

/// Whether a space token is a single plain space (compared as bytes).
fn is_one_space(tok: &Token, text: &str) -> bool {
    tok.end == tok.start + 1 && text.as_bytes().get(tok.start as usize) == Some(&b' ')
}

/// A space run inside a line, other than a single plain space: several spaces, a tab, or plain and
/// no-break spaces mixed.
fn check_inner_space(tok: &Token, text: &str, out: &mut Sink<'_>) {
    let s = tok.text(text);
    let mut plain = 0usize;
    let mut tabs = 0usize;
    let mut nb: Option<char> = None;
    let mut chars = 0usize;
    for c in s.chars() {
        chars += 1;
        match c {
            ' ' => plain += 1,
            '\t' => tabs += 1,
            '\u{A0}' | '\u{202F}' | '\u{2007}' => {
                nb.get_or_insert(c);
            }
            _ => {}
        }
    }
    if chars == 1 && tabs == 0 {
        return;
    }
    let line = line_around(text, tok.start as usize);
    if tabs > 0 {
        if line.matches('\t').count() >= 2 || is_table_line(line) {
            return;
        }
        out.report_kind(
            "tab",
            true,
            tok.span(),
            "tab inside a line",
            Some(" ".into()),
        );
        return;
    }
    if let Some(nb) = nb
        && plain > 0
    {
        let name = if nb == '\u{202F}' {
            "narrow no-break space"
        } else {
            "no-break space"
        };
        out.report_kind(
            "nbsp-mix",
            true,
            tok.span(),
            format!("a {name} next to a plain space"),
            Some(nb.to_string()),
        );
        return;
    }
    if is_table_line(line) {
        return;
    }
    let keep = s.chars().next().map(String::from).unwrap_or_default();
    out.report_kind(
        "double-space",
        true,
        tok.span(),
        format!("{chars} spaces in a row"),
        Some(keep),
    );
}

/// Invisible format characters: zero-width spaces and joiners, word joiner, BOM, soft hyphen.
fn check_symbol(tok: &Token, text: &str, out: &mut Sink<'_>) {
    // All the characters of interest are 2 or 3 bytes long and start with 0xC2 or 0xE2 or 0xEF.
    let Some(&lead) = text.as_bytes().get(tok.start as usize) else {
        return;
    };
    if !matches!(lead, 0xC2 | 0xE2 | 0xEF) {
        return;
    }
    let Some(c) = char_at(text, tok.start as usize) else {
        return;
    };
    let (kind, what) = match c {
        '\u{AD}' => ("soft-hyphen", "soft hyphen (U+00AD)"),
        '\u{200B}' => ("zero-width", "zero-width space (U+200B)"),
        '\u{2060}' => ("zero-width", "word joiner (U+2060)"),
        '\u{FEFF}' if tok.start > 0 => ("zero-width", "byte-order mark (U+FEFF) inside the text"),
        '\u{200C}' | '\u{200D}' => {
            let latin = |c: Option<char>| {
                c.is_some_and(|c| c.is_ascii_alphanumeric() || ('\u{C0}'..='\u{24F}').contains(&c))
            };
            if !(latin(char_before(text, tok.start as usize))
                && latin(char_at(text, tok.end as usize)))
            {
                return;
            }
            (
                "zero-width",
                if c == '\u{200C}' {
                    "zero-width non-joiner (U+200C) between Latin letters"
                } else {
                    "zero-width joiner (U+200D) between Latin letters"
                },
            )
        }
        _ => return,
    };
    out.report_kind(
        kind,
        true,
        tok.span(),
        format!("invisible {what}"),
        Some(String::new()),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::rules::testing::{assert_allows, assert_flags, run};

    fn kinds(text: &str) -> Vec<(String, Option<&'static str>, Severity)> {
        run(&WhitespaceAnomaly, Lang::FR, text)
            .into_iter()
            .map(|d| (d.span.text(text).to_string(), d.kind, d.severity))
            .collect()
    }

    #[test]
    fn catalog_cases() {
        let r = WhitespaceAnomaly;
        assert_flags(
            &r,
            Lang::FR,
            "Le train est parti.\n\n    Le train est arrivé à la frontière.\n\nIl est reparti.\n",
            &["    "],
        );
        assert_flags(&r, Lang::EN, "The talks  ended without agreement.", &["  "]);
        assert_allows(&r, Lang::FR, "Le train est arrivé à la frontière.");
        assert_allows(
            &r,
            Lang::FR,
            "«\u{A0}Nous partirons demain\u{A0}», a-t-il dit.",
        );
    }

    #[test]
    fn seed_like_indentation_is_reported_once() {
        let text = "Titre\n\nUn paragraphe.\n\n  • Une puce\n  • Une autre\n\n    Un corps.\n\n    Encore.\n\n    fr-01";
        let found = kinds(text);
        let ind: Vec<_> = found
            .iter()
            .filter(|f| f.1 == Some("indentation"))
            .collect();
        assert_eq!(ind.len(), 1);
        assert_eq!(ind[0].0, "  ");
        assert_eq!(ind[0].2, Severity::Warning);
        let d = run(&WhitespaceAnomaly, Lang::FR, text);
        let msg = &d
            .iter()
            .find(|d| d.kind == Some("indentation"))
            .unwrap()
            .message;
        assert!(msg.contains("no indent, 2 spaces, 4 spaces"), "{msg}");
        // No final newline in a plain multi-line file: information only.
        assert!(found.contains(&(String::new(), Some("final-newline"), Severity::Info)));
    }

    #[test]
    fn invisible_characters() {
        let r = WhitespaceAnomaly;
        assert_flags(&r, Lang::EN, "The minister\u{AD}ial meeting.", &["\u{AD}"]);
        assert_flags(&r, Lang::FR, "Il est\u{200B}parti.", &["\u{200B}"]);
        assert_flags(&r, Lang::FR, "Il est\u{FEFF} parti.", &["\u{FEFF}"]);
        assert_flags(&r, Lang::EN, "a\u{200D}b", &["\u{200D}"]);
        // Emoji sequences and Persian need zero-width joiners.
        assert_allows(&r, Lang::EN, "Family: 👨\u{200D}👩\u{200D}👧 here.");
        assert_allows(&r, Lang::UND, "می\u{200C}خواهم");
        let found = run(&r, Lang::EN, "a\u{AD}b");
        assert_eq!(found[0].suggestion.as_deref(), Some(""));
        assert_eq!(found[0].severity, Severity::Warning);
    }

    #[test]
    fn spaces_and_tabs() {
        let r = WhitespaceAnomaly;
        assert_flags(&r, Lang::FR, "Il a dit\u{A0} : non.", &["\u{A0} "]);
        let found = run(&r, Lang::FR, "Il a dit \u{202F}? Non.");
        assert_eq!(found[0].suggestion.as_deref(), Some("\u{202F}"));
        assert_flags(&r, Lang::EN, "Prices\trose.", &["\t"]);
        assert_allows(&r, Lang::EN, "Name\tAge\tCity");
        assert_allows(&r, Lang::EN, "| 2021 | 12 | 13 |\n| 2022 |  9 | 10 |\n");
        assert_allows(
            &r,
            Lang::FR,
            "Le prix\u{A0}: 12\u{202F}€, soit 3\u{A0}% de plus\u{202F}!",
        );
    }

    #[test]
    fn harmless_things_are_information() {
        let found = kinds("Une ligne. \nDeux.\n\n\n\nTrois.\r\nQuatre.\n");
        assert_eq!(
            found,
            vec![
                (" ".into(), Some("trailing-space"), Severity::Info),
                ("\n\n\n".into(), Some("blank-lines"), Severity::Info),
                ("\r\n".into(), Some("line-endings"), Severity::Info),
            ]
        );
        // A lone CR is a warning.
        let found = kinds("Un.\rDeux.\n");
        assert_eq!(found[0].1, Some("carriage-return"));
        assert_eq!(found[0].2, Severity::Warning);
        // The whole document indented the same way: information.
        let found = kinds("    Un seul paragraphe indenté.");
        assert_eq!(
            found,
            vec![("    ".into(), Some("leading-space"), Severity::Info)]
        );
    }

    #[test]
    fn a_line_can_start_with_an_invisible_character() {
        let found = kinds("Un.\n\n\n\u{200B}Deux.  Trois.\n");
        assert_eq!(
            found,
            vec![
                ("\n\n".into(), Some("blank-lines"), Severity::Info),
                ("\u{200B}".into(), Some("zero-width"), Severity::Warning),
                ("  ".into(), Some("double-space"), Severity::Warning),
            ]
        );
    }

    #[test]
    fn markdown_structure_is_not_a_layout_leak() {
        assert_allows(
            &WhitespaceAnomaly,
            Lang::EN,
            "Items:\n\n- one\n  - nested\n  1. numbered\n\n> quoted\n",
        );
    }

    #[test]
    fn clean_multiline_text_is_silent() {
        assert_allows(
            &WhitespaceAnomaly,
            Lang::FR,
            "Titre\n\nPremier paragraphe, «\u{A0}cité\u{A0}».\n\nDeuxième paragraphe\u{202F}?\n",
        );
    }
}
