//! `mt/source-copy`: a target segment identical or nearly identical to its source: a non-translation.
//! Needs the record's `source` field.

use hashbrown::HashSet;
use xxhash_rust::xxh3::xxh3_64;

use crate::diagnostic::Severity;
use crate::lang::Lang;
use crate::lang::detect::{stopword_language, stopword_scores};
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};
use crate::span::Span;
use crate::tokenize::{Analysis, TokenKind};

use super::bitext::{aligned_lines, first_line, source, source_lang};

pub struct SourceCopy;

/// Character-5-gram Jaccard similarity from which a segment counts as a copy of its source.
pub const MIN_JACCARD: f64 = 0.8;
/// Letters a segment needs before it is compared (short strings are legitimately identical).
pub const MIN_LETTERS: usize = 20;

impl Rule for SourceCopy {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "mt/source-copy".into(),
            severity: Severity::Error,
            summary: "a segment identical or nearly identical to its source (not translated)".into(),
            explanation: "Needs the source text in the record's `source` field (JSONL); without it the \
                rule does nothing. When source and target have the same number of non-blank lines they \
                are compared line by line; otherwise each target sentence is looked up among the source \
                sentences, and the whole texts are compared. A segment is a copy when its normalised \
                form (lowercase letters and digits, single spaces) equals the source's, or when their \
                character-5-gram Jaccard similarity is at least 0.8. Segments with fewer than 20 letters, \
                or where half the words or more are capitalised or numeric (names, product strings, \
                tables), are legitimately identical and skipped. MQM Accuracy›Untranslated, critical. \
                The examples below are target texts; the rule's tests pair them with their sources."
                .into(),
            flagged: examples(&[
                ("fr", "The ministry declined to comment on the report."),
                ("fr", "El ministerio no respondió a las preguntas."),
                ("fr", "Die Regierung hat die Reform am Montag beschlossen."),
            ]),
            allowed: examples(&[
                ("fr", "Apple iPhone 15 Pro Max"),
                ("fr", "Le ministère s’est refusé à tout commentaire."),
                ("fr", "The ministry declined to comment on the report."),
            ]),
            languages: Vec::new(),
            default_enabled: true,
            origin: file!().into(),
        }
    }

    fn check(&self, cx: &Ctx<'_>, out: &mut Sink<'_>) {
        let Some(src) = source(cx) else {
            return;
        };
        let text = cx.text();
        let src_lang = source_lang(cx, src);
        let mut tbuf = String::new();
        let mut sbuf = String::new();
        if let Some(pairs) = aligned_lines(text, src) {
            for p in pairs {
                let seg = p.target.text(text);
                // Cheap length test first: a copy has about the length of its source.
                let (a, b) = (seg.len().min(p.source.len()), seg.len().max(p.source.len()));
                if (a as f64) < MIN_JACCARD * b as f64 * 0.8 || !translatable(cx.an, p.target) {
                    continue;
                }
                normalize(seg, &mut tbuf);
                normalize(p.source, &mut sbuf);
                if let Some(kind) = compare(&tbuf, &sbuf)
                    && !third_language(seg, src_lang)
                {
                    report(out, p.target, seg, kind, "its source line");
                }
            }
            return;
        }
        // Unaligned: the whole text first, then sentence by sentence.
        normalize(text, &mut tbuf);
        normalize(src, &mut sbuf);
        if letters(&tbuf) >= MIN_LETTERS
            && translatable(cx.an, Span::from_usize(0, text.len()))
            && let Some(kind) = compare(&tbuf, &sbuf)
        {
            let what = if kind == "identical" {
                "the whole text is identical to its source: it was not translated"
            } else {
                "the whole text is nearly identical to its source: it was not translated"
            };
            out.report_kind(kind, false, first_line(text), what, None);
            return;
        }
        let src_an = Analysis::new(src, Some(src_lang));
        let mut source_sentences: HashSet<u64> = HashSet::new();
        for s in &src_an.sentences {
            normalize(s.span.text(src), &mut sbuf);
            if letters(&sbuf) >= MIN_LETTERS {
                source_sentences.insert(xxh3_64(sbuf.as_bytes()));
            }
        }
        for s in &cx.an.sentences {
            if !translatable(cx.an, s.span) {
                continue;
            }
            let seg = s.span.text(text);
            normalize(seg, &mut tbuf);
            if source_sentences.contains(&xxh3_64(tbuf.as_bytes()))
                && !third_language(seg, src_lang)
            {
                report(out, s.span, seg, "identical", "a source sentence");
            }
        }
    }
}

