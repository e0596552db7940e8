//! `mt/truncated-segment`: output cut short: a paragraph that ends mid-sentence on a function word or
//! a comma, a quotation left open at the end of the document, or (with the source) a translation much
//! shorter than its source.

use crate::diagnostic::Severity;
use crate::lang::Lang;
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};
use crate::span::Span;
use crate::tokenize::{Analysis, TokenKind};

use super::bitext::{aligned_lines, is_dense_script, non_blank_lines, source};

pub struct TruncatedSegment;

/// Words a paragraph needs before its ending is judged.
pub const MIN_WORDS: usize = 8;
/// A line shorter than this share of its source (of ≥ 10 words) is reported.
pub const MIN_LINE_RATIO: f64 = 0.5;
/// A document shorter than this share of its source is reported.
pub const MIN_DOC_RATIO: f64 = 0.7;

/// Words that cannot end a sentence: articles, prepositions, conjunctions (lowercase).
fn function_words(lang: Lang) -> &'static [&'static str] {
    match lang.as_str() {
        "fr" => &[
            "de", "du", "des", "la", "le", "les", "un", "une", "et", "ou", "à", "au", "aux",
            "pour", "avec", "que", "qu", "par", "sur", "dans", "sans", "vers", "entre", "selon",
            "mais", "donc", "car", "dont", "qui", "son", "sa", "ses", "leurs", "ce", "cette",
            "ces", "mon", "ma", "mes", "notre", "nos", "votre", "vos",
        ],
        "en" => &[
            "of", "the", "a", "an", "and", "or", "to", "for", "with", "that", "from", "into",
            "than", "nor", "its", "their", "whose",
        ],
        "de" => &[
            "der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem",
            "einen", "und", "oder", "für", "von", "dass", "zum", "zur",
        ],
        "es" => &[
            "de", "del", "la", "el", "los", "las", "un", "una", "y", "o", "para", "con", "que",
            "por",
        ],
        "it" => &[
            "di", "del", "della", "la", "il", "lo", "gli", "le", "un", "una", "e", "o", "per",
            "con", "che", "da",
        ],
        "pt" => &[
            "de", "do", "da", "dos", "das", "o", "os", "as", "um", "uma", "e", "ou", "para", "com",
            "que", "por",
        ],
        "nl" => &["de", "het", "een", "en", "of", "van", "dat"],
        _ => &[],
    }
}

/// French words that end in an apostrophe before a vowel (`l’`, `d’`, `jusqu’`).
const ELIDED: &[&str] = &[
    "l", "d", "qu", "jusqu", "lorsqu", "puisqu", "c", "j", "n", "s", "m", "t",
];

/// Salutations: a line that starts with one and ends with a comma is a greeting, not a cut.
const GREETINGS: &[&str] = &[
    "bonjour", "bonsoir", "salut", "cher", "chère", "chers", "chères", "madame", "monsieur",
    "hello", "hi", "dear", "hallo", "liebe", "lieber", "sehr", "hola", "estimado", "estimada",
    "ciao", "gentile", "caro", "cara", "olá", "beste", "geachte",
];

