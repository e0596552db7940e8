//! `fragment/caption-credit-leak`: photo captions and agency credits left in the article body
//! (`…de son voyage.STRAFP`, `Photo : AFP`, `© Getty Images`, `STR / AFP`).

use std::sync::{LazyLock, OnceLock};

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;

use super::support::{content_lines, has_finite_verb, word_count};
use crate::diagnostic::Severity;
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};
use crate::span::Span;

pub struct CaptionCreditLeak {
    /// (a) A credit glued to the end of a line, after a period or a lowercase letter.
    glued: LazyRegex,
    /// (b) A line that is only a credit, save the form [`Self::credit_slash`] reads.
    credit_line: LazyRegex,
    /// (b) A line that is only a name and an agency, with a slash (`Jean Dupont / AFP`): the name
    /// (after its capital) is captured, and must have at most 40 characters (see
    /// [`Self::is_credit_line`]).
    credit_slash: LazyRegex,
    /// (b′) A credit after a sentence on the same line, or in brackets.
    credit_tail: LazyRegex,
    /// Wire datelines, which are content (`PARIS (AFP) –`).
    dateline: LazyRegex,
}

/// A regex compiled on first use. The cheap tests before each regex rule out most lines, so a run
/// over a few documents often needs none of them, and their Unicode classes make them costly to
/// build.
struct LazyRegex {
    pattern: String,
    regex: OnceLock<Regex>,
}

impl LazyRegex {
    fn new(pattern: String) -> Self {
        LazyRegex {
            pattern,
            regex: OnceLock::new(),
        }
    }

    fn get(&self) -> &Regex {
        self.regex
            .get_or_init(|| super::super::regex(&self.pattern))
    }
}

const AGENCIES: &str = "AFP|AP|EFE|ANSA|DPA|dpa|REUTERS|Reuters|GETTY|Getty|Getty Images|XINHUA|Xinhua|KCNA|Yonhap|TASS|Sputnik|EPA|Anadolu|Belga|Keystone|SIPA|Sipa|Abaca|MAXPPP|Maxppp|Shutterstock|Bloomberg";

/// [`AGENCIES`] as a list, for the cheap tests before the regexes.
static AGENCY_LIST: LazyLock<Vec<&'static str>> = LazyLock::new(|| AGENCIES.split('|').collect());

/// Whether a line ends with one of the agency names (a cheap test before the regexes).
fn ends_with_agency(line: &str) -> bool {
    static LAST_BYTES: LazyLock<[bool; 256]> = LazyLock::new(|| {
        let mut out = [false; 256];
        for a in AGENCY_LIST.iter() {
            if let Some(&b) = a.as_bytes().last() {
                out[usize::from(b)] = true;
            }
        }
        out
    });
    // Most lines end with a period: one byte rules every agency out.
    line.as_bytes()
        .last()
        .is_some_and(|&b| LAST_BYTES[usize::from(b)])
        && AGENCY_LIST.iter().any(|a| line.ends_with(a))
}

/// The agencies of the dateline regex, as they follow its `(`, with the `)` that closes them.
const DATELINE_AGENCIES: [&str; 5] = ["AFP)", "Reuters)", "AP)", "EFE)", "DPA)"];

/// Words that open a credit.
const CREDIT_WORDS: [&str; 8] = [
    "Photo",
    "Crédit",
    "Credit",
    "Image",
    "Illustration",
    "Vidéo",
    "Video",
    "©",
];

/// Where the words that open a credit ([`CREDIT_WORDS`]) start in `text`, in order (a cheap test
/// before the credit regexes), found by one multi-pattern search. No word holds, after its first
/// byte, a byte another word starts with (`P`, `C`, `I`, `V`, or 0xC2 for `©`), so occurrences never
/// overlap and the search, which skips past each match, finds all of them. No word holds whitespace,
/// so a trimmed line holds one of them exactly when one of these offsets falls inside it.
fn credit_word_starts(text: &str) -> Vec<u32> {
    const _: () = {
        let mut i = 0;
        while i < CREDIT_WORDS.len() {
            let w = CREDIT_WORDS[i].as_bytes();
            assert!(matches!(w[0], b'P' | b'C' | b'I' | b'V' | 0xC2));
            let mut j = 1;
            while j < w.len() {
                assert!(!matches!(w[j], b'P' | b'C' | b'I' | b'V' | 0xC2));
                j += 1;
            }
            i += 1;
        }
    };
    static SEARCH: LazyLock<AhoCorasick> = LazyLock::new(|| {
        match AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .build(CREDIT_WORDS)
        {
            Ok(a) => a,
            Err(e) => unreachable!("credit words do not build: {e}"),
        }
    });
    SEARCH.find_iter(text).map(|m| m.start() as u32).collect()
}

