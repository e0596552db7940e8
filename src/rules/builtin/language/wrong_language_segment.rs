//! `language/wrong-language-segment`: a sentence in another language than the document's
//! (untranslated or source-copied text, off-target MT), and runs of another script.
//!
//! Speed: every sentence of six words or more gets a stop-word profile (one hash look-up per
//! word); whatlang, which is slow, only confirms the rare sentences whose profile points to another
//! language.

use std::sync::LazyLock;

use crate::diagnostic::Severity;
use crate::lang::Lang;
use crate::lang::detect::STOPWORD_LANGS;
use crate::lang::words;
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};
use crate::span::Span;
use crate::tokenize::{Analysis, Sentence, TokenKind};

/// Sentences shorter than this (in words, quotes and URLs left out) are not judged...
const MIN_WORDS: usize = 6;
/// ...nor shorter than this many bytes.
const MIN_BYTES: usize = 40;
/// Quotations of at most this many words are left out of the judgement (slogans, titles).
const MAX_QUOTE_WORDS: usize = 8;
/// The other language needs at least this many stop words...
const MIN_FOREIGN_STOPWORDS: u32 = 3;
/// A flagged share of the document's letters above this (percent) makes a document-level finding.
const DOCUMENT_PERCENT: usize = 30;
/// Only the first this many word parts of a sentence are profiled.
const MAX_PARTS: usize = 64;
/// Runs of another script shorter than this (in words) are left alone (a quoted original name).
const MIN_SCRIPT_WORDS: usize = 3;

fn whatlang_of(lang: Lang) -> Option<whatlang::Lang> {
    Some(match lang {
        Lang::FR => whatlang::Lang::Fra,
        Lang::EN => whatlang::Lang::Eng,
        Lang::DE => whatlang::Lang::Deu,
        Lang::ES => whatlang::Lang::Spa,
        Lang::IT => whatlang::Lang::Ita,
        Lang::PT => whatlang::Lang::Por,
        Lang::NL => whatlang::Lang::Nld,
        _ => return None,
    })
}

static DETECTOR: LazyLock<whatlang::Detector> = LazyLock::new(|| {
    whatlang::Detector::with_allowlist(
        STOPWORD_LANGS
            .iter()
            .filter_map(|&l| whatlang_of(l))
            .collect(),
    )
});

fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::FR => "French",
        Lang::EN => "English",
        Lang::DE => "German",
        Lang::ES => "Spanish",
        Lang::IT => "Italian",
        Lang::PT => "Portuguese",
        Lang::NL => "Dutch",
        _ => "another language",
    }
}

pub struct WrongLanguageSegment;

