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

/// Whether `w` is a bound suffix of `lang` (`nement`, `tion`).
#[inline]
fn is_fragment(lang: Lang, w: &str) -> bool {
    may_be_fragment(w.as_bytes()) && fragments(lang).is_some_and(|set| set.contains(w))
}

/// A byte test that every bound suffix passes (4 to 9 bytes, a first and a last byte that some
/// suffix has), before the look-up, since it runs on every pair of words.
#[inline]
fn may_be_fragment(b: &[u8]) -> bool {
    (4..=9).contains(&b.len())
        && matches!(b[0], b'a' | b'e' | b'i' | b'm' | b'n' | b's' | b't')
        && matches!(b[b.len() - 1], b'n' | b's' | b'e' | b't' | b'y' | 0xA9)
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
        let bytes = text.as_bytes();
        let toks = &cx.an.tokens;
        let fragments = fragments(lang);
        let mut corpus = (!matches!(lang, Lang::EN | Lang::DE | Lang::NL)
            && cx.index.words(lang) >= BIG_CORPUS_WORDS)
            .then(|| CorpusSplit::new(cx.index, lang));
        let mut i = 0;
        // Token kinds and single bytes are tested first; a word's text is sliced only when a test
        // needs it.
        while let Some([a, next, b]) = toks.get(i..i + 3) {
            if a.kind != TokenKind::Word {
                i += 1;
                continue;
            }
            if next.kind == TokenKind::Punct {
                // `inter- national`, `gouver-⏎nement`.
                if is_byte(next, bytes, b'-')
                    && let Some(j) = skip_blank(toks, i + 2)
                    && j > i + 2
                    && let Some(b) = toks.get(j).filter(|t| t.kind == TokenKind::Word)
                    && hyphen_break(cx, a, b, out)
                {
                    i = j + 1;
                    continue;
                }
            } else if next.kind == TokenKind::Space
                && b.kind == TokenKind::Word
                && is_byte(next, bytes, b' ')
            {
                if let Some(set) = fragments
                    && token_may_be_fragment(b, bytes)
                    && let wb = b.text(text)
                    && set.contains(wb)
                {
                    let wa = a.text(text);
                    if is_lower_word(wa)
                        && is_lower_word(wb)
                        && wa.chars().count() >= 2
                        && !words::is_function_word(lang, wa)
                    {
                        let joined = format!("{wa}{wb}");
                        out.report_kind(
                            "fragment",
                            false,
                            Span::new(a.start, b.end),
                            format!("`{wa} {wb}` looks like one word broken in two: `{joined}`"),
                            Some(joined),
                        );
                        i += 3;
                        continue;
                    }
                }
                if let Some(corpus) = &mut corpus
                    && corpus.split(text, a, b)
                {
                    let (wa, wb) = (a.text(text), b.text(text));
                    let joined = format!("{wa}{wb}");
                    out.report_kind(
                        "corpus",
                        false,
                        Span::new(a.start, b.end),
                        format!(
                            "`{wa} {wb}` looks like one word broken in two: the corpus has `{joined}` far more often"
                        ),
                        Some(joined),
                    );
                    i += 3;
                    continue;
                }
            }
            // A pair starts with a word: when `next` is no word, the next pair starts after it.
            i += if next.kind == TokenKind::Word { 1 } else { 2 };
        }
    }
}

/// [`may_be_fragment`] on the bytes of token `t`, its length tested before the slice.
#[inline]
fn token_may_be_fragment(t: &Token, bytes: &[u8]) -> bool {
    let (start, end) = (t.start as usize, t.end as usize);
    (4..=9).contains(&end.wrapping_sub(start)) && bytes.get(start..end).is_some_and(may_be_fragment)
}

/// Whether token `t` is the single byte `c` (`-`, a space).
#[inline]
fn is_byte(t: &Token, bytes: &[u8], c: u8) -> bool {
    t.end.wrapping_sub(t.start) == 1 && bytes.get(t.start as usize) == Some(&c)
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

/// One word of a pair for the `corpus` detector, with what is learnt of it on the way (filled in
/// on first use).
#[derive(Clone, Copy)]
struct Part<'t> {
    /// Start of the word's token (which word of the document it is).
    start: u32,
    text: &'t str,
    /// A lowercase word and no function word: it may be half of a split.
    may_split: Option<bool>,
    /// Its count in the index.
    count: Option<u64>,
}

