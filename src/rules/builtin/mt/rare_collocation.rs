//! `mt/rare-collocation` (experimental, off by default): a noun–`de`–noun pair that the corpus
//! almost never uses although its two words are common in such pairs, next to a word that the
//! corpus does pair with the same noun: `un geste de surveillance` near `drones`, where the corpus
//! says `drones de surveillance`. A lexical substitution by the translation engine (`rules.md`
//! D25). Pairs come from the corpus index (`crate::index::colloc`).

use crate::diagnostic::Severity;
use crate::index::colloc;
use crate::lang::words;
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};
use crate::span::Span;
use crate::tokenize::TokenKind;

/// The pair is expected at least this many times from its words' pair counts...
pub const MIN_EXPECTED: f64 = 5.0;
/// ...is seen at most this many times (this document's occurrence included)...
pub const MAX_OBSERVED: u64 = 1;
/// ...and a word of the same paragraph forms a pair with the same right word this many times.
pub const MIN_CONTEXT: u64 = 50;

pub struct RareCollocation;

impl Rule for RareCollocation {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "mt/rare-collocation".into(),
            severity: Severity::Error,
            summary: "a word pair the corpus never uses, where a nearby word is the usual partner (experimental)".into(),
            explanation: "A translation engine sometimes swaps a word for a wrong one that it saw nearby: \
                `un geste de surveillance` for `un drone de surveillance`, in a sentence about drones. \
                The rule counts, over the corpus, pairs of two lowercase content words joined by `de` \
                (or `d’`) in French and `of` in English. A pair is flagged when it is seen at most once \
                (this occurrence), although its words' pair counts predict it at least 5 times \
                (c(A de ·) × c(· de B) / c(· de ·)), and when another word of the same paragraph forms \
                the pair with the same right word at least 50 times in the corpus (`drones de \
                surveillance`). It needs a large corpus (or a reference `--index`) and stays \
                experimental: creative or new pairings also come out, so use it to pick documents for \
                review rather than to score them. English compounds (`reconnaissance gesture`) are \
                not covered. The examples below are flagged with a corpus where `drones de \
                surveillance` (`state of emergency`) is common; alone, they are not."
                .into(),
            flagged: examples(&[
                ("fr", "Moscou aurait livré des drones kamikazes et un geste de surveillance."),
                ("fr", "Les drones de combat et les drones de surveillance, dont un geste de surveillance."),
                ("en", "The reports describe a state of emergency and a status of emergency."),
            ]),
            allowed: examples(&[
                ("fr", "Moscou aurait livré des drones kamikazes et de surveillance."),
                ("fr", "Ce geste de bonne volonté a été salué par Séoul."),
                ("fr", "Un geste de surveillance, sans autre précision."),
                ("en", "The state of emergency was lifted."),
            ]),
            languages: vec!["fr".into(), "en".into()],
            default_enabled: false,
            origin: file!().into(),
        }
    }

    fn needs_index(&self) -> bool {
        true
    }

    fn needs_collocations(&self) -> bool {
        true
    }

    fn check(&self, cx: &Ctx<'_>, out: &mut Sink<'_>) {
        let an = cx.an;
        let lang = an.lang;
        let mut found: Vec<(Span, String)> = Vec::new();
        colloc::each_pair(an, &mut |left, right, span| {
            let observed = cx.index.colloc(lang, left, right);
            if observed > MAX_OBSERVED {
                return;
            }
            let (l, r, total) = cx.index.colloc_margins(lang, left, right);
            if total == 0 {
                return;
            }
            let expected = l as f64 * r as f64 / total as f64;
            if expected < MIN_EXPECTED {
                return;
            }
            // The usual partner of `right` among the paragraph's words.
            let Some(para) = an.paragraphs.iter().find(|p| p.contains(span)) else {
                return;
            };
            let partner = an
                .tokens_in(*para)
                .iter()
                .filter(|t| t.kind == TokenKind::Word)
                .map(|t| t.text(an.text))
                .filter(|w| {
                    *w != left
                        && w.chars().nth(2).is_some()
                        && w.chars().all(char::is_lowercase)
                        && !words::is_function_word(lang, w)
                })
                .map(|w| (w, cx.index.colloc(lang, w, right)))
                .filter(|(_, n)| *n >= MIN_CONTEXT)
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)));
            if let Some((word, n)) = partner {
                let link = if lang == crate::lang::Lang::EN {
                    "of"
                } else {
                    "de"
                };
                found.push((
                    span,
                    format!(
                        "`{}` is rare in the corpus (seen {observed}×, {expected:.0}× expected from its words) \
                         while `{word} {link} {right}` is common ({n}×) and `{word}` is nearby: a wrong word?",
                        span.text(an.text)
                    ),
                ));
            }
        });
        for (span, message) in found {
            out.report(span, message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::rules::testing::run_with_corpus;

    /// A corpus where `drones de surveillance` (`state of emergency`) is common and `geste de …`
    /// (`status of …`) frequent.
    fn corpus(lang: Lang) -> Vec<String> {
        let (common, other) = if lang == Lang::EN {
            (
                "A state of emergency in region",
                "The status of women, part",
            )
        } else {
            (
                "Les drones de surveillance survolent la zone",
                "Un geste de bonne volonté, numéro",
            )
        };
        let mut docs: Vec<String> = (0..60).map(|i| format!("{common} {i}.")).collect();
        docs.extend((0..10).map(|i| format!("{other} {i}.")));
        docs
    }

    fn flagged_in(lang: Lang, text: &str) -> Vec<String> {
        let docs = corpus(lang);
        let refs: Vec<&str> = docs.iter().map(String::as_str).collect();
        run_with_corpus(&RareCollocation, lang, text, &refs)
            .iter()
            .map(|d| d.span.text(text).to_string())
            .collect()
    }

    fn flagged(text: &str) -> Vec<String> {
        flagged_in(Lang::FR, text)
    }

    #[test]
    fn documented_examples_with_a_corpus() {
        let m = RareCollocation.meta();
        for ex in &m.flagged {
            let lang = Lang::parse(&ex.lang).unwrap();
            assert_eq!(flagged_in(lang, &ex.text).len(), 1, "{ex:?}");
        }
        for ex in &m.allowed {
            let lang = Lang::parse(&ex.lang).unwrap();
            assert!(flagged_in(lang, &ex.text).is_empty(), "{ex:?}");
        }
    }

    #[test]
    fn english_of_pairs() {
        assert_eq!(
            flagged_in(
                Lang::EN,
                "The reports describe a state of emergency and a status of emergency."
            ),
            ["status of emergency"]
        );
    }

    #[test]
    fn flags_a_substituted_word_next_to_its_usual_partner() {
        assert_eq!(
            flagged("Moscou aurait livré des drones kamikazes et un geste de surveillance."),
            ["geste de surveillance"]
        );
    }

    #[test]
    fn allows_common_pairs_and_pairs_without_a_nearby_partner() {
        assert!(flagged("Moscou aurait livré des drones kamikazes et de surveillance.").is_empty());
        assert!(flagged("Ce geste de bonne volonté a été salué par Séoul.").is_empty());
        // Rare, but no word of the paragraph is the usual partner of `surveillance`.
        assert!(flagged("Un geste de surveillance, sans autre précision.").is_empty());
        // The partner in another paragraph does not count.
        assert!(flagged("Des drones kamikazes.\n\nUn geste de surveillance.").is_empty());
    }

    #[test]
    fn needs_corpus_evidence() {
        // Alone, nothing is common: no finding.
        let text = "Moscou aurait livré des drones kamikazes et un geste de surveillance.";
        assert!(run_with_corpus(&RareCollocation, Lang::FR, text, &[]).is_empty());
    }
}