impl Rule for WrongLanguageSegment {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "language/wrong-language-segment".into(),
            severity: Severity::Error,
            summary: "a sentence in another language than the document's".into(),
            explanation: "An untranslated sentence (source copy, off-target machine translation) is \
                an accuracy error of the worst kind. Each sentence of at least six words and 40 \
                bytes, without its short quotations (8 words or fewer), brackets and URLs, is profiled by its \
                stop words in French, English, German, Spanish, Italian, Portuguese and Dutch; when \
                another language has at least three stop words and more than twice the document \
                language's, whatlang confirms (it must be reliable and not the document's \
                language). Consecutive hits are merged; past 30% of the document's text the \
                finding is a single `document` one. Sentences where most words are capitalised or \
                numbers (names, titles) are skipped. Sub-kind `script-mix`: three words or more in \
                Cyrillic, Greek, Arabic or Hebrew inside a Latin-script document, outside quotes \
                and brackets. Documents in other languages than the seven are not checked."
                .into(),
            flagged: examples(&[
                (
                    "fr",
                    "Le ministère a publié un communiqué mardi. The ministry did not respond to repeated requests for comment on Tuesday.",
                ),
                (
                    "en",
                    "The ministry issued a statement. Le ministère n’a pas répondu aux demandes de commentaires mardi soir.",
                ),
                (
                    "fr",
                    "Les familles peuvent encore faire vacciner leurs enfants. Families who did not give their consent can still have their children vaccinated by a doctor or at a pharmacy, the authorities said.",
                ),
                (
                    "fr",
                    "Le communiqué se terminait ainsi : Мы будем продолжать работу вместе с партнерами.",
                ),
            ]),
            allowed: examples(&[
                (
                    "fr",
                    "Le slogan « Make America Great Again » a été repris par ses partisans.",
                ),
                (
                    "en",
                    "The café on the Rue de Rivoli reopened on Monday after renovations.",
                ),
                (
                    "fr",
                    "Il a cité le livre The Lord of the Rings pendant la conférence de presse.",
                ),
                ("fr", "La capitale russe, Moscou (en russe : Москва), compte douze millions d’habitants."),
            ]),
            languages: Vec::new(),
            default_enabled: true,
            origin: file!().into(),
        }
    }

    fn check(&self, cx: &Ctx<'_>, out: &mut Sink<'_>) {
        let an = cx.an;
        let lang = an.lang;
        let Some(own) = STOPWORD_LANGS.iter().position(|&l| l == lang) else {
            return;
        };
        let text = an.text;
        // Flagged sentences: (span, detected language).
        let mut hits: Vec<(Span, Lang)> = Vec::new();
        let mut scratch = String::new();
        for s in &an.sentences {
            if s.span.len() < MIN_BYTES {
                continue;
            }
            let Some(foreign) = candidate(an, s, own, &mut scratch) else {
                continue;
            };
            // Confirm with whatlang on the sentence without its short quotes and URLs.
            let Some(info) = DETECTOR.detect(&scratch) else {
                continue;
            };
            if !info.is_reliable() || Some(info.lang()) == whatlang_of(lang) {
                continue;
            }
            let detected = STOPWORD_LANGS
                .iter()
                .copied()
                .find(|&l| whatlang_of(l) == Some(info.lang()))
                .unwrap_or(foreign);
            hits.push((s.span, detected));
        }
        let sentences = hits.len();
        // Merge hits that follow each other (only whitespace between) in one language.
        let mut runs: Vec<(Span, Lang)> = Vec::new();
        for (span, l) in hits {
            if let Some(last) = runs.last_mut()
                && last.1 == l
                && text
                    .get(last.0.end as usize..span.start as usize)
                    .is_some_and(|gap| gap.trim().is_empty())
            {
                last.0.end = span.end;
                continue;
            }
            runs.push((span, l));
        }
        if !runs.is_empty() {
            let flagged: usize = runs.iter().map(|r| r.0.len()).sum();
            let total = text.trim().len().max(1);
            if flagged * 100 > total * DOCUMENT_PERCENT && sentences > 1 {
                let l = runs[0].1;
                out.report_kind(
                    "document",
                    true,
                    runs[0].0,
                    format!(
                        "most of this document ({}%) is in {}, not {}",
                        flagged * 100 / total,
                        lang_name(l),
                        lang_name(lang)
                    ),
                    None,
                );
            } else {
                for (span, l) in runs {
                    out.report(
                        span,
                        format!(
                            "this sentence is in {}, not {}: untranslated?",
                            lang_name(l),
                            lang_name(lang)
                        ),
                    );
                }
            }
        }
        script_mix(an, out);
    }
}

/// Whether the token at `i` opens or closes a quotation: 1 open, -1 close, 2 toggle (`"`), 0 none.
/// Takes the token's bytes: a slice of valid UTF-8 equal to a whole quotation mark's encoding
/// starts and ends on character boundaries (its first byte is a lead byte and the mark is
/// complete), so this answers as matching the token's text would.
fn quote_kind(t: &[u8]) -> i8 {
    match t {
        [0xC2, 0xAB] | [0xE2, 0x80, 0x9C | 0x9E | 0xB9] => 1, // « “ „ ‹
        [0xC2, 0xBB] | [0xE2, 0x80, 0x9D | 0xBA] => -1,       // » ” ›
        [b'"'] => 2,
        _ => 0,
    }
}

