//! `fragment/verbless-sentence`: a stranded verbless fragment cut off its clause by a wrong
//! sentence split or by machine translation (`…(heure locale). Lundi, selon KCNA.`).

use regex::Regex;

use super::support::{has_finite_verb, word_count};
use crate::diagnostic::Severity;
use crate::lang::Lang;
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};
use crate::span::Span;
use crate::tokenize::{Sentence, TokenKind};

pub struct VerblessSentence {
    fr_attribution: Regex,
    en_attribution: Regex,
}

/// First words of a short fragment that make it an adjunct (time, place, attribution) rather than
/// a nominal sentence such as `Une première.` (lowercase).
const FR_HEADS: &[&str] = &[
    "selon",
    "d’après",
    "d'après",
    "hier",
    "aujourd’hui",
    "aujourd'hui",
    "demain",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "ce",
    "cette",
    "lors",
    "vers",
    "depuis",
];
const EN_HEADS: &[&str] = &[
    "according",
    "per",
    "on",
    "yesterday",
    "today",
    "tomorrow",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "earlier",
    "later",
    "last",
    "this",
    "since",
];

impl VerblessSentence {
    pub fn new() -> Self {
        use super::super::regex;
        VerblessSentence {
            fr_attribution: regex(
                r"^(?:(?:Lundi|Mardi|Mercredi|Jeudi|Vendredi|Samedi|Dimanche|Hier|Aujourd[’']hui|Ce matin|Ce soir)(?: (?:matin|midi|après-midi|soir))?|Le \d{1,2}(?:er)? \p{Ll}+)\s*,?\s*(?:selon|d[’']après)\s+[^.!?,;:]{1,60}\.$",
            ),
            en_attribution: regex(
                r"^(?:On )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Yesterday|Today)(?: (?:morning|afternoon|evening|night))?\s*,?\s*(?:according to|per)\s+[^.!?,;:]{1,60}\.$",
            ),
        }
    }
}

impl Default for VerblessSentence {
    fn default() -> Self {
        Self::new()
    }
}

impl Rule for VerblessSentence {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "fragment/verbless-sentence".into(),
            severity: Severity::Warning,
            summary: "a short verbless fragment split off the previous sentence".into(),
            explanation: "A date or attribution adjunct cut off its clause (`…dans la matinée (heure \
                locale). Lundi, selon KCNA.`) reads as a broken sentence; it comes from a wrong \
                sentence split in the source or in machine translation. (a) An attribution fragment \
                (weekday or `hier` then `selon`/`d’après`, `according to`, with no comma inside the \
                attribution) is an error. (b) A sentence of 2 to 6 words ending with a period, \
                starting with a time or attribution word, following another sentence on the same line \
                and holding no finite verb is a warning. The finite-verb test is a hand-curated list \
                of French and English forms plus suffix rules (so it errs towards seeing a verb). The \
                finding covers the previous sentence's final period and the fragment; the suggestion \
                merges them. Quotations and list items are skipped. French and English only."
                .into(),
            flagged: examples(&[
                (
                    "fr",
                    "Le convoi a franchi la frontière dans la matinée. Mardi, selon l’agence officielle.",
                ),
                (
                    "en",
                    "The ship docked late at night. On Sunday, according to state media.",
                ),
                (
                    "fr",
                    "Le train a atteint la gare dans la matinée (heure locale). Lundi, selon KCNA.",
                ),
            ]),
            allowed: examples(&[
                (
                    "fr",
                    "Mardi, selon l’agence officielle, le convoi a franchi la frontière.",
                ),
                ("en", "On Sunday, the ship docked, according to state media."),
                ("fr", "Le record est tombé. Une première."),
                (
                    "fr",
                    "Le ministre a démissionné. Depuis, le gouvernement cherche un successeur.",
                ),
            ]),
            languages: vec!["fr".into(), "en".into()],
            default_enabled: true,
            origin: file!().into(),
        }
    }

    fn check(&self, cx: &Ctx<'_>, out: &mut Sink<'_>) {
        let lang = cx.an.lang;
        let (attribution, heads) = if lang == Lang::FR {
            (&self.fr_attribution, FR_HEADS)
        } else if lang == Lang::EN {
            (&self.en_attribution, EN_HEADS)
        } else {
            return;
        };
        let text = cx.text();
        let sentences = &cx.an.sentences;
        for (i, s) in sentences.iter().enumerate() {
            let st = s.span.text(text);
            if !st.ends_with('.') || st.len() > 120 {
                continue;
            }
            let prev = i
                .checked_sub(1)
                .and_then(|j| sentences.get(j))
                .filter(|p| same_line(text, p, s));
            let toks = cx.an.sentence_tokens(s);
            let words = word_count(toks);
            let kind_a = attribution.is_match(st);
            let kind_b = !kind_a
                && prev.is_some()
                && (2..=6).contains(&words)
                && toks
                    .iter()
                    .find(|t| t.kind == TokenKind::Word)
                    .is_some_and(|t| {
                        let w = t.text(text).to_lowercase();
                        heads.contains(&w.as_str())
                    })
                && !has_finite_verb(lang, text, toks);
            if !(kind_a || kind_b) {
                continue;
            }
            if in_quotation(text, s.span) {
                continue;
            }
            let report = |out: &mut Sink<'_>, span: Span, suggestion: Option<String>| {
                out.report_kind(
                    if kind_a { "attribution" } else { "adjunct" },
                    kind_a,
                    span,
                    format!("`{st}` is a verbless fragment cut off the previous sentence"),
                    suggestion,
                );
            };
            match prev {
                Some(p)
                    if p.span.text(text).ends_with('.') && !p.span.text(text).ends_with("..") =>
                {
                    let dot = p.span.end - 1;
                    let span = Span::new(dot, s.span.end);
                    let suggestion = format!(", {}", lower_first(lang, st));
                    report(out, span, Some(suggestion));
                }
                _ => report(out, s.span, None),
            }
        }
    }
}