impl Rule for TruncatedSegment {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "mt/truncated-segment".into(),
            severity: Severity::Warning,
            summary: "output cut short: a paragraph or document ending mid-sentence".into(),
            explanation: "Translation and generation systems sometimes stop early (a length limit, a \
                time-out, a lost segment). (a) A paragraph of at least 8 words that ends without final \
                punctuation on an article, a preposition, a conjunction or a comma (`…de nouvelles \
                mesures pour les`) was cut (sub-kind `mid-sentence`, error). List items and table rows \
                are skipped, and so are lines that continue on the next line in lowercase (hard-wrapped \
                text) and documents where most long lines lack final punctuation. A first line (a \
                title) that ends this way is reported as a warning (sub-kind `title`). (b) A quotation \
                opened in the last paragraph and never closed, with no final punctuation, means the \
                end of the document is missing (`unclosed-quote`, error). (c) With the source text (the \
                record's `source` field): a line less than half as long as its source line of 10 words \
                or more, or a whole text less than 70% of its source's length (`length-ratio`, error); \
                texts in Chinese, Japanese, Korean or Thai are not compared by length."
                .into(),
            flagged: examples(&[
                ("fr", "Le gouvernement a présenté son plan.\n\nLe ministre a promis de nouvelles mesures pour les"),
                ("en", "The council met on Monday.\n\nHe said the decision would be “final and"),
                ("de", "Die Regierung hat am Montag in Berlin einen neuen Plan für die"),
            ]),
            allowed: examples(&[
                ("fr", "Le ministre a promis de nouvelles mesures."),
                ("fr", "Kim revient de Russie\n\nLe dirigeant a quitté Vladivostok mardi."),
                ("en", "Key points of the plan:\n- more money for the\n- fewer rules for"),
            ]),
            languages: Vec::new(),
            default_enabled: true,
            origin: file!().into(),
        }
    }

    fn check(&self, cx: &Ctx<'_>, out: &mut Sink<'_>) {
        let text = cx.text();
        let last_unclosed = unclosed_quote_at_end(text, &cx.an.lines, out);
        mid_sentence_endings(cx.an, last_unclosed, out);
        if let Some(src) = source(cx) {
            length_ratio(text, src, out);
        }
    }
}

fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '…' | ':' | ';' | '»' | '”' | '"' | '\'' | '’' | ')' | ']' | '›' | '“'
    )
}