fn report(out: &mut Sink<'_>, span: Span, seg: &str, kind: &'static str, what: &str) {
    let shown: String = seg.chars().take(60).collect();
    let ellipsis = if shown.len() < seg.len() { "…" } else { "" };
    let how = if kind == "identical" {
        "identical to"
    } else {
        "nearly identical to"
    };
    out.report_kind(
        kind,
        false,
        span,
        format!("`{shown}{ellipsis}` is {how} {what}: it was not translated"),
        None,
    );
}

/// Whether a copied segment is clearly in a language other than the source's: English quoted in a
/// German source and kept in the French translation is not a failure to translate.
fn third_language(segment: &str, source_lang: Lang) -> bool {
    if !source_lang.is_known() {
        return false;
    }
    let words = segment
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty());
    stopword_language(&stopword_scores(words)).is_some_and(|l| l != source_lang)
}

/// `identical`, `near-identical` or nothing.
fn compare(target: &str, source: &str) -> Option<&'static str> {
    if target == source {
        return (letters(target) >= MIN_LETTERS).then_some("identical");
    }
    // The 5-gram sets are about as large as the texts: their Jaccard similarity is at most the ratio
    // of the lengths, so most translations leave here.
    let (a, b) = (
        target.len().min(source.len()),
        target.len().max(source.len()),
    );
    if (a as f64) < MIN_JACCARD * b as f64 * 0.9 || letters(target) < MIN_LETTERS {
        return None;
    }
    // Cheap estimates before the exact sets: sampled 5-grams of the target found in the source, then
    // 1,024-bit signatures.
    if sampled_overlap(target, source) < 0.6
        || sketch_similarity(target, source) < MIN_JACCARD - 0.1
    {
        return None;
    }
    (jaccard5(target, source) >= MIN_JACCARD).then_some("near-identical")
}

/// The share of a sample of the target's character 5-grams (one every 8 bytes) found in the source.
fn sampled_overlap(target: &str, source: &str) -> f64 {
    let mut tried = 0u32;
    let mut found = 0u32;
    let mut i = 0usize;
    while i < target.len() {
        if !target.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let mut end = i;
        for _ in 0..5 {
            end += target[end..].chars().next().map_or(0, char::len_utf8);
        }
        if end > target.len() || end == i {
            break;
        }
        tried += 1;
        if memchr::memmem::find(source.as_bytes(), &target.as_bytes()[i..end]).is_some() {
            found += 1;
        }
        i += 8;
    }
    if tried == 0 {
        return 0.0;
    }
    f64::from(found) / f64::from(tried)
}

/// Jaccard similarity of 1,024-bit signatures of the character 5-grams (an over-estimate when
/// grams collide, so it only rules pairs out).
fn sketch_similarity(a: &str, b: &str) -> f64 {
    fn sketch(text: &str) -> [u64; 16] {
        let mut bits = [0u64; 16];
        let bytes = text.as_bytes();
        let idx: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        for (k, &i) in idx.iter().enumerate() {
            let end = idx.get(k + 5).copied().unwrap_or(bytes.len());
            if k + 5 > idx.len() && k > 0 {
                break;
            }
            let h = xxh3_64(&bytes[i..end]) as usize & 1023;
            bits[h / 64] |= 1 << (h % 64);
        }
        bits
    }
    let (x, y) = (sketch(a), sketch(b));
    let inter: u32 = x.iter().zip(&y).map(|(p, q)| (p & q).count_ones()).sum();
    let union: u32 = x.iter().zip(&y).map(|(p, q)| (p | q).count_ones()).sum();
    if union == 0 {
        return 0.0;
    }
    f64::from(inter) / f64::from(union)
}

/// Whether the words of `span` are mostly ordinary words: fewer than half capitalised or numeric.
fn translatable(an: &Analysis<'_>, span: Span) -> bool {
    let text = an.text;
    let from = an.tokens.partition_point(|t| t.end <= span.start);
    let mut words = 0usize;
    let mut marked = 0usize;
    for t in an.tokens[from..].iter().take_while(|t| t.start < span.end) {
        match t.kind {
            TokenKind::Number => {
                words += 1;
                marked += 1;
            }
            TokenKind::Word => {
                words += 1;
                if t.text(text).starts_with(|c: char| c.is_uppercase()) {
                    marked += 1;
                }
            }
            _ => {}
        }
    }
    words > 0 && marked * 2 < words
}

