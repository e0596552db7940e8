//! Sentence splitting over the token stream.
//!
//! A sentence never crosses a line break. Within a line, a sentence ends after a run of terminal
//! punctuation (`.`, `!`, `?`, `…`) and the closing quotes or brackets that follow it, when what
//! follows is whitespace and then a character that is not lowercase, or the end of the line. A
//! period does not end a sentence after an abbreviation of the language's list, after a single
//! capital initial (`J. Smith`), or after the last letter of a dotted acronym (`U.S.`, `e.g.`);
//! a period inside a number (`2.5`) is never followed by whitespace and so never ends one.

use hashbrown::HashSet;
use std::sync::OnceLock;

use super::{Sentence, Token, TokenKind};
use crate::lang::Lang;
use crate::span::Span;

const FR_ABBREV: &str = include_str!("../lang/data/fr/abbrev.txt");
const EN_ABBREV: &str = include_str!("../lang/data/en/abbrev.txt");

/// The entries of an abbreviation file: one per line, `#` comments and blank lines skipped.
fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

struct AbbrevList {
    /// The entries as written in the data file.
    list: Vec<&'static str>,
    /// The entries without their trailing period, for look-up.
    keys: HashSet<&'static str>,
}

impl AbbrevList {
    fn new(sources: &[&'static str]) -> AbbrevList {
        let mut list: Vec<&'static str> = Vec::new();
        for src in sources {
            for e in entries(src) {
                if !list.contains(&e) {
                    list.push(e);
                }
            }
        }
        let keys = list.iter().map(|e| e.trim_end_matches('.')).collect();
        AbbrevList { list, keys }
    }
}

fn abbrev_list(lang: Lang) -> &'static AbbrevList {
    static FR: OnceLock<AbbrevList> = OnceLock::new();
    static EN: OnceLock<AbbrevList> = OnceLock::new();
    static OTHER: OnceLock<AbbrevList> = OnceLock::new();
    if lang == Lang::FR {
        FR.get_or_init(|| AbbrevList::new(&[FR_ABBREV]))
    } else if lang == Lang::EN {
        EN.get_or_init(|| AbbrevList::new(&[EN_ABBREV]))
    } else {
        OTHER.get_or_init(|| AbbrevList::new(&[FR_ABBREV, EN_ABBREV]))
    }
}

/// The abbreviations after which a period does not end a sentence, as listed in
/// `src/lang/data/<lang>/abbrev.txt` (case-sensitive; a trailing period is optional when matching).
/// French and English have their own lists; any other language, or `und`, gets both.
pub fn abbreviations(lang: Lang) -> &'static [&'static str] {
    abbrev_list(lang).list.as_slice()
}

fn is_terminal(s: &str) -> bool {
    matches!(s, "." | "!" | "?" | "…")
}

fn is_closer(s: &str) -> bool {
    matches!(s, "»" | "”" | "\"" | ")" | "]" | "’" | "'" | "›")
}

/// Closing quotes that French typography separates from the preceding text by a (no-break) space.
fn is_spaced_closer(s: &str) -> bool {
    matches!(s, "»" | "›")
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '«' | '‹' | '“' | '‘' | '„' | '"' | '\'' | '¿' | '¡'
    )
}

/// A token that ends a line for sentence purposes: a `Newline`, or a vertical break (VT, FF, NEL,
/// U+2028, U+2029) which the tokenizer makes a `Symbol`. Inlined: it is asked of every token, and
/// the kind alone answers for nearly all of them.
#[inline]
fn is_break(tok: &Token, text: &str) -> bool {
    match tok.kind {
        TokenKind::Newline => true,
        TokenKind::Symbol => is_vertical_break(tok.text(text)),
        _ => false,
    }
}

fn is_vertical_break(symbol: &str) -> bool {
    matches!(
        symbol,
        "\u{0B}" | "\u{0C}" | "\u{85}" | "\u{2028}" | "\u{2029}"
    )
}

/// Splits the text into sentences; `tokens` tile `text`.
pub(super) fn split(text: &str, tokens: &[Token], lang: Lang) -> Vec<Sentence> {
    let abbrev = abbrev_list(lang);
    let mut out = Vec::with_capacity(tokens.len() / 24 + 1);
    let mut line_start = 0usize;
    for (i, tok) in tokens.iter().enumerate() {
        if is_break(tok, text) {
            split_line(text, tokens, line_start, i, abbrev, &mut out);
            line_start = i + 1;
        }
    }
    split_line(text, tokens, line_start, tokens.len(), abbrev, &mut out);
    out
}

