//! `fragment/list-label-leak`: list bullets and section labels left in running news text
//! (`  • Asia Kim offre son soutien…`, `World Ukraine says…`).

use super::support::{bullet_len, content_lines, ends_with_terminal, tokens_in, word_count};
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

impl Rule for ListLabelLeak {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "fragment/list-label-leak".into(),
            severity: Severity::Warning,
            summary: "a list bullet or a section label left in running text".into(),
            explanation: "Extracted pages keep their related-links lists and section labels: \
                `• Asia Kim offre son soutien à Poutine…` is a teaser with its bullet and its section \
                label; a bulleted lead paragraph is list markup around running text. The rule reports \
                (a) a line starting with a bullet (`•`, `▪`, `*`, `–`…) and (b) a line starting with a \
                curated section label (`Monde`, `Économie`, `World`, `Asia`…) followed by a capitalised \
                word, with at most 20 words and no terminal punctuation. A bulleted or labelled \
                headline-like line (capitalised, 4 words or more, no terminal punctuation) is sub-kind \
                `teaser`, an error; other bullets are sub-kind `bullet`, a warning. Genuine lists are \
                left alone: bullets after a line ending with `:`, and runs of two or more bulleted \
                lines that all end with `;`, `,` or `.`. Dialogue dashes (`– Oui, a-t-il répondu.`) \
                count as bullets only when the line has no terminal punctuation."
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
            if after_colon || punctuated {
                genuine[start..i].iter_mut().for_each(|g| *g = true);
            }
        }

        for (i, &line) in lines.iter().enumerate() {
            let body = line.text(text);
            let blen = bulleted[i];
            if genuine[i] {
                continue;
            }
            let rest = Span::new(line.start + blen as u32, line.end);
            let rest_text = rest.text(text);
            let terminal = ends_with_terminal(rest_text);
            let toks = tokens_in(cx.an, rest);
            let words = word_count(toks);
            let label =
                label_at(rest_text).filter(|_| i > 0 && !terminal && words <= MAX_LABEL_LINE_WORDS);
            if blen == 0 && label.is_none() {
                continue;
            }
            let dash = body.starts_with(['–', '—', '-']);
            if dash && terminal {
                continue; // a dialogue or interview line
            }
            let headline =
                !terminal && words >= 4 && rest_text.chars().next().is_some_and(char::is_uppercase);
            let span = match label {
                Some(len) => Span::new(line.start, rest.start + len as u32),
                None => Span::new(line.start, line.start + blen as u32),
            };
            let shown = span.text(text).trim_end();
            if headline || label.is_some() {
                let what = match label {
                    Some(_) => "section label",
                    None => "list bullet",
                };
                out.report_kind(
                    "teaser",
                    true,
                    span,
                    format!("{what} `{shown}` before a headline: a related-article teaser left in the text"),
                    None,
                );
            } else {
                out.report_kind(
                    "bullet",
                    false,
                    span,
                    format!("list bullet `{shown}` in running text"),
                    Some(String::new()),
                );
            }
        }
    }
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
