//! Access to a document's source text (the JSONL record's `source` field) for the bitext rules, and
//! line alignment of source and target.

use crate::lang::Lang;
use crate::lang::detect::detect_document;
use crate::rules::Ctx;
use crate::span::Span;

/// The document's source text, when its record has a non-blank string `source` field.
pub fn source<'a>(cx: &Ctx<'a>) -> Option<&'a str> {
    let s = cx.doc.meta.get("source")?.as_str()?;
    (!s.trim().is_empty()).then_some(s)
}

/// The language of the source: the record's `source_lang` or `src_lang` field, or the first half of
/// an `lp` field (`de-fr`), else detected from the source text.
pub fn source_lang(cx: &Ctx<'_>, source: &str) -> Lang {
    for field in ["source_lang", "src_lang"] {
        if let Some(l) = cx
            .doc
            .meta
            .get(field)
            .and_then(|v| v.as_str())
            .and_then(Lang::parse)
        {
            return l;
        }
    }
    if let Some(lp) = cx.doc.meta.get("lp").and_then(|v| v.as_str())
        && let Some((src, _)) = lp.split_once('-')
        && let Some(l) = Lang::parse(src)
    {
        return l;
    }
    detect_document(source)
}

/// One aligned segment: a target line (trimmed, as a span of the document) and its source line.
#[derive(Debug, Clone, Copy)]
pub struct Pair<'s> {
    pub target: Span,
    pub source: &'s str,
}

/// The non-blank lines of a text, trimmed, with their byte offsets.
pub fn non_blank_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0usize;
    text.split('\n').filter_map(move |line| {
        let start = offset;
        offset += line.len() + 1;
        let trimmed = line.trim();
        if trimmed.is_empty() {
            return None;
        }
        let lead = line.len() - line.trim_start().len();
        Some((start + lead, trimmed))
    })
}

/// Source and target paired line by line, when they have the same number of non-blank lines.
pub fn aligned_lines<'s>(target: &str, source: &'s str) -> Option<Vec<Pair<'s>>> {
    let t: Vec<(usize, &str)> = non_blank_lines(target).collect();
    let s: Vec<&str> = non_blank_lines(source).map(|(_, l)| l).collect();
    if t.len() != s.len() || t.is_empty() {
        return None;
    }
    Some(
        t.into_iter()
            .zip(s)
            .map(|((start, line), source)| Pair {
                target: Span::from_usize(start, start + line.len()),
                source,
            })
            .collect(),
    )
}

/// The first non-blank line of a text as a span (where document-level findings are reported).
pub fn first_line(text: &str) -> Span {
    non_blank_lines(text)
        .next()
        .map_or(Span::new(0, 0), |(s, l)| Span::from_usize(s, s + l.len()))
}

/// Whether a text is mostly written in a script without spaces between words or with dense
/// characters (Chinese, Japanese, Korean, Thai), where character counts do not compare with Latin.
pub fn is_dense_script(text: &str) -> bool {
    let mut dense = 0usize;
    let mut letters = 0usize;
    // A sample is enough: the first 2,000 letters.
    for c in text.chars().filter(|c| c.is_alphabetic()).take(2000) {
        letters += 1;
        if ('\u{0E00}'..='\u{0EFF}').contains(&c) || c >= '\u{2E80}' {
            dense += 1;
        }
    }
    dense * 5 > letters
}

#[cfg(test)]
pub(crate) mod testing {
    //! Running a rule on a document that carries a `source`.

    use crate::Diagnostic;
    use crate::document::Document;
    use crate::index::{Index, IndexView};
    use crate::lang::Lang;
    use crate::rules::{Ctx, Rule, Sink};
    use crate::tokenize::Analysis;

    /// Runs `rule` on `target` (language `lang`) with `source` in the record's metadata.
    pub fn run_bitext(rule: &dyn Rule, lang: Lang, source: &str, target: &str) -> Vec<Diagnostic> {
        let mut doc = Document::plain("test.jsonl", target);
        doc.lang = Some(lang);
        doc.meta
            .insert("source".into(), serde_json::Value::String(source.into()));
        let an = Analysis::new(&doc.text, Some(lang));
        let index = Index::default();
        let view = IndexView::new(&index, None);
        let cx = Ctx {
            doc: &doc,
            an: &an,
            index: &view,
        };
        let meta = rule.meta();
        let mut out = Vec::new();
        rule.check(&cx, &mut Sink::new(&meta.id, meta.severity, &mut out));
        out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        out
    }

    /// The flagged span texts of `run_bitext`.
    pub fn bitext_spans(rule: &dyn Rule, lang: Lang, source: &str, target: &str) -> Vec<String> {
        run_bitext(rule, lang, source, target)
            .iter()
            .map(|d| d.span.text(target).to_string())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_non_blank_lines() {
        let target = "Titre\n\n  Corps.  \nFin.";
        let pairs = aligned_lines(target, "Title\nBody.\n\nEnd.").unwrap_or_default();
        let got: Vec<(&str, &str)> = pairs
            .iter()
            .map(|p| (p.target.text(target), p.source))
            .collect();
        assert_eq!(
            got,
            [("Titre", "Title"), ("Corps.", "Body."), ("Fin.", "End.")]
        );
        assert!(aligned_lines(target, "One line only.").is_none());
        assert_eq!(first_line(target).text(target), "Titre");
    }

    #[test]
    fn dense_scripts() {
        assert!(is_dense_script("北京时间昨天下午，新闻发布会"));
        assert!(!is_dense_script("Le président a parlé à Tokyo (東京)."));
    }
}
