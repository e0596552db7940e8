//! `glue/split-word`: one word broken in two (`gouver nement`, `inter- national`).
//!
//! Three detectors, from the most to the least self-evident:
//!
//! * **`hyphen-break`**: a hyphen left by a line break, then a space or a newline
//!   (`inter- national`, `gouver-⏎nement`). Suspended hyphens (`pré- et post-électoral`) are skipped.
//! * **`fragment`**: a word followed by a bound suffix that is never a word of its own
//!   (`gouver nement`, `na tion`).
//! * **`corpus`** (corpora of 1M words or more, not for English, German or Dutch, whose open
//!   compounds are legitimate): the joined form is frequent (200+), one part is rare (5 or fewer),
//!   and the joined form is at least 50 times as frequent as the rarer part, which bounds the
//!   catalog's loose-bigram test (the index keeps no bigram counts).
//!
//! Soft hyphens (U+00AD) inside words are `typography/whitespace-anomaly`'s.

use crate::diagnostic::Severity;
use crate::index::IndexView;
use std::sync::LazyLock;

use crate::lang::Lang;
use crate::lang::words::{self, WordSet};
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};
use crate::span::Span;
use crate::tokenize::{Token, TokenKind};

/// Corpus size (words of the language) from which the `corpus` detector runs.
pub const BIG_CORPUS_WORDS: u64 = 1_000_000;
/// The joined form must occur at least this often...
pub const MIN_JOINED: u64 = 200;
/// ...one part at most this often...
pub const MAX_RARE_PART: u64 = 5;
/// ...and the joined form this many times as often as the rarer part.
pub const RATIO: u64 = 50;

pub struct SplitWord;

/// Words after which a hyphen is a suspended one (`pré- et post-électoral`, `pre- and post-war`).
const SUSPENDERS: &[&str] = &[
    "et", "ou", "ni", "voire", "à", "comme", "and", "or", "nor", "to", "as", "but", "versus", "vs",
    "und", "oder", "y", "o", "e", "u",
];

/// Bound suffixes that are never words of their own, per language.
const FR_FRAGMENTS: &[&str] = &[
    "tion", "tions", "sion", "sions", "ssion", "ssions", "ation", "ations", "nement", "nements",
    "ement", "ements", "ique", "iques", "isme", "ismes", "iste", "istes", "ité", "ités", "ance",
    "ances", "ence", "ences", "ments",
];
const EN_FRAGMENTS: &[&str] = &[
    "tion", "tions", "sion", "sions", "ssion", "ssions", "ation", "ations", "ment", "ments",
    "ness", "nesses", "ities", "ically", "ization", "izations", "isation", "isations",
];

/// Whether `w` is a bound suffix of `lang` (`nement`, `tion`); a byte test first, since it runs on
/// every pair of words.
fn is_fragment(lang: Lang, w: &str) -> bool {
    let b = w.as_bytes();
    (4..=9).contains(&b.len())
        && matches!(b[b.len() - 1], b'n' | b's' | b'e' | b't' | b'y' | 0xA9)
        && fragments(lang).is_some_and(|set| set.contains(w))
}

fn fragments(lang: Lang) -> Option<&'static WordSet> {
    static FR: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(FR_FRAGMENTS.iter().copied()));
    static EN: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(EN_FRAGMENTS.iter().copied()));
    if lang == Lang::FR {
        Some(&FR)
    } else if lang == Lang::EN {
        Some(&EN)
    } else {
        None
    }
}