/// Whether two sentences are on the same line.
fn same_line(text: &str, a: &Sentence, b: &Sentence) -> bool {
    let gap = text
        .get(a.span.end as usize..b.span.start as usize)
        .unwrap_or("\n");
    !gap.contains('\n')
}

/// Whether `span` sits inside an open quotation on its line (more openers than closers before it).
fn in_quotation(text: &str, span: Span) -> bool {
    let line_start = text[..span.start as usize].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..span.start as usize];
    let open = before.matches(['«', '“']).count();
    let close = before.matches(['»', '”']).count();
    open > close || before.matches('"').count() % 2 == 1
}

/// The fragment with its first letter lowercased, except English weekdays (`On Sunday` → `on Sunday`).
fn lower_first(lang: Lang, s: &str) -> String {
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let first_word = s.split([' ', ',']).next().unwrap_or("");
    let keep = lang == Lang::EN
        && matches!(
            first_word,
            "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday" | "Sunday"
        );
    if keep {
        return s.to_string();
    }
    first.to_lowercase().chain(chars).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_allows, assert_flags, run};

    #[test]
    fn flags_attribution_fragments() {
        let r = VerblessSentence::new();
        assert_flags(
            &r,
            Lang::FR,
            "Le convoi a franchi la frontière dans la matinée. Mardi, selon l’agence officielle.",
            &[". Mardi, selon l’agence officielle."],
        );
        assert_flags(
            &r,
            Lang::EN,
            "The ship docked late at night. On Sunday, according to state media.",
            &[". On Sunday, according to state media."],
        );
        let text = "    Le train a atteint la gare de la rivière Tumen, dans la matinée (heure locale). Lundi, selon KCNA.";
        let found = run(&r, Lang::FR, text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span.text(text), ". Lundi, selon KCNA.");
        assert_eq!(found[0].suggestion.as_deref(), Some(", lundi, selon KCNA."));
        assert_eq!(found[0].severity, Severity::Error);
        // Alone on its line: the fragment itself, no suggestion.
        let found = run(
            &r,
            Lang::FR,
            "Le texte.\n\nMercredi, d’après l’agence Europa Press.",
        );
        assert_eq!(found.len(), 1);
        assert!(found[0].suggestion.is_none());
    }

    #[test]
    fn flags_short_adjuncts_as_warnings() {
        let r = VerblessSentence::new();
        let text = "Le navire a accosté dans le port. Selon les autorités locales.";
        let found = run(&r, Lang::FR, text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(found[0].span.text(text), ". Selon les autorités locales.");
        assert_flags(
            &r,
            Lang::EN,
            "The talks ended without a deal. Yesterday evening, in Geneva.",
            &[". Yesterday evening, in Geneva."],
        );
    }

    #[test]
    fn allows_full_sentences_and_nominal_sentences() {
        let r = VerblessSentence::new();
        assert_allows(
            &r,
            Lang::FR,
            "Mardi, selon l’agence officielle, le convoi a franchi la frontière.",
        );
        assert_allows(
            &r,
            Lang::EN,
            "On Sunday, the ship docked, according to state media.",
        );
        assert_allows(&r, Lang::FR, "Le record est tombé. Une première.");
        assert_allows(
            &r,
            Lang::FR,
            "Il a parlé. Selon lui, la situation est grave.",
        );
        assert_allows(
            &r,
            Lang::FR,
            "« Il est parti. Mardi, selon moi. » a-t-il raconté.",
        );
        assert_allows(&r, Lang::DE, "Er kam. Montag, laut KCNA.");
        // A fragment at the start of a line is only flagged when it is an attribution.
        assert_allows(&r, Lang::FR, "Dimanche soir.\n\nLe texte.");
    }
}