/// Splits the tokens `[start, end)` of one line.
fn split_line(
    text: &str,
    tokens: &[Token],
    start: usize,
    end: usize,
    abbrev: &AbbrevList,
    out: &mut Vec<Sentence>,
) {
    let kind = |i: usize| tokens.get(i).map(|t| t.kind);
    let tok_text = |i: usize| tokens.get(i).map_or("", |t| t.text(text));
    let mut sent_start = start;
    let mut i = start;
    while i < end {
        if kind(i) != Some(TokenKind::Punct) || !is_terminal(tok_text(i)) {
            i += 1;
            continue;
        }
        // The terminal run and its closers: `[i, k)`.
        let mut k = i + 1;
        let mut single_period = tok_text(i) == ".";
        while k < end {
            let t = tok_text(k);
            if kind(k) == Some(TokenKind::Punct) && (is_terminal(t) || is_closer(t)) {
                k += 1;
            } else if kind(k) == Some(TokenKind::Space)
                && k + 1 < end
                && is_spaced_closer(tok_text(k + 1))
            {
                k += 2;
            } else {
                break;
            }
            single_period = false;
        }
        let ends = if k >= end {
            true
        } else if kind(k) == Some(TokenKind::Space) {
            k + 1 >= end
                || !tok_text(k + 1)
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase)
        } else {
            false
        };
        if ends && !(single_period && period_continues(text, tokens, start, i, abbrev)) {
            push_sentence(tokens, sent_start, k, out);
            sent_start = k;
        }
        i = k;
    }
    push_sentence(tokens, sent_start, end, out);
}

/// True when the period at token `dot` belongs to an abbreviation, an initial or a dotted
/// acronym rather than ending a sentence. `line_start` bounds the look-back.
fn period_continues(
    text: &str,
    tokens: &[Token],
    line_start: usize,
    dot: usize,
    abbrev: &AbbrevList,
) -> bool {
    if dot <= line_start {
        return false;
    }
    let Some(prev) = tokens.get(dot - 1) else {
        return false;
    };
    if prev.kind == TokenKind::Word {
        let mut chars = prev.text(text).chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            // A single capital initial (`J.`), or the last letter of a dotted acronym (`e.g.`).
            if c.is_uppercase() {
                return true;
            }
            let before = dot.checked_sub(2).filter(|&b| b >= line_start);
            if before.is_some_and(|b| tokens.get(b).is_some_and(|t| t.text(text) == ".")) {
                return true;
            }
        }
    }
    // The chunk of non-space tokens ending at the period, without leading opening punctuation.
    let mut first = dot;
    while first > line_start
        && tokens
            .get(first - 1)
            .is_some_and(|t| t.kind != TokenKind::Space && !is_break(t, text))
    {
        first -= 1;
    }
    let (Some(a), Some(b)) = (tokens.get(first), tokens.get(dot)) else {
        return false;
    };
    let chunk = Span::new(a.start, b.start).text(text);
    let chunk = chunk.trim_start_matches(is_opener);
    if chunk.is_empty() {
        return false;
    }
    if abbrev.keys.contains(chunk) {
        return true;
    }
    // A capitalised form of a lowercase entry, at the start of a sentence (`Etc.`, `Av.`).
    let mut chars = chunk.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => {
            let mut lower: String = c.to_lowercase().collect();
            lower.push_str(chars.as_str());
            abbrev.keys.contains(lower.as_str())
        }
        _ => false,
    }
}