impl<'t> Part<'t> {
    fn new(t: &Token, text: &'t str) -> Self {
        Part {
            start: t.start,
            text: t.text(text),
            may_split: None,
            count: None,
        }
    }
}

/// The `corpus` detector over one document. Adjacent pairs overlap (`a b c` gives `a b`, then
/// `b c`), so the second word of a pair, with what was learnt of it, is kept for the next pair:
/// each word is tested and looked up in the index once.
struct CorpusSplit<'i, 'a, 't> {
    index: &'i IndexView<'a>,
    lang: Lang,
    last: Option<Part<'t>>,
}

impl<'i, 'a, 't> CorpusSplit<'i, 'a, 't> {
    fn new(index: &'i IndexView<'a>, lang: Lang) -> Self {
        CorpusSplit {
            index,
            lang,
            last: None,
        }
    }

    /// The test on two adjacent word tokens of `text`: both lowercase and no function word, the
    /// first no bound prefix, and the counts of the parts and of the joined form as in the module
    /// docs.
    fn split(&mut self, text: &'t str, a: &Token, b: &Token) -> bool {
        let mut a = match self.last {
            Some(last) if last.start == a.start => last,
            _ => Part::new(a, text),
        };
        let mut b = Part::new(b, text);
        let found = self.test(&mut a, &mut b);
        self.last = Some(b);
        found
    }

    fn test(&self, a: &mut Part<'t>, b: &mut Part<'t>) -> bool {
        if a.text.len() + b.text.len() < 6
            || !self.may_split(a)
            || !self.may_split(b)
            || words::is_bound_prefix(self.lang, a.text)
        {
            return false;
        }
        let (ca, cb) = (self.count(a), self.count(b));
        if ca > MAX_RARE_PART && cb > MAX_RARE_PART {
            return false;
        }
        let rare = ca.min(cb);
        let mut joined = String::with_capacity(a.text.len() + b.text.len());
        joined.push_str(a.text);
        joined.push_str(b.text);
        let cj = self.index.word(self.lang, &joined).count;
        cj >= MIN_JOINED && cj >= RATIO * rare.max(1)
    }

    fn may_split(&self, p: &mut Part<'t>) -> bool {
        *p.may_split.get_or_insert_with(|| {
            is_lower_word(p.text) && !words::is_function_word(self.lang, p.text)
        })
    }

    fn count(&self, p: &mut Part<'t>) -> u64 {
        *p.count
            .get_or_insert_with(|| self.index.word(self.lang, p.text).count)
    }
}

/// Whether `w` is a word of lowercase letters only. ASCII letters and the Latin-1 lowercase letters
/// (`ß`, `à` to `ÿ` but `÷`) are tested as bytes (what `char::is_lowercase` says of them), the rest
/// from the first other byte on as characters.
fn is_lower_word(w: &str) -> bool {
    let b = w.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c.is_ascii_lowercase() {
            i += 1;
        } else if c == 0xC3 && b.get(i + 1).is_some_and(|&d| d >= 0x9F && d != 0xB7) {
            // U+00DF to U+00FF (a continuation byte is at most 0xBF).
            i += 2;
        } else if c.is_ascii() {
            return false;
        } else {
            // Every byte before `i` belongs to a whole character: `i` starts one.
            return w
                .get(i..)
                .is_some_and(|r| r.chars().all(char::is_lowercase));
        }
    }
    !b.is_empty()
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
        // The second word of a rejected pair (`nouveaux minis`: no `nouveauxminis`) starts the next,
        // with its count kept.
        let text = "Les nouveaux minis tère parlent.";
        let found = run_with_corpus(&r, Lang::FR, text, &[&filler, &joined]);
        assert_eq!(
            found.iter().map(|d| d.span.text(text)).collect::<Vec<_>>(),
            ["minis tère"]
        );
    }

    #[test]
    fn lower_words() {
        for w in [
            "", "abc", "été", "Été", "éT", "aBc", "ab1", "ab-cd", "ⅰv", "straße", "ǅa", "aǅ", "ÿß",
            "a÷b", "àÀ", "ªb", "bµ", "œuvre", "Œuvre", "×", "øæþ",
        ] {
            let by_char = !w.is_empty() && w.chars().all(char::is_lowercase);
            assert_eq!(is_lower_word(w), by_char, "{w}");
        }
    }
}