/// Whether a line is a list item or a table row. `cells` is whether the document holds a tab or a
/// `|` at all (most do not, and their lines need no search for one).
fn is_list_or_table(line: &str, cells: bool) -> bool {
    let t = line.trim_start();
    if t.starts_with(['•', '-', '*', '–', '—', '·', '▪', '●', '◦', '‣', '>', '#']) {
        return true;
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits <= 3 && matches!(t.as_bytes().get(digits), Some(b'.' | b')')) {
        return true;
    }
    cells && memchr::memchr2(b'\t', b'|', line.as_bytes()).is_some()
}

/// Whether a line is blank (whitespace only). A line starting with an ASCII character other than
/// whitespace is answered without a scan.
fn is_blank(line: &str) -> bool {
    match line.as_bytes().first() {
        None => true,
        Some(&b) if b.is_ascii() && !matches!(b, b'\t'..=b'\r' | b' ') => false,
        Some(_) => line.trim().is_empty(),
    }
}

/// (a) Paragraphs ending on a function word or a comma. `skip_line` is a line already reported.
fn mid_sentence_endings(an: &Analysis<'_>, skip_line: Option<usize>, out: &mut Sink<'_>) {
    let words = function_words(an.lang);
    if words.is_empty() {
        return;
    }
    let text = an.text;
    let lines = &an.lines;
    // The first non-blank line, and how many there are.
    let mut first_line = None;
    let mut non_blank = 0usize;
    // Candidates: (line index, last meaningful token index).
    let mut long_lines = 0usize;
    let mut unpunctuated = 0usize;
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    let mut tok_from = 0usize;
    let cells = memchr::memchr2(b'\t', b'|', text.as_bytes()).is_some();
    for (li, &line) in lines.iter().enumerate() {
        let raw = line.text(text);
        if is_blank(raw) {
            continue;
        }
        first_line.get_or_insert(li);
        non_blank += 1;
        // Only the line breaks and blank lines since the last line come before this line's tokens.
        let mut start = tok_from;
        while an.tokens.get(start).is_some_and(|t| t.end <= line.start) {
            start += 1;
        }
        // A line holds at most one token per byte (tokens are never empty).
        let window = &an.tokens[start..(start + raw.len() + 1).min(an.tokens.len())];
        let end = window.partition_point(|t| t.start < line.end) + start;
        tok_from = end;
        let toks = &an.tokens[start..end];
        // At least `MIN_WORDS` words: counting stops there.
        let mut words = 0usize;
        for t in toks {
            if matches!(t.kind, TokenKind::Word | TokenKind::Number) {
                words += 1;
                if words == MIN_WORDS {
                    break;
                }
            }
        }
        if words < MIN_WORDS || is_list_or_table(raw, cells) {
            continue;
        }
        long_lines += 1;
        let Some(last) = toks
            .iter()
            .rposition(|t| !matches!(t.kind, TokenKind::Space | TokenKind::Newline))
        else {
            continue;
        };
        let last_text = toks[last].text(text);
        let elision = matches!(last_text, "’" | "'")
            && last > 0
            && toks[last - 1].kind == TokenKind::Word
            && toks[last - 1].end == toks[last].start;
        if !elision && last_text.chars().next_back().is_some_and(is_terminal) {
            continue;
        }
        unpunctuated += 1;
        candidates.push((li, start + last));
    }
    // Text without final punctuation on most long lines (chat, subtitles, hard wrapping): no verdict.
    if long_lines >= 3 && unpunctuated * 10 > long_lines * 3 {
        return;
    }
    let mut buf = String::new();
    for (li, ti) in candidates {
        if Some(li) == skip_line {
            continue;
        }
        let tok = an.tokens[ti];
        let t = tok.text(text);
        // A comma ends a paragraph only at a real paragraph end (the last line, or before a blank
        // line): sentence-per-line corpora split long sentences at commas.
        let paragraph_end = lines.get(li + 1).is_none_or(|n| is_blank(n.text(text)));
        let first_word = lines[li]
            .text(text)
            .split(|c: char| !c.is_alphabetic())
            .find(|w| !w.is_empty())
            .map(str::to_lowercase)
            .unwrap_or_default();
        let comma_cut = t == ","
            && paragraph_end
            && ti > 0
            && matches!(an.tokens[ti - 1].kind, TokenKind::Word | TokenKind::Number)
            && !GREETINGS.contains(&first_word.as_str());
        let ends_badly = match tok.kind {
            TokenKind::Punct => comma_cut,
            TokenKind::Word => {
                crate::tokenize::normalize::fold(t, &mut buf);
                words.contains(&buf.as_str())
            }
            _ => false,
        };
        // `l’` or `d’` at the very end: the apostrophe is its own token.
        let elided = an.lang == Lang::FR
            && matches!(t, "’" | "'")
            && ti > 0
            && an.tokens[ti - 1].kind == TokenKind::Word
            && ELIDED.contains(&an.tokens[ti - 1].text(text).to_lowercase().as_str());
        if !(ends_badly || elided) {
            continue;
        }
        // A continuation in lowercase on the next line: wrapped text, not a cut.
        if let Some(next) = lines.get(li + 1) {
            let n = next.text(text).trim_start();
            if n.starts_with(|c: char| c.is_lowercase()) {
                continue;
            }
        }
        let from = if elided {
            an.tokens[ti - 1].start
        } else {
            tok.start
        };
        let span = Span::new(from, tok.end);
        let tail = tail_words(an, ti, 3);
        let is_title = Some(li) == first_line && non_blank > 1;
        if is_title {
            out.report_kind(
                "title",
                false,
                span,
                format!("the title ends on `{tail}`: it may be cut short"),
                None,
            );
        } else {
            out.report_kind(
                "mid-sentence",
                true,
                span,
                format!("the paragraph ends mid-sentence on `{tail}`: the text looks truncated"),
                None,
            );
        }
    }
}

/// The last `n` words (and the final comma, if any) up to token `ti`, as written.
fn tail_words(an: &Analysis<'_>, ti: usize, n: usize) -> String {
    let mut count = 0;
    let mut from = an.tokens[ti].start;
    for t in an.tokens[..=ti].iter().rev() {
        match t.kind {
            TokenKind::Newline => break,
            TokenKind::Word | TokenKind::Number => {
                count += 1;
                from = t.start;
                if count == n {
                    break;
                }
            }
            _ => {}
        }
    }
    Span::new(from, an.tokens[ti].end).text(an.text).to_string()
}

/// (b) A quotation opened in the last paragraph and never closed, with no final punctuation.
/// Returns the index of the line reported.
fn unclosed_quote_at_end(text: &str, lines: &[Span], out: &mut Sink<'_>) -> Option<usize> {
    let last = lines
        .iter()
        .rev()
        .find(|l| !l.text(text).trim().is_empty())?;
    let raw = last.text(text);
    let line = raw.trim();
    let start = last.start as usize + (raw.len() - raw.trim_start().len());
    if line.chars().next_back().is_some_and(is_terminal) {
        return None;
    }
    // Nothing happens before the first opening quote: the scan starts there.
    let first_open = first_opening_quote(line)?;
    let mut stack: Vec<(char, usize)> = Vec::new();
    for (i, c) in line[first_open..]
        .char_indices()
        .map(|(i, c)| (first_open + i, c))
    {
        match (stack.last(), c) {
            (Some(('«', _)), '»') | (Some(('“', _)), '”') | (Some(('„', _)), '“' | '”') =>
            {
                stack.pop();
            }
            (Some(('"', _)), '"') => {
                stack.pop();
            }
            (_, '«' | '“' | '„' | '"') => stack.push((c, i)),
            _ => {}
        }
    }
    let &(_, open) = stack.first()?;
    let span = Span::from_usize(start + open, start + line.len());
    let quoted: String = line[open..].chars().take(40).collect();
    out.report_kind(
        "unclosed-quote",
        true,
        span,
        format!("the text ends inside an open quotation (`{quoted}`): the end is missing"),
        None,
    );
    lines.iter().position(|l| l == last)
}

/// The byte offset of the first `«`, `“`, `„` or `"` of `line`.
fn first_opening_quote(line: &str) -> Option<usize> {
    let b = line.as_bytes();
    memchr::memchr3_iter(b'"', 0xC2, 0xE2, b).find(|&i| {
        matches!(
            b.get(i..),
            Some([b'"', ..] | [0xC2, 0xAB, ..] | [0xE2, 0x80, 0x9C | 0x9E, ..])
        )
    })
}

/// (c) Target much shorter than its source, line by line or for the whole text.
fn length_ratio(text: &str, src: &str, out: &mut Sink<'_>) {
    if is_dense_script(text) || is_dense_script(src) {
        return;
    }
    let chars = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count();
    if let Some(pairs) = aligned_lines(text, src) {
        for p in pairs {
            if p.source.split_whitespace().count() < 10 {
                continue;
            }
            let (t, s) = (chars(p.target.text(text)), chars(p.source));
            let ratio = t as f64 / s.max(1) as f64;
            if ratio < MIN_LINE_RATIO {
                out.report_kind(
                    "length-ratio",
                    true,
                    p.target,
                    format!(
                        "this line is {:.0}% of the length of its source line: part of it may be missing",
                        ratio * 100.0
                    ),
                    None,
                );
            }
        }
        return;
    }
    let (t, s) = (chars(text), chars(src));
    if s < 200 {
        return;
    }
    let ratio = t as f64 / s as f64;
    if ratio < MIN_DOC_RATIO
        && let Some((start, line)) = non_blank_lines(text).last()
    {
        out.report_kind(
            "length-ratio",
            true,
            Span::from_usize(start, start + line.len()),
            format!(
                "the text is {:.0}% of the length of its source: part of it may be missing",
                ratio * 100.0
            ),
            None,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::builtin::mt::bitext::testing::{bitext_spans, run_bitext};
    use crate::rules::testing::{assert_allows, assert_flags, run};

    #[test]
    fn catalog_cases() {
        let r = TruncatedSegment;
        assert_flags(
            &r,
            Lang::FR,
            "Le gouvernement a présenté son plan.\n\nLe ministre a promis de nouvelles mesures pour les",
            &["les"],
        );
        assert_flags(
            &r,
            Lang::EN,
            "The council met.\n\nHe said the decision would be “final and",
            &["“final and"],
        );
        assert_allows(&r, Lang::FR, "Le ministre a promis de nouvelles mesures.");
        assert_allows(
            &r,
            Lang::FR,
            "Kim revient de Russie\n\nLe dirigeant a quitté Vladivostok mardi.",
        );
    }

    #[test]
    fn kinds_and_messages() {
        let r = TruncatedSegment;
        let text = "Le gouvernement a présenté son plan.\n\nLe ministre a promis de nouvelles mesures pour les";
        let found = run(&r, Lang::FR, text);
        assert_eq!(found[0].kind, Some("mid-sentence"));
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(
            found[0].message,
            "the paragraph ends mid-sentence on `mesures pour les`: the text looks truncated"
        );
        let text =
            "Le ministre a promis de nouvelles mesures et un plan pour la\n\nLa suite du texte.";
        let found = run(&r, Lang::FR, text);
        assert_eq!(found[0].kind, Some("title"));
        assert_eq!(found[0].severity, Severity::Warning);
        let found = run(
            &r,
            Lang::EN,
            "It was said.\n\nHe said the decision would be “final and",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, Some("unclosed-quote"));
    }

    #[test]
    fn commas_and_elisions() {
        let r = TruncatedSegment;
        assert_flags(
            &r,
            Lang::FR,
            "Titre.\n\nLe ministre a promis de nouvelles mesures aux agriculteurs,",
            &[","],
        );
        assert_allows(
            &r,
            Lang::FR,
            "Le ministre a promis de nouvelles mesures aux agriculteurs,\nqui les attendaient depuis longtemps.",
        );
        assert_allows(
            &r,
            Lang::FR,
            "Titre.\n\nBonjour chers amis et chères amies de la ville et du village,",
        );
        assert_allows(
            &r,
            Lang::FR,
            "Titre.\n\nJe suis vraiment de très mauvaise humeur ce matin :D",
        );
        assert_flags(
            &r,
            Lang::FR,
            "Titre.\n\nLe ministre a promis de nouvelles mesures en faveur de l’",
            &["l’"],
        );
    }

    #[test]
    fn skips_lists_wrapping_and_unpunctuated_texts() {
        let r = TruncatedSegment;
        assert_allows(
            &r,
            Lang::EN,
            "Key points of the plan:\n- more money for the schools and the\n- fewer rules for",
        );
        assert_allows(
            &r,
            Lang::FR,
            "Le ministre a promis de nouvelles mesures pour les\nagriculteurs touchés par la sécheresse.",
        );
        let chat = "salut je voulais savoir si vous avez reçu ma commande de la\n\
            je comprends pas pourquoi le colis est pas arrivé chez moi\n\
            merci de me répondre vite parce que j en ai besoin pour\n\
            bonne journée à vous et à toute l équipe du service client";
        assert_allows(&r, Lang::FR, chat);
        assert_allows(&r, Lang::FR, "Un texte court pour les");
        assert_allows(
            &r,
            Lang::parse("ja").unwrap_or(Lang::UND),
            "This language has no function-word list so nothing is checked for the",
        );
    }

    #[test]
    fn length_ratio_with_a_source() {
        let r = TruncatedSegment;
        let source = "Title\nThe minister promised new measures for farmers hit by the drought and the floods of the spring.";
        let target = "Titre\nLe ministre a promis.";
        assert_eq!(
            bitext_spans(&r, Lang::FR, source, target),
            ["Le ministre a promis."]
        );
        let found = run_bitext(&r, Lang::FR, source, target);
        assert_eq!(found[0].kind, Some("length-ratio"));
        let full = "Titre\nLe ministre a promis de nouvelles mesures aux agriculteurs touchés par la sécheresse et les inondations.";
        assert!(bitext_spans(&r, Lang::FR, source, full).is_empty());
        let zh = "部长承诺为受干旱和春季洪水影响的农民采取新措施。";
        assert!(bitext_spans(&r, Lang::FR, source, &format!("Titre\n{zh}")).is_empty());
    }
}