/// Pushes the sentence of tokens `[start, end)` trimmed of space tokens, if any remain.
fn push_sentence(tokens: &[Token], mut start: usize, mut end: usize, out: &mut Vec<Sentence>) {
    while start < end
        && tokens
            .get(start)
            .is_some_and(|t| t.kind == TokenKind::Space)
    {
        start += 1;
    }
    while end > start
        && tokens
            .get(end - 1)
            .is_some_and(|t| t.kind == TokenKind::Space)
    {
        end -= 1;
    }
    if start >= end {
        return;
    }
    let (Some(a), Some(b)) = (tokens.get(start), tokens.get(end - 1)) else {
        return;
    };
    out.push(Sentence {
        span: Span::new(a.start, b.end),
        tokens: start as u32..end as u32,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str, lang: Lang) -> Vec<&str> {
        let mut tokens = Vec::new();
        super::super::tokenize(text, &mut tokens);
        split(text, &tokens, lang)
            .iter()
            .map(|s| s.span.text(text))
            .collect()
    }

    #[test]
    fn splits_on_terminal_punctuation() {
        assert_eq!(
            sentences("Il pleut. Il vente ! Vraiment ? Oui…", Lang::FR),
            vec!["Il pleut.", "Il vente !", "Vraiment ?", "Oui…"]
        );
        assert_eq!(
            sentences("  Wait... What?! No.  ", Lang::EN),
            vec!["Wait...", "What?!", "No."]
        );
    }

    #[test]
    fn lowercase_continuation_does_not_split() {
        assert_eq!(
            sentences("« Viendras-tu ? » demanda-t-il. Non.", Lang::FR),
            vec!["« Viendras-tu ? » demanda-t-il.", "Non."]
        );
        assert_eq!(
            sentences("et puis… on verra.", Lang::FR),
            vec!["et puis… on verra."]
        );
    }

    #[test]
    fn closing_quotes_stay_with_the_sentence() {
        assert_eq!(
            sentences(
                "Il a dit : « C’est fini.\u{a0}» Puis il est parti.",
                Lang::FR
            ),
            vec!["Il a dit : « C’est fini.\u{a0}»", "Puis il est parti."]
        );
        assert_eq!(
            sentences("He said \"stop.\" Then (he left.) Done.", Lang::EN),
            vec!["He said \"stop.\"", "Then (he left.)", "Done."]
        );
    }

    #[test]
    fn abbreviations_initials_and_numbers() {
        assert_eq!(
            sentences(
                "M. Dupont et Mme Durand sont arrivés. MM. Martin aussi.",
                Lang::FR
            ),
            vec!["M. Dupont et Mme Durand sont arrivés.", "MM. Martin aussi."]
        );
        assert_eq!(
            sentences("En 52 av. J.-C. César gagna. Voir p. 12.", Lang::FR),
            vec!["En 52 av. J.-C. César gagna.", "Voir p. 12."]
        );
        assert_eq!(
            sentences(
                "Mr. Smith met J. Doe in the U.S. Capitol, e.g. Tuesday. It rose 2.5 percent.",
                Lang::EN
            ),
            vec![
                "Mr. Smith met J. Doe in the U.S. Capitol, e.g. Tuesday.",
                "It rose 2.5 percent."
            ]
        );
        assert_eq!(
            sentences("Apple Inc. Reported on Jan. 5. No. 3 won.", Lang::EN),
            vec!["Apple Inc. Reported on Jan. 5.", "No. 3 won."]
        );
        assert!(abbreviations(Lang::FR).contains(&"J.-C."));
        assert!(abbreviations(Lang::EN).contains(&"Mrs."));
        assert!(abbreviations(Lang::DE).contains(&"Dr."));
    }

    #[test]
    fn lines_and_titles() {
        let text = "Titre sans point\n\n  \nPremière phrase. Seconde\r\nsuite.";
        assert_eq!(
            sentences(text, Lang::FR),
            vec!["Titre sans point", "Première phrase.", "Seconde", "suite."]
        );
        assert!(sentences("", Lang::FR).is_empty());
        assert!(sentences(" \n\t\n", Lang::FR).is_empty());
    }

    #[test]
    fn token_ranges_are_trimmed() {
        let text = " Un. Deux. ";
        let mut tokens = Vec::new();
        super::super::tokenize(text, &mut tokens);
        let s = split(text, &tokens, Lang::FR);
        assert_eq!(s.len(), 2);
        for sent in &s {
            let toks = &tokens[sent.tokens.start as usize..sent.tokens.end as usize];
            assert_eq!(toks[0].start, sent.span.start);
            assert_eq!(toks[toks.len() - 1].end, sent.span.end);
            assert_ne!(toks[0].kind, TokenKind::Space);
        }
        assert_eq!(s[0].tokens, 1..3);
    }

    #[test]
    fn missing_space_does_not_split() {
        assert_eq!(
            sentences("Fin du voyage.STRAFP", Lang::FR),
            vec!["Fin du voyage.STRAFP"]
        );
    }
}