impl Rule for SplitWord {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "glue/split-word".into(),
            severity: Severity::Error,
            summary: "one word broken in two".into(),
            explanation: "A word cut in two by extraction or hyphenation (`gouver nement`, \
                `inter- national`) reads as two non-words and escapes search and every other check. \
                Sub-kind `hyphen-break`: a hyphen followed by a space or a line break, then a lowercase \
                word, when the joined form is known, the first part is a bound prefix (`inter`, `anti`) \
                or a part is not a word of the document or corpus; suspended hyphens (`pré- et \
                post-électoral`, `pre- and post-war`) are left alone. Sub-kind `fragment`: a word \
                followed by a bound suffix that is never a word on its own (`nement`, `tion`, `ness`). \
                Sub-kind `corpus`, in corpora of 1M words or more (French and other languages with few \
                open compounds; not English, German or Dutch): adjacent lowercase words whose joined \
                form occurs 200 times or more while one part occurs 5 times or fewer, 50 times less \
                than the joined form. The suggestion is the joined form when the corpus knows it."
                .into(),
            flagged: examples(&[
                ("fr", "Le gouver nement a annoncé de nouvelles mesures."),
                ("en", "The inter- national community condemned the strike."),
                ("fr", "Le gouver-\nnement a annoncé de nouvelles mesures."),
            ]),
            allowed: examples(&[
                ("fr", "Il a pris la parole devant le Parlement."),
                ("en", "The pre- and post-war periods are compared."),
                ("fr", "Les périodes pré- et post-électorales sont tendues."),
                ("fr", "Le président- qui est arrivé hier - a parlé."),
            ]),
            languages: Vec::new(),
            default_enabled: true,
            origin: file!().into(),
        }
    }

    fn needs_index(&self) -> bool {
        true
    }

    fn check(&self, cx: &Ctx<'_>, out: &mut Sink<'_>) {
        let lang = cx.an.lang;
        let text = cx.text();
        let toks = &cx.an.tokens;
        let corpus_mode = !matches!(lang, Lang::EN | Lang::DE | Lang::NL)
            && cx.index.words(lang) >= BIG_CORPUS_WORDS;
        let mut i = 0;
        while i + 2 < toks.len() {
            let a = &toks[i];
            if a.kind != TokenKind::Word {
                i += 1;
                continue;
            }
            let next = &toks[i + 1];
            // `inter- national`, `gouver-⏎nement`.
            if next.kind == TokenKind::Punct
                && next.text(text) == "-"
                && let Some(j) = skip_blank(toks, i + 2)
                && j > i + 2
                && let Some(b) = toks.get(j).filter(|t| t.kind == TokenKind::Word)
            {
                if hyphen_break(cx, a, b, out) {
                    i = j + 1;
                    continue;
                }
            } else if next.kind == TokenKind::Space && next.text(text) == " " {
                let b = &toks[i + 2];
                if b.kind == TokenKind::Word {
                    let (wa, wb) = (a.text(text), b.text(text));
                    let fragment = is_fragment(lang, wb);
                    if (fragment || corpus_mode) && is_lower_word(wa) && is_lower_word(wb) {
                        let span = Span::new(a.start, b.end);
                        if fragment && wa.chars().count() >= 2 && !words::is_function_word(lang, wa)
                        {
                            let joined = format!("{wa}{wb}");
                            out.report_kind(
                                "fragment",
                                false,
                                span,
                                format!(
                                    "`{wa} {wb}` looks like one word broken in two: `{joined}`"
                                ),
                                Some(joined),
                            );
                            i += 3;
                            continue;
                        }
                        if corpus_mode && corpus_split(cx.index, lang, wa, wb) {
                            let joined = format!("{wa}{wb}");
                            out.report_kind(
                                "corpus",
                                false,
                                span,
                                format!(
                                    "`{wa} {wb}` looks like one word broken in two: the corpus has `{joined}` far more often"
                                ),
                                Some(joined),
                            );
                            i += 3;
                            continue;
                        }
                    }
                }
            }
            i += 1;
        }
    }
}

/// The index of the first token at or after `from` that is not a space or a newline (at most one
/// newline is crossed).
fn skip_blank(toks: &[Token], from: usize) -> Option<usize> {
    let mut newlines = 0;
    for (j, t) in toks.iter().enumerate().skip(from) {
        match t.kind {
            TokenKind::Space => {}
            TokenKind::Newline => {
                newlines += 1;
                if newlines > 1 {
                    return None;
                }
            }
            _ => return Some(j),
        }
    }
    None
}