/// Captions are between these many words (inclusive).
const CAPTION_WORDS: std::ops::RangeInclusive<usize> = 5..=30;

impl CaptionCreditLeak {
    pub fn new() -> Self {
        CaptionCreditLeak {
            glued: LazyRegex::new(format!(
                r"(?:\.|\p{{Ll}})((?:STR|STF|HO|POOL)?/?(?:{AGENCIES})(?:\s*/\s*(?:{AGENCIES}))?)\s*$"
            )),
            credit_line: LazyRegex::new(format!(
                r"^(?:(?:Photos?|Crédits?(?: photo)?|Credits?|Image|Illustration|Vidéo|Video)\s*:\s*[^.!?]{{1,60}}|(?:Photos?|Crédit photo|Credit)\s+(?:{AGENCIES})\b[^.!?]{{0,40}}|©\s*[^.!?]{{1,60}})$"
            )),
            credit_slash: LazyRegex::new(format!(
                r"^\p{{Lu}}([\p{{L}}.’'\- ]+?)\s*/\s*(?:{AGENCIES})$"
            )),
            credit_tail: LazyRegex::new(format!(
                r"(?:[.!?]\s+((?:Photos?|Crédits?|Credits?|Image)\s*:\s*[^.]{{1,60}})$|(\((?:Photo|Crédit|Credit)s?\s*:?[^)]{{1,60}}\))|[.!?]\s+(©\s*[^.]{{1,60}})$|[.!?]\s+((?:(?:STR|STF|HO|POOL)?\s*/\s*)?(?:{AGENCIES}))$)"
            )),
            dateline: LazyRegex::new(
                r"^\p{Lu}[\p{L} ]+ \((?:AFP|Reuters|AP|EFE|DPA)\) [–—-]".to_string(),
            ),
        }
    }

    /// (b) Whether a line is only a credit: `Photo : AFP`, `© Getty Images`, or a name of 1 to 40
    /// characters after its capital, a slash and an agency (`STR / AFP`). A regex counting the
    /// name's characters (`[\p{L}.’'\- ]{1,40}`) would hold forty copies of the Unicode letter
    /// class, costly to build; the name is matched as short as possible (a lazy repetition) and
    /// counted here instead: the shortest name that fits the line has at most 40 characters
    /// exactly when some name of 1 to 40 does.
    fn is_credit_line(&self, body: &str) -> bool {
        self.credit_line.get().is_match(body)
            || self
                .credit_slash
                .get()
                .captures(body)
                .and_then(|c| c.get(1))
                .is_some_and(|name| name.as_str().chars().count() <= 40)
    }

    /// Whether the credit glued to a line end is one `glue/missing-space-after-punct` already
    /// reports as `credit-glue` (a period followed by capitals only, to the end of the line).
    fn reported_by_glue(credit: &str, after_period: bool) -> bool {
        after_period && credit.chars().all(char::is_uppercase) && credit.chars().count() >= 2
    }
}

impl Default for CaptionCreditLeak {
    fn default() -> Self {
        Self::new()
    }
}