/// The bytes of token `t` (none when out of range, as `Token::text` gives "").
#[inline]
fn token_bytes<'a>(text: &'a str, t: &crate::tokenize::Token) -> &'a [u8] {
    text.as_bytes()
        .get(t.start as usize..t.end as usize)
        .unwrap_or(&[])
}

/// The words of a sentence that count: outside quotations of `MAX_QUOTE_WORDS` words or fewer,
/// outside brackets (an original quotation given in brackets is no error) and outside URLs. Calls `f` with each word's token index.
fn counted_words(an: &Analysis<'_>, s: &Sentence, mut f: impl FnMut(usize)) {
    let toks = an.sentence_tokens(s);
    let base = s.tokens.start as usize;
    let text = an.text;
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        if t.kind == TokenKind::Punct && t.end - t.start == 1 && byte_at(text, t.start) == b'(' {
            // Brackets often give an original quotation or name: skip them.
            let close = toks[i..]
                .iter()
                .position(|x| x.end - x.start == 1 && byte_at(text, x.start) == b')');
            i = close.map_or(toks.len(), |c| i + c + 1);
            continue;
        }
        if t.kind == TokenKind::Punct || t.kind == TokenKind::Symbol {
            let q = quote_kind(token_bytes(text, &t));
            if q == 1 || q == 2 {
                // Find the closing quote and count the words inside.
                let mut j = i + 1;
                let mut words = 0;
                while j < toks.len() {
                    let k = quote_kind(token_bytes(text, &toks[j]));
                    if k == -1 || (q == 2 && k == 2) {
                        break;
                    }
                    words += usize::from(toks[j].is_word());
                    j += 1;
                }
                if j < toks.len() && words <= MAX_QUOTE_WORDS {
                    i = j + 1;
                    continue;
                }
            }
        }
        if t.is_word() {
            let w = t.text(text);
            if w.starts_with("http") || w.starts_with("www") {
                // Skip to the next space.
                while i < toks.len() && toks[i].kind != TokenKind::Space {
                    i += 1;
                }
                continue;
            }
            f(base + i);
        }
        i += 1;
    }
}

/// The byte at `at` (0 past the end).
fn byte_at(text: &str, at: u32) -> u8 {
    text.as_bytes().get(at as usize).copied().unwrap_or(0)
}

/// For each 7-bit stop-word mask, bit `i` moved to byte `i`.
const SPREAD: [u64; 128] = {
    let mut t = [0u64; 128];
    let mut m = 0;
    while m < 128 {
        let mut i = 0;
        while i < 7 {
            t[m] |= ((m as u64 >> i) & 1) << (8 * i);
            i += 1;
        }
        m += 1;
    }
    t
};
const _: () = assert!(MAX_PARTS < 256 && STOPWORD_LANGS.len() == 7);