/// Reports `a- b` when it is a broken word; returns whether it did.
fn hyphen_break(cx: &Ctx<'_>, a: &Token, b: &Token, out: &mut Sink<'_>) -> bool {
    let lang = cx.an.lang;
    let text = cx.text();
    let wa = a.text(text);
    let wb = b.text(text);
    // The last segment of `a` (`l’inter-` → `inter`) and the whole of `b` must be lowercase letters.
    let left = wa.rsplit(['’', '\'', '-']).next().unwrap_or(wa);
    if left.chars().count() < 2
        || !is_lower_word(left)
        || !wb.chars().take(2).all(char::is_lowercase)
        || wb.chars().count() < 2
    {
        return false;
    }
    let first_b = wb.split(['’', '\'', '-']).next().unwrap_or(wb);
    if SUSPENDERS.contains(&first_b) || words::is_function_word(lang, first_b) {
        return false;
    }
    let joined = format!("{left}{wb}");
    let hyphenated = format!("{left}-{wb}");
    let prefix = &wa[..wa.len() - left.len()];
    let count = |w: &str| cx.index.word(lang, w).count;
    // Forms are counted bare and with the elided prefix of `a` (`l’ex-président`).
    let mut elided = String::new();
    crate::tokenize::normalize::fold(prefix, &mut elided);
    let count_both = |w: &str| {
        count(w)
            + if elided.is_empty() || elided.ends_with('-') {
                0
            } else {
                count(&format!("{elided}{w}"))
            }
    };
    let (c_joined, c_hyph) = (count_both(&joined), count_both(&hyphenated));
    let evidence = c_joined > 0
        || c_hyph > 0
        || words::is_bound_prefix(lang, left)
        || count(left) <= 1
        || count(first_b) == 0;
    // `count(left) <= 1`: the left part occurs only here (the index includes this document).
    if !evidence {
        return false;
    }
    let span = Span::new(a.start, b.end);
    let shown = span.text(text).replace('\n', "⏎");
    let suggestion = if c_joined >= c_hyph && c_joined > 0 {
        Some(format!("{prefix}{joined}"))
    } else if c_hyph > 0 {
        Some(format!("{prefix}{hyphenated}"))
    } else if is_fragment(lang, wb) {
        // `gouver- nement`: the hyphen came from a line break.
        Some(format!("{prefix}{joined}"))
    } else {
        None
    };
    out.report_kind(
        "hyphen-break",
        false,
        span,
        format!("`{shown}` looks like one word broken at a hyphen and a space"),
        suggestion,
    );
    true
}

/// The `corpus` detector's test on two adjacent lowercase words.
fn corpus_split(index: &IndexView<'_>, lang: Lang, a: &str, b: &str) -> bool {
    if a.len() + b.len() < 6
        || words::is_function_word(lang, a)
        || words::is_function_word(lang, b)
        || words::is_bound_prefix(lang, a)
    {
        return false;
    }
    let ca = index.word(lang, a).count;
    let cb = if ca <= MAX_RARE_PART {
        index.word(lang, b).count
    } else {
        let cb = index.word(lang, b).count;
        if cb > MAX_RARE_PART {
            return false;
        }
        cb
    };
    let rare = ca.min(cb);
    let mut joined = String::with_capacity(a.len() + b.len());
    joined.push_str(a);
    joined.push_str(b);
    let cj = index.word(lang, &joined).count;
    cj >= MIN_JOINED && cj >= RATIO * rare.max(1)
}