impl Rule for CaptionCreditLeak {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "fragment/caption-credit-leak".into(),
            severity: Severity::Warning,
            summary: "a photo caption or agency credit left in the text".into(),
            explanation: "Pages extracted with their pictures leave the caption and the credit in the \
                body: `Le dirigeant à l’une des étapes de son voyage.STRAFP`, `Photo : AFP`, `© Getty \
                Images`. The rule reports (a) an agency credit glued to the end of a line (except the \
                `.AFP` form, which `glue/missing-space-after-punct` reports as `credit-glue`), (b) a \
                line that is only a credit (`Photo : Reuters`, `STR / AFP`) or a credit after a \
                sentence or in brackets, and (c) the caption itself: a line of 5 to 30 words with no \
                finite verb, glued to a credit or just before a credit line. A caption glued to its \
                credit is an error, the rest warnings. Agencies in running text (`selon l’AFP`, \
                `Reuters reported`) and wire datelines (`PARIS (AFP) –`) are content."
                .into(),
            flagged: examples(&[
                ("fr", "Le président lors de sa conférence de presse.AFP"),
                (
                    "fr",
                    "Des pompiers luttent contre l’incendie près d’Athènes. Photo : Reuters",
                ),
                (
                    "en",
                    "Romania’s transport minister at the signing ceremony in Bucharest.\nSTR / AFP\nThe deal was signed on Monday.",
                ),
            ]),
            allowed: examples(&[
                ("fr", "L’Agence France-Presse (AFP) a confirmé l’information."),
                ("en", "Reuters reported that the talks had stalled."),
                ("fr", "PARIS (AFP) – Le gouvernement a annoncé un plan selon l’AFP"),
                ("fr", "Le texte de l’article.\n\n(Avec AFP)"),
            ]),
            languages: Vec::new(),
            default_enabled: true,
            origin: file!().into(),
        }
    }

    fn check(&self, cx: &Ctx<'_>, out: &mut Sink<'_>) {
        let text = cx.text();
        let lines = content_lines(cx.an);
        let credit_words = credit_word_starts(text);
        for (i, &line) in lines.iter().enumerate() {
            let body = line.text(text);
            // A dateline has only letters and spaces before its `(`, which an agency and `) `
            // follow: most lines are ruled out without the regex.
            if let Some(p) = memchr::memchr(b'(', body.as_bytes())
                && let Some(after) = body.as_bytes().get(p + 1..)
                && DATELINE_AGENCIES
                    .iter()
                    .any(|a| after.starts_with(a.as_bytes()))
                && self.dateline.get().is_match(body)
            {
                continue;
            }
            // (a) A credit glued to the end of the line.
            let agency_end = ends_with_agency(body);
            if agency_end
                && let Some(c) = self.glued.get().captures(body)
                && let (Some(all), Some(credit)) = (c.get(0), c.get(1))
            {
                let after_period = body[all.start()..].starts_with('.');
                let credit_span = Span::from_usize(
                    line.start as usize + credit.start(),
                    line.start as usize + credit.end(),
                );
                if !Self::reported_by_glue(credit.as_str(), after_period) {
                    out.report_kind(
                        "glued-credit",
                        true,
                        credit_span,
                        format!("credit `{}` glued to the text: a photo credit has leaked into the article", credit.as_str()),
                        None,
                    );
                }
                // (c) The caption it is glued to.
                let caption = Span::new(line.start, credit_span.start);
                self.caption(cx, caption, true, out);
                continue;
            }
            // (b) A line that is only a credit.
            let first = credit_words.partition_point(|&s| s < line.start);
            let credit_word = agency_end || credit_words.get(first).is_some_and(|&s| s < line.end);
            if (agency_end || credit_word)
                && body.len() <= 240
                && body.chars().count() <= 80
                && self.is_credit_line(body)
            {
                out.report_kind(
                    "credit",
                    false,
                    line,
                    format!("credit line `{body}` left in the text"),
                    None,
                );
                if let Some(&prev) = i.checked_sub(1).and_then(|j| lines.get(j))
                    && i >= 2
                {
                    self.caption(cx, prev, false, out);
                }
                continue;
            }
            // (b′) A credit after a sentence on the same line, or in brackets.
            if (agency_end || credit_word)
                && let Some(c) = self.credit_tail.get().captures(body)
                && let Some(m) = c.iter().skip(1).flatten().next()
            {
                let span = Span::from_usize(
                    line.start as usize + m.start(),
                    line.start as usize + m.end(),
                );
                out.report_kind(
                    "credit",
                    false,
                    span,
                    format!("credit `{}` left in the text", m.as_str()),
                    None,
                );
            }
        }
    }
}