/// When the stop-word profile of a sentence points to another language: that language, with the
/// sentence's counted words (space-separated) in `scratch` for whatlang.
fn candidate(an: &Analysis<'_>, s: &Sentence, own: usize, scratch: &mut String) -> Option<Lang> {
    let text = an.text;
    let mut words = 0usize;
    let mut caps = 0usize;
    // Stop-word counts per language of the first `MAX_PARTS` parts (as `stopword_scores` gives).
    // Packed as one byte per language (`MAX_PARTS` < 256, so no byte overflows).
    let mut packed = 0u64;
    let mut n = 0usize;
    let mut buf = String::new();
    counted_words(an, s, |i| {
        let w = an.tokens[i].text(text);
        words += 1;
        if w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
        {
            caps += 1;
        }
        // Elisions (`n’a`) count as their parts.
        let mut count = |p: &str| {
            if n < MAX_PARTS && !p.is_empty() {
                n += 1;
                let mask = words::stopword_mask_any_case(p, &mut buf);
                packed += SPREAD[usize::from(mask & 0x7F)];
            }
        };
        if w.bytes().any(|b| b == b'\'' || b == 0xE2) {
            w.split(['’', '\'']).for_each(&mut count);
        } else {
            count(w);
        }
    });
    if words < MIN_WORDS || caps * 2 > words {
        return None;
    }
    let counts: [u32; 7] = std::array::from_fn(|i| (packed >> (8 * i)) as u32 & 0xFF);
    let mut scores = [(Lang::UND, 0u32); 7];
    for (slot, (&lang, &count)) in scores.iter_mut().zip(STOPWORD_LANGS.iter().zip(&counts)) {
        *slot = (lang, count);
    }
    let mine = scores[own].1;
    let (best, count) = scores
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != own)
        .map(|(_, s)| *s)
        .max_by_key(|s| s.1)?;
    if count < MIN_FOREIGN_STOPWORDS || count <= 2 * mine {
        return None;
    }
    scratch.clear();
    counted_words(an, s, |i| {
        if !scratch.is_empty() {
            scratch.push(' ');
        }
        scratch.push_str(an.tokens[i].text(text));
    });
    Some(best)
}

/// A letter of a script that has no business in a Latin-script text outside quotes.
fn foreign_script(c: char) -> Option<&'static str> {
    match c {
        '\u{0370}'..='\u{03FF}' => Some("Greek"),
        '\u{0400}'..='\u{052F}' => Some("Cyrillic"),
        '\u{0590}'..='\u{05FF}' => Some("Hebrew"),
        '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' => Some("Arabic"),
        _ => None,
    }
}