fn is_lower_word(w: &str) -> bool {
    !w.is_empty() && w.chars().all(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_allows, assert_flags, run, run_with_corpus};

    #[test]
    fn catalog_cases() {
        let r = SplitWord;
        assert_flags(
            &r,
            Lang::FR,
            "Le gouver nement a annoncé de nouvelles mesures.",
            &["gouver nement"],
        );
        assert_flags(
            &r,
            Lang::EN,
            "The inter- national community condemned the strike.",
            &["inter- national"],
        );
        assert_allows(&r, Lang::FR, "Il a pris la parole devant le Parlement.");
        assert_allows(&r, Lang::EN, "The pre- and post-war periods are compared.");
    }

    #[test]
    fn suggestions() {
        let found = run(&SplitWord, Lang::FR, "Le gouver nement parle.");
        assert_eq!(found[0].suggestion.as_deref(), Some("gouvernement"));
        assert_eq!(found[0].kind, Some("fragment"));
        let found = run(&SplitWord, Lang::FR, "Le gouver-\nnement parle.");
        assert_eq!(found[0].suggestion.as_deref(), Some("gouvernement"));
        assert_eq!(found[0].kind, Some("hyphen-break"));
        // A bound prefix without corpus evidence: joined or hyphenated is not ours to decide.
        let found = run(&SplitWord, Lang::EN, "The inter- national community.");
        assert_eq!(found[0].suggestion, None);
        // With the corpus.
        let found = run_with_corpus(
            &SplitWord,
            Lang::EN,
            "The inter- national community.",
            &["An international summit."],
        );
        assert_eq!(found[0].suggestion.as_deref(), Some("international"));
        let found = run_with_corpus(
            &SplitWord,
            Lang::FR,
            "L’ex- président parle.",
            &["L’ex-président a parlé."],
        );
        assert_eq!(found[0].suggestion.as_deref(), Some("L’ex-président"));
    }

    #[test]
    fn suspended_hyphens_and_dashes() {
        let r = SplitWord;
        assert_allows(
            &r,
            Lang::FR,
            "Les périodes pré- et post-électorales sont tendues.",
        );
        assert_allows(&r, Lang::FR, "Le micro- ou macroéconomique.");
        assert_allows(&r, Lang::EN, "Both pre- to post-season.");
        // A hyphen typed as a dash between two words.
        assert_allows(&r, Lang::FR, "Le président- qui est arrivé hier - a parlé.");
        assert_allows(&r, Lang::FR, "Le projet- dont personne ne parle - avance.");
    }

    #[test]
    fn every_fragment_passes_the_byte_filter() {
        for (lang, list) in [(Lang::FR, FR_FRAGMENTS), (Lang::EN, EN_FRAGMENTS)] {
            for f in list {
                assert!(is_fragment(lang, f), "{f}");
            }
        }
    }

    #[test]
    fn fragments_need_a_word_before() {
        let r = SplitWord;
        assert_flags(&r, Lang::FR, "Une na tion unie.", &["na tion"]);
        assert_flags(&r, Lang::EN, "Their aware ness grew.", &["aware ness"]);
        assert_allows(&r, Lang::FR, "Il ment. Le suffixe -tion et la tion.");
        assert_allows(&r, Lang::EN, "Loch Ness and the ness.");
    }

    #[test]
    fn corpus_mode_needs_a_big_corpus() {
        let r = SplitWord;
        let text = "Le minis tère a parlé.";
        // Small corpus: nothing.
        let found = run_with_corpus(&r, Lang::FR, text, &["Le ministère parle. Le ministère."]);
        assert!(found.is_empty());
        // Big corpus: `ministère` 250 times, `minis` and `tère` once.
        let filler = "le la de et un ".repeat(200_000);
        let joined = "ministère ".repeat(250);
        let found = run_with_corpus(&r, Lang::FR, text, &[&filler, &joined]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].span.text(text), "minis tère");
        assert_eq!(found[0].suggestion.as_deref(), Some("ministère"));
        // Both parts frequent: a phrase, not a split (`bien tôt` / `bientôt`).
        let both = "bien tôt ".repeat(10);
        let found = run_with_corpus(
            &r,
            Lang::FR,
            "Il part bien tôt.",
            &[&filler, &"bientôt ".repeat(300), &both],
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
