//! `fragment/list-label-leak`: list bullets and section labels left in running news text
//! (`  • Asia Kim offre son soutien…`, `World Ukraine says…`).

use super::support::{bullet_len, content_lines, ends_with_terminal, word_count};
use crate::diagnostic::Severity;
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};
use crate::span::Span;

pub struct ListLabelLeak;

/// Section and category labels of news sites (French and English), as they are written.
const LABELS: &[&str] = &[
    "Monde",
    "International",
    "Asie",
    "Europe",
    "Afrique",
    "Amériques",
    "Amérique",
    "Moyen-Orient",
    "Économie",
    "Politique",
    "Société",
    "Culture",
    "Sport",
    "Sports",
    "Sciences",
    "Science",
    "Opinion",
    "Vidéo",
    "En direct",
    "Planète",
    "Santé",
    "World",
    "Asia",
    "Africa",
    "Americas",
    "Middle East",
    "Business",
    "Politics",
    "Tech",
    "Technology",
    "Video",
    "Live",
    "Health",
    "Environment",
    "Entertainment",
];

/// Labelled lines longer than this (in words) are sentences, not teasers.
const MAX_LABEL_LINE_WORDS: usize = 20;
/// Runs of this many consecutive bulleted lines are lists.
const MIN_LIST_RUN: usize = 3;
/// A bulleted line with terminal punctuation and at least this many words is a paragraph.
const MIN_PARAGRAPH_WORDS: usize = 8;

impl Rule for ListLabelLeak {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "fragment/list-label-leak".into(),
            severity: Severity::Warning,
            summary: "a list bullet or a section label left in running text".into(),
            explanation: "Extracted pages keep their related-links lists and section labels: \
                `• Asia Kim offre son soutien à Poutine…` is a teaser with its bullet and its section \
                label; a bulleted lead paragraph is list markup around running text. The rule reports \
                (a) a curated section label (`Monde`, `Économie`, `World`, `Asia`…) at the start of a \
                line other than the first, after an optional bullet, followed by a capitalised word, on \
                a line of at most 20 words with no terminal punctuation: sub-kind `teaser`, an error; \
                (b) a bullet (`•`, `▪`, `►`, `●`…) before a capitalised headline (4 words or more, no \
                terminal punctuation): `teaser`, an error; (c) such a bullet before a paragraph of \
                running text (8 words or more, terminal punctuation): `bullet`, a warning, with the \
                bullet's removal as the fix. Genuine lists are left alone: bullets after a line ending \
                with `:`, runs of three bulleted lines or more, runs of two or more that all end with \
                `;`, `,` or `.`, and items starting in lowercase or with a digit. Dashes and asterisks \
                (`– Non, a-t-il répondu.`, `- 100 g de farine`) open dialogue and list items, so only a \
                section label after them is reported. The corpus extension of the label list (tokens \
                that are unusually often followed by a capital at line start) is not implemented."
                .into(),
            flagged: examples(&[
                ("fr", "Le texte.\n\n• Asie Le Japon relève ses taux directeurs\n\nLa suite."),
                (
                    "en",
                    "The text.\n\nWorld Ukraine says it repelled an overnight drone attack\n\nMore text.",
                ),
                (
                    "fr",
                    "Titre\n\n  • Le dirigeant est déjà de retour dans son pays après une visite d’une semaine.",
                ),
            ]),
            allowed: examples(&[
                ("fr", "Le texte.\n\nAsia Argento a présenté son film à Cannes.\n\nLa suite."),
                (
                    "fr",
                    "Les mesures annoncées :\n• la baisse de la TVA ;\n• le gel des loyers.",
                ),
                (
                    "fr",
                    "Le texte.\n\n– Avez-vous peur ? a demandé le juge.\n– Non, a-t-il répondu.",
                ),
            ]),
            languages: Vec::new(),
            default_enabled: true,
            origin: file!().into(),
        }
    }

    fn check(&self, cx: &Ctx<'_>, out: &mut Sink<'_>) {
        let text = cx.text();
        let lines = content_lines(cx.an);
        // Runs of consecutive bulleted lines; a run where every line ends with `;`, `,` or `.` (two
        // lines or more) is a genuine list, as is any run after a line ending with `:`.
        let bulleted: Vec<usize> = lines.iter().map(|l| bullet_len(l.text(text))).collect();
        let mut genuine = vec![false; lines.len()];
        let mut i = 0;
        while i < lines.len() {
            if bulleted[i] == 0 {
                i += 1;
                continue;
            }
            let start = i;
            while i < lines.len() && bulleted[i] > 0 {
                i += 1;
            }
            let after_colon = start > 0 && lines[start - 1].text(text).ends_with(':');
            let punctuated = i - start >= 2
                && lines[start..i]
                    .iter()
                    .all(|l| l.text(text).ends_with([';', ',', '.']));
            if after_colon || punctuated || i - start >= MIN_LIST_RUN {
                genuine[start..i].iter_mut().for_each(|g| *g = true);
            }
        }

        for (i, &line) in lines.iter().enumerate() {
            let body = line.text(text);
            let blen = bulleted[i];
            let rest = Span::new(line.start + blen as u32, line.end);
            let rest_text = rest.text(text);
            let terminal = ends_with_terminal(rest_text);
            // Counted only for the lines that may be reported (most are not).
            let words = || word_count(cx.an.tokens_in(rest));
            // The cheap tests first: most lines end with terminal punctuation.
            let label = (i > 0 && !terminal)
                .then(|| label_at(rest_text))
                .flatten()
                .filter(|_| words() <= MAX_LABEL_LINE_WORDS);
            if let Some(len) = label {
                let span = Span::new(line.start, rest.start + len as u32);
                let shown = span.text(text);
                out.report_kind(
                    "teaser",
                    true,
                    span,
                    format!("section label `{shown}` before a headline: a related-article teaser left in the text"),
                    None,
                );
                continue;
            }
            if blen == 0 || genuine[i] || !body.starts_with(is_strong_bullet) {
                continue;
            }
            if !rest_text.chars().next().is_some_and(char::is_uppercase) {
                continue; // a list item
            }
            let span = Span::new(line.start, line.start + blen as u32);
            let shown = span.text(text).trim_end();
            let words = words();
            if !terminal && words >= 4 {
                out.report_kind(
                    "teaser",
                    true,
                    span,
                    format!("list bullet `{shown}` before a headline: a related-article teaser left in the text"),
                    None,
                );
            } else if terminal && words >= MIN_PARAGRAPH_WORDS {
                out.report_kind(
                    "bullet",
                    false,
                    span,
                    format!("list bullet `{shown}` before a paragraph of running text"),
                    Some(String::new()),
                );
            }
        }
    }
}