/// Lowercase letters and digits, every other run of characters as one space, trimmed.
pub fn normalize(text: &str, out: &mut String) {
    out.clear();
    let mut gap = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.extend(c.to_lowercase());
        } else {
            gap = true;
        }
    }
}

fn letters(normalized: &str) -> usize {
    normalized.chars().filter(|c| c.is_alphabetic()).count()
}

/// The set of hashed character 5-grams of a normalised text.
fn grams5(text: &str) -> HashSet<u64> {
    let idx: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let mut set = HashSet::with_capacity(idx.len());
    if idx.len() <= 5 {
        set.insert(xxh3_64(text.as_bytes()));
        return set;
    }
    for w in idx.windows(6) {
        set.insert(xxh3_64(&text.as_bytes()[w[0]..w[5]]));
    }
    set
}

/// Jaccard similarity of the character-5-gram sets of two normalised texts.
pub fn jaccard5(a: &str, b: &str) -> f64 {
    let (ga, gb) = (grams5(a), grams5(b));
    let inter = ga.intersection(&gb).count();
    let union = ga.len() + gb.len() - inter;
    if union == 0 {
        return 0.0;
    }
    inter as f64 / union as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::rules::builtin::mt::bitext::testing::{bitext_spans, run_bitext};
    use crate::rules::testing::assert_allows;

    #[test]
    fn catalog_cases() {
        let r = SourceCopy;
        let s = "The ministry declined to comment on the report.";
        assert_eq!(bitext_spans(&r, Lang::FR, s, s), [s]);
        let s = "El ministerio no respondió a las preguntas.";
        assert_eq!(bitext_spans(&r, Lang::FR, s, s), [s]);
        let s = "Apple iPhone 15 Pro Max";
        assert!(bitext_spans(&r, Lang::FR, s, s).is_empty());
        assert!(
            bitext_spans(
                &r,
                Lang::FR,
                "The ministry declined to comment.",
                "Le ministère s’est refusé à tout commentaire."
            )
            .is_empty()
        );
    }

    #[test]
    fn copies_of_a_third_language_are_kept() {
        let r = SourceCopy;
        let source = "Er hat uns gestern einen langen Brief geschrieben, in dem er um Hilfe bat und \
            sich für die Verspätung entschuldigte:\nCan anyone help correct my letter for an assignment?";
        let target = "Il nous a écrit hier une longue lettre :\nCan anyone help correct my letter for an assignment?";
        let found =
            crate::rules::builtin::mt::bitext::testing::run_bitext(&r, Lang::FR, source, target);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn nothing_without_a_source() {
        assert_allows(
            &SourceCopy,
            Lang::FR,
            "The ministry declined to comment on the report.",
        );
    }

    #[test]
    fn line_by_line_and_near_copies() {
        let r = SourceCopy;
        let source =
            "Le titre du jour\nThe ministry declined to comment on the report.\nIt said nothing.";
        let target =
            "Le titre du jour\nThe Ministry declined to comment on the report!\nIl n’a rien dit.";
        assert_eq!(
            bitext_spans(&r, Lang::FR, source, target),
            ["The Ministry declined to comment on the report!"]
        );
        let found = run_bitext(
            &r,
            Lang::FR,
            "The ministry declined to comment on the damning report.",
            "The ministry declined to comment on the damning reports.",
        );
        assert_eq!(found[0].kind, Some("near-identical"));
        assert_eq!(found[0].severity, Severity::Error);
    }

    #[test]
    fn unaligned_documents() {
        let r = SourceCopy;
        let source =
            "The ministry declined to comment on the report. It said nothing else.\nThe end.";
        let target = "Le ministère n’a pas commenté.\nThe ministry declined to comment on the report. Il n’a rien dit d’autre.\nFin.\nSuite.";
        assert_eq!(
            bitext_spans(&r, Lang::FR, source, target),
            ["The ministry declined to comment on the report."]
        );
        let whole =
            "The ministry declined to comment on the report. It said nothing else about it.";
        let found = run_bitext(&r, Lang::FR, whole, &format!("{whole}\n\nMore."));
        assert_eq!(found.len(), 1);
        assert!(found[0].message.starts_with("the whole text"));
    }

    #[test]
    fn jaccard_bounds() {
        assert!((jaccard5("abcdefgh", "abcdefgh") - 1.0).abs() < 1e-9);
        assert!(jaccard5("abcdefgh", "zzzzzzzz") < 1e-9);
        let mut n = String::new();
        normalize("  L’État, c’est moi !  ", &mut n);
        assert_eq!(n, "l état c est moi");
    }
}