impl CaptionCreditLeak {
    /// (c) Reports `span` as a caption when it has 5–30 words and no finite verb.
    fn caption(&self, cx: &Ctx<'_>, span: Span, glued: bool, out: &mut Sink<'_>) {
        let text = cx.text();
        let toks = cx.an.tokens_in(span);
        let words = word_count(toks);
        let body = span.text(text).trim_end();
        if !CAPTION_WORDS.contains(&words) || has_finite_verb(cx.an.lang, text, toks) {
            return;
        }
        // A caption is one sentence: no sentence break inside it.
        let inner = body.trim_end_matches(['.', ' ']);
        if inner.contains(". ") || inner.contains("? ") || inner.contains("! ") {
            return;
        }
        let span = Span::new(span.start, span.start + body.len() as u32);
        out.report_kind(
            "caption",
            glued,
            span,
            "verbless photo caption left in the text",
            None,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::rules::testing::{assert_allows, assert_flags, run};

    #[test]
    fn credit_words_are_found_wherever_they_start() {
        let text = "« Photo » iPhoto, Crédit et Credit ; Image, Illustration, Vidéo, Video ©X. PIC";
        let found: Vec<&str> = credit_word_starts(text)
            .into_iter()
            .map(|i| &text[i as usize..])
            .collect();
        assert_eq!(found.len(), 9, "{found:?}");
        for (f, w) in found.iter().zip([
            "Photo",
            "Photo",
            "Crédit",
            "Credit",
            "Image",
            "Illustration",
            "Vidéo",
            "Video",
            "©",
        ]) {
            assert!(f.starts_with(w), "{f} {w}");
        }
    }

    #[test]
    fn flags_glued_credits_and_captions() {
        let r = CaptionCreditLeak::new();
        // The `.STRAFP` credit itself is glue's; the caption is ours, as an error.
        let text = "Titre\n\nLe dirigeant nord-coréen Kim Jong Un à l’une des étapes de son voyage.STRAFP\n\nLe texte.";
        let found = run(&r, Lang::FR, text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].span.text(text),
            "Le dirigeant nord-coréen Kim Jong Un à l’une des étapes de son voyage."
        );
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(found[0].kind, Some("caption"));
        // A slash or no period: glue does not see it, so the credit is reported here.
        assert_flags(
            &r,
            Lang::FR,
            "Le président lors de sa conférence de presse.STR/AFP",
            &["Le président lors de sa conférence de presse.", "STR/AFP"],
        );
        assert_flags(
            &r,
            Lang::EN,
            "The minister at the signing ceremony in BucharestReuters",
            &[
                "The minister at the signing ceremony in Bucharest",
                "Reuters",
            ],
        );
        // A caption with a verb is not a caption; the glued credit is still glue's.
        assert_allows(
            &r,
            Lang::FR,
            "Le président a tenu sa conférence de presse.AFP",
        );
    }

    #[test]
    fn flags_credit_lines() {
        let r = CaptionCreditLeak::new();
        assert_flags(
            &r,
            Lang::FR,
            "Des pompiers luttent contre l’incendie près d’Athènes. Photo : Reuters",
            &["Photo : Reuters"],
        );
        assert_flags(
            &r,
            Lang::EN,
            "Title\n\nRomania’s transport minister at the signing ceremony in Bucharest.\nSTR / AFP\nThe deal was signed on Monday.",
            &[
                "Romania’s transport minister at the signing ceremony in Bucharest.",
                "STR / AFP",
            ],
        );
        assert_flags(
            &r,
            Lang::FR,
            "Le texte.\n© Getty Images\nLa suite.",
            &["© Getty Images"],
        );
        assert_flags(
            &r,
            Lang::FR,
            "La foule devant le palais (Photo : Sipa) a grossi toute la journée.",
            &["(Photo : Sipa)"],
        );
    }

    #[test]
    fn credit_lines_read_as_the_single_regex_did() {
        let r = CaptionCreditLeak::new();
        // The one regex the credit-line test used to be, with the counted name.
        let single = crate::rules::builtin::regex(&format!(
            r"^(?:(?:Photos?|Crédits?(?: photo)?|Credits?|Image|Illustration|Vidéo|Video)\s*:\s*[^.!?]{{1,60}}|(?:Photos?|Crédit photo|Credit)\s+(?:{AGENCIES})\b[^.!?]{{0,40}}|©\s*[^.!?]{{1,60}}|[\p{{Lu}}][\p{{L}}.’'\- ]{{1,40}}\s*/\s*(?:{AGENCIES}))$"
        ));
        let name = |n: usize| "é".repeat(n);
        let mut lines: Vec<String> = [
            "STR / AFP",
            "A/AFP",
            "A / AFP",
            "Jean-Marc O’Neil / Reuters",
            "J. Dupont /  Getty Images",
            "Jean Dupont 2 / AFP",
            "jean / AFP",
            "Photo : Reuters",
            "© Getty Images",
            "Crédit photo AFP (archives)",
            "Le texte.",
        ]
        .iter()
        .map(|l| l.to_string())
        .collect();
        for n in [38, 39, 40, 41, 42] {
            for spaces in ["", " ", "  ", "\u{a0}", " \u{a0} "] {
                lines.push(format!("A{}{spaces}/ AFP", name(n)));
                lines.push(format!("A{}{spaces}/AFP", name(n)));
            }
        }
        for line in &lines {
            assert_eq!(r.is_credit_line(line), single.is_match(line), "{line:?}");
        }
    }

    #[test]
    fn dateline_agencies_follow_the_regex() {
        let r = CaptionCreditLeak::new();
        for a in DATELINE_AGENCIES {
            assert!(r.dateline.get().is_match(&format!("PARIS ({a} – Le texte")));
        }
    }

    #[test]
    fn allows_agencies_in_running_text() {
        let r = CaptionCreditLeak::new();
        assert_allows(
            &r,
            Lang::FR,
            "L’Agence France-Presse (AFP) a confirmé l’information.",
        );
        assert_allows(&r, Lang::EN, "Reuters reported that the talks had stalled.");
        assert_allows(&r, Lang::FR, "Le texte de l’article.\n\n(Avec AFP)");
        assert_allows(&r, Lang::FR, "Le texte de l’article.\n\nAvec AFP");
        assert_allows(
            &r,
            Lang::FR,
            "PARIS (AFP) – Le gouvernement a annoncé un plan.",
        );
        assert_allows(&r, Lang::FR, "Il a été interrogé par l’AFP");
        assert_allows(&r, Lang::EN, "He told AP");
        assert_allows(&r, Lang::EN, "The photo: a crowd in the rain, a flag.");
        assert_allows(&r, Lang::FR, "Un texte de 20 mots / AFP n’est pas ici.");
    }
}