/// Bullets that never open dialogue (dashes and asterisks do, or a plain list item).
fn is_strong_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '·' | '▪' | '‣' | '◦' | '►' | '▶' | '■' | '□' | '●' | '○'
    )
}

/// The byte length of a section label at the start of `line` followed by a space and a
/// capitalised word, if there is one.
fn label_at(line: &str) -> Option<usize> {
    LABELS.iter().find_map(|l| {
        let rest = line.strip_prefix(l)?;
        let after = rest.strip_prefix(' ')?;
        let next = after.chars().next()?;
        (next.is_uppercase() || next.is_ascii_digit()).then_some(l.len())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::rules::testing::{assert_allows, assert_flags, run};

    #[test]
    fn flags_labels_and_bullets() {
        let text = "Titre\n\n  • Asia Kim offre son soutien à Poutine « dans sa lutte sacrée » contre l’hégémonie occidentale\n  • Le dirigeant nord-coréen est déjà de retour dans son pays.\n\nLa suite.";
        let found = run(&ListLabelLeak, Lang::FR, text);
        let spans: Vec<&str> = found.iter().map(|d| d.span.text(text)).collect();
        assert_eq!(spans, ["• Asia", "• "]);
        assert_eq!(found[1].suggestion.as_deref(), Some(""));
        assert_eq!(found[0].kind, Some("teaser"));
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(found[1].kind, Some("bullet"));
        assert_eq!(found[1].severity, Severity::Warning);
        assert_flags(
            &ListLabelLeak,
            Lang::FR,
            "Le texte.\n\n• Asie Le Japon relève ses taux directeurs",
            &["• Asie"],
        );
        assert_flags(
            &ListLabelLeak,
            Lang::EN,
            "The text.\n\nWorld Ukraine says it repelled an overnight drone attack",
            &["World"],
        );
        assert_flags(
            &ListLabelLeak,
            Lang::FR,
            "Le texte.\n\n• Un refuge rouvre après trois hivers de travaux",
            &["• "],
        );
        assert_flags(
            &ListLabelLeak,
            Lang::FR,
            "Le texte.\n\n- Économie Les constructeurs multiplient les usines",
            &["- Économie"],
        );
    }

    #[test]
    fn allows_lists_names_and_dialogue() {
        assert_allows(
            &ListLabelLeak,
            Lang::FR,
            "Le texte.\n\nAsia Argento a présenté son film à Cannes.",
        );
        assert_allows(
            &ListLabelLeak,
            Lang::FR,
            "Les mesures annoncées :\n• la baisse de la TVA ;\n• le gel des loyers.",
        );
        assert_allows(
            &ListLabelLeak,
            Lang::FR,
            "Les mesures annoncées :\n\n• la baisse de la TVA\n• le gel des loyers",
        );
        assert_allows(
            &ListLabelLeak,
            Lang::FR,
            "Le texte.\n\n• la baisse de la TVA ;\n• le gel des loyers.",
        );
        assert_allows(
            &ListLabelLeak,
            Lang::FR,
            "Le texte.\n\n– Avez-vous peur ? a demandé le juge.\n– Non, a-t-il répondu.",
        );
        // The title may start with a label-like word.
        assert_allows(
            &ListLabelLeak,
            Lang::FR,
            "Europe Écologie remporte la mairie\n\nLe texte.",
        );
        assert_allows(
            &ListLabelLeak,
            Lang::FR,
            "Le taux est de -10 %.\n\n-5 % en mars",
        );
    }
}