/// `script-mix`: runs of `MIN_SCRIPT_WORDS` words or more in another script, outside quotes and
/// brackets, in a Latin-script document.
fn script_mix(an: &Analysis<'_>, out: &mut Sink<'_>) {
    let text = an.text;
    // Every character of `foreign_script` is encoded with a lead byte from 0xCD (U+0340) to 0xDD
    // (U+077F): without one, there is nothing to report.
    if !text.as_bytes().chunks(32).any(|c| {
        c.iter()
            .fold(false, |a, &b| a | (b.wrapping_sub(0xCD) <= 0x10))
    }) {
        return;
    }
    let mut depth = 0i32; // quotes and brackets
    let mut run: Option<(Span, usize, &'static str)> = None;
    let mut latin = 0usize;
    let mut runs: Vec<(Span, usize, &'static str)> = Vec::new();
    for t in &an.tokens {
        match t.kind {
            TokenKind::Punct => {
                let p = t.text(text);
                match p {
                    "(" | "[" | "«" | "“" | "„" => depth += 1,
                    ")" | "]" | "»" | "”" => depth = (depth - 1).max(0),
                    _ => {}
                }
            }
            TokenKind::Newline => depth = 0,
            TokenKind::Word => {
                let w = t.text(text);
                // Letters below U+0370 are Latin (or not letters): no foreign script.
                let script = w
                    .chars()
                    .next()
                    .filter(|&c| c >= '\u{370}')
                    .and_then(foreign_script);
                match script {
                    Some(sc) if depth == 0 => match run.as_mut() {
                        Some(r) if r.2 == sc => {
                            r.0.end = t.end;
                            r.1 += 1;
                        }
                        _ => {
                            runs.extend(run.take());
                            run = Some((t.span(), 1, sc));
                        }
                    },
                    Some(_) => {}
                    None => {
                        if w.chars().next().is_some_and(|c| c.is_alphabetic()) {
                            latin += 1;
                        }
                        runs.extend(run.take());
                    }
                }
            }
            _ => {}
        }
    }
    runs.extend(run);
    if latin == 0 {
        return;
    }
    for (span, words, script) in runs {
        if words >= MIN_SCRIPT_WORDS {
            out.report_kind(
                "script-mix",
                false,
                span,
                format!("{words} words in {script} script inside a Latin-script text"),
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
    fn quote_kinds_of_bytes() {
        let expect = |t: &str| match t {
            "«" | "“" | "„" | "‹" => 1,
            "»" | "”" | "›" => -1,
            "\"" => 2,
            _ => 0,
        };
        for t in [
            "«", "“", "„", "‹", "»", "”", "›", "\"", "'", "’", "‘", "–", "—", "…", "(", "«»",
            "\"\"", "", "a", "é", "€", "™",
        ] {
            assert_eq!(quote_kind(t.as_bytes()), expect(t), "{t}");
        }
    }

    #[test]
    fn catalog_cases() {
        let r = WrongLanguageSegment;
        assert_flags(
            &r,
            Lang::FR,
            "Le ministère a publié un communiqué mardi. The ministry did not respond to repeated requests for comment on Tuesday.",
            &["The ministry did not respond to repeated requests for comment on Tuesday."],
        );
        assert_flags(
            &r,
            Lang::EN,
            "The ministry issued a statement. Le ministère n’a pas répondu aux demandes de commentaires mardi soir.",
            &["Le ministère n’a pas répondu aux demandes de commentaires mardi soir."],
        );
        assert_allows(
            &r,
            Lang::FR,
            "Le slogan « Make America Great Again » a été repris par ses partisans.",
        );
        assert_allows(
            &r,
            Lang::EN,
            "The café on the Rue de Rivoli reopened on Monday after renovations.",
        );
    }

    #[test]
    fn planted_sentence_and_merging() {
        let r = WrongLanguageSegment;
        let t = "Les médecins rappellent que ce vaccin protège contre plusieurs cancers, notamment celui du col de l’utérus. Families who did not give their consent can still have their children vaccinated by a doctor or at a pharmacy, the authorities said.";
        assert_flags(
            &r,
            Lang::FR,
            t,
            &[
                "Families who did not give their consent can still have their children vaccinated by a doctor or at a pharmacy, the authorities said.",
            ],
        );
        let t = "Le texte commence bien ici, en français, sans aucun problème. The next sentence was not translated at all by the system. And neither was this one, which is also in English. Puis le texte reprend en français jusqu’à la fin du paragraphe.";
        let found = run(&r, Lang::FR, t);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].span.text(t),
            "The next sentence was not translated at all by the system. And neither was this one, which is also in English."
        );
    }

    #[test]
    fn whole_document() {
        let r = WrongLanguageSegment;
        let t = "The ministry did not respond to repeated requests for comment on Tuesday.\n\nThe talks are expected to resume next week in Geneva, officials said.";
        let found = run(&r, Lang::FR, t);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, Some("document"));
    }

    #[test]
    fn allows_names_titles_and_loans() {
        let r = WrongLanguageSegment;
        assert_allows(
            &r,
            Lang::FR,
            "Il a cité le livre The Lord of the Rings pendant la conférence de presse.",
        );
        assert_allows(
            &r,
            Lang::FR,
            "Selon le New York Times, le Wall Street Journal et le Financial Times, la fusion est actée.",
        );
        assert_allows(
            &r,
            Lang::FR,
            "Il faudra bien qu’elle rencontre le dirigeant élu. (Eventually it must talk with the elected leader and the government.)",
        );
        assert_allows(
            &r,
            Lang::FR,
            "Le week-end dernier, le manager a organisé un brainstorming avec toute l’équipe.",
        );
    }

    #[test]
    fn script_mix() {
        let r = WrongLanguageSegment;
        assert_flags(
            &r,
            Lang::FR,
            "Le communiqué se terminait ainsi : Мы будем продолжать работу вместе с партнерами.",
            &["Мы будем продолжать работу вместе с партнерами"],
        );
        assert_allows(
            &r,
            Lang::FR,
            "La capitale russe, Moscou (en russe : Москва), compte douze millions d’habitants.",
        );
        assert_allows(&r, Lang::FR, "Le journal « Новая газета » a été fermé.");
    }
}
