//! `fragment/trailing-id-tag`: system, vendor or job identifiers left at the edge of a document
//! (`fr-01`, `EN_US-017`, `[fr]`, `Ref: 88213`).

use regex::Regex;

use crate::diagnostic::Severity;
use crate::index::{IndexView, last_line_shape};
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};
use crate::span::Span;
use crate::tokenize::normalize;

pub struct TrailingIdTag {
    patterns: [Regex; 4],
}

/// How many documents must end with the same digit-bearing shape before it counts as a tag family.
pub const FAMILY_MIN_DF: u64 = 20;

impl TrailingIdTag {
    pub fn new() -> Self {
        use super::super::regex;
        TrailingIdTag {
            patterns: [
                regex(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z]{2,4})?[-_]\d{1,4}$"),
                regex(r"^\[[a-z]{2}(?:-[A-Z]{2})?\]$"),
                regex(r"^(?:ID|Ref|Réf|Job|Doc)\s*[:#]\s*[\w-]+$"),
                regex(r"^[0-9a-f]{8,}$"),
            ],
        }
    }

    fn is_tag(&self, line: &str) -> bool {
        self.patterns.iter().enumerate().any(|(i, p)| {
            p.is_match(line)
                // A bare hexadecimal id needs both digits and letters (not a date like 20230919).
                && (i != 3 || (line.bytes().any(|b| b.is_ascii_digit()) && line.bytes().any(|b| b.is_ascii_alphabetic())))
        })
    }
}

impl Default for TrailingIdTag {
    fn default() -> Self {
        Self::new()
    }
}

impl Rule for TrailingIdTag {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "fragment/trailing-id-tag".into(),
            severity: Severity::Error,
            summary: "a system, vendor or job identifier left at the start or end of a document".into(),
            explanation: "Translation and publishing pipelines tag segments with ids (`fr-01`, \
                `EN_US-017`, `[fr]`, `Ref: 88213`); when one survives as a line of its own among the \
                first or last two lines, it is markup, not content. With a corpus, a short last line \
                with digits whose shape (digits as 0) ends at least 20 documents is a tag family and is \
                flagged too. Short closing lines without a separator and digits (`(Avec AFP)`, `COP28`) \
                are left alone."
                .into(),
            flagged: examples(&[("fr", "Le texte de l’article.\n\nfr-01"), ("en", "The article text.\n\nEN_US-017")]),
            allowed: examples(&[
                ("fr", "Le texte de l’article.\n\nCOP28"),
                ("fr", "Le vol AF-447 s’est abîmé en 2009."),
                ("fr", "Le texte de l’article.\n\n(Avec AFP)"),
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
        let text = cx.text();
        let non_blank: Vec<Span> = cx
            .an
            .lines
            .iter()
            .copied()
            .filter(|l| !l.text(text).trim().is_empty())
            .collect();
        if non_blank.len() < 2 {
            return; // a one-line document has no body for a tag to be stuck to
        }
        let n = non_blank.len();
        let mut edges: Vec<usize> = vec![0, 1, n - 2, n - 1];
        edges.sort_unstable();
        edges.dedup();
        for i in edges {
            let line = non_blank[i];
            let raw = line.text(text);
            let trimmed = raw.trim();
            let start = line.start + (raw.len() - raw.trim_start().len()) as u32;
            let span = Span::new(start, start + trimmed.len() as u32);
            if self.is_tag(trimmed) {
                out.report(
                    span,
                    format!("`{trimmed}` looks like a system or job id left in the text"),
                );
            } else if i == n - 1 && is_family_tag(cx.an, cx.index, trimmed) {
                out.report(
                    span,
                    format!(
                        "`{trimmed}` ends many documents of the corpus: an id tag left in the text"
                    ),
                );
            }
        }
    }
}

fn is_family_tag(an: &crate::tokenize::Analysis<'_>, index: &IndexView<'_>, line: &str) -> bool {
    if !line.bytes().any(|b| b.is_ascii_digit()) || line.split_whitespace().count() > 3 {
        return false;
    }
    if line.ends_with(['.', '!', '?', ')', '»', '"']) {
        return false;
    }
    match last_line_shape(an) {
        Some(shape) => {
            shape == normalize::shape(line) && index.last_line_shape_df(&shape) >= FAMILY_MIN_DF
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::rules::testing::{assert_allows, assert_flags, run_with_corpus};

    #[test]
    fn flags_tags_at_the_edges() {
        let r = TrailingIdTag::new();
        assert_flags(
            &r,
            Lang::FR,
            "Titre\n\nCorps de l’article.\n\n    fr-01",
            &["fr-01"],
        );
        assert_flags(
            &r,
            Lang::EN,
            "[fr]\nTitle\n\nBody text.\nMore.\n",
            &["[fr]"],
        );
        assert_flags(
            &r,
            Lang::EN,
            "Title\n\nBody.\n\nRef: 88213\n",
            &["Ref: 88213"],
        );
        assert_flags(
            &r,
            Lang::EN,
            "Title\nBody.\nText.\n9f86d081884c7d65\n",
            &["9f86d081884c7d65"],
        );
    }

    #[test]
    fn allows_content_lines() {
        let r = TrailingIdTag::new();
        assert_allows(&r, Lang::FR, "Titre\n\nCorps.\n\nCOP28");
        assert_allows(&r, Lang::FR, "Le vol AF-447 s’est abîmé en 2009.\nSuite.");
        assert_allows(&r, Lang::FR, "Titre\n\nCorps.\n\n(Avec AFP)");
        assert_allows(
            &r,
            Lang::EN,
            "Title\nBody.\nMiddle AB-12 line.\nText.\n20230919\n",
        );
        assert_allows(&r, Lang::EN, "fr-01");
    }

    #[test]
    fn corpus_tag_families() {
        let r = TrailingIdTag::new();
        let doc = "Titre\n\nCorps de l’article.\n\nlot 0417";
        let others: Vec<String> = (0..25)
            .map(|i| format!("Autre titre\n\nAutre corps {i}.\n\nlot {:04}", i * 7))
            .collect();
        let corpus: Vec<&str> = others.iter().map(String::as_str).collect();
        let found = run_with_corpus(&r, Lang::FR, doc, &corpus);
        assert_eq!(
            found.iter().map(|d| d.span.text(doc)).collect::<Vec<_>>(),
            ["lot 0417"]
        );
        // Without the corpus the same line is content.
        assert_allows(&r, Lang::FR, doc);
    }
}
