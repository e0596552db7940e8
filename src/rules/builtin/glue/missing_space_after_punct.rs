//! `glue/missing-space-after-punct`: a punctuation mark directly followed by a letter
//! (`salle.Elle`, `sharply,while`), and its worst case, an agency credit glued to a caption
//! (`voyage.STRAFP`, sub-kind `credit-glue`).

use regex::Regex;

use crate::diagnostic::Severity;
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};
use crate::span::Span;
use crate::tokenize::abbreviations;

pub struct MissingSpaceAfterPunct {
    re: Regex,
}

impl MissingSpaceAfterPunct {
    pub fn new() -> Self {
        MissingSpaceAfterPunct {
            re: super::super::regex(r"(\p{L}{2,}|\p{Nd})([.!?;,:»)\]])(\p{L}+)"),
        }
    }
}

impl Default for MissingSpaceAfterPunct {
    fn default() -> Self {
        Self::new()
    }
}

/// Right-hand sides that make a domain name, file name or dotted product name (`lemonde.fr`, `Node.js`).
const DOTTED_TAILS: &[&str] = &[
    "fr", "com", "org", "net", "io", "eu", "de", "uk", "be", "ch", "ca", "es", "it", "gov", "edu",
    "info", "int", "js", "ts", "py", "rs", "html", "htm", "php", "pdf", "txt", "doc", "docx",
    "xls", "xlsx", "jpg", "png", "net", "NET", "tv", "fm", "ly", "co", "us", "ru", "cn", "jp",
    "md", "json", "csv", "xml", "zip",
];

impl Rule for MissingSpaceAfterPunct {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "glue/missing-space-after-punct".into(),
            severity: Severity::Warning,
            summary: "punctuation directly followed by a letter, with no space".into(),
            explanation: "A sentence or clause mark glued to the next word (`salle.Elle`, `sharply,while`) \
                is a typo, an extraction defect or a machine-translation artifact. When the glued word is \
                an upper-case credit at the end of a line (`voyage.STRAFP`), a photo credit has leaked \
                into the text: sub-kind `credit-glue`, reported as an error. Abbreviations (`M.`, `etc.`, \
                `U.S.`), initials, domains and file names (`lemonde.fr`, `Node.js`), and URLs or e-mail \
                addresses are left alone."
                .into(),
            flagged: examples(&[
                ("fr", "La ministre a quitté la salle.Elle n’a fait aucune déclaration."),
                ("en", "Prices rose sharply,while wages stagnated."),
                ("fr", "Le dirigeant à l’une des étapes de son voyage.STRAFP"),
            ]),
            allowed: examples(&[
                ("fr", "Le site lemonde.fr a publié l’information à 04:14."),
                ("en", "The U.S. economy grew 2.5% in the quarter."),
                ("en", "Write to press@example.com or see https://example.org/news,today."),
            ]),
            languages: Vec::new(),
            default_enabled: true,
            origin: file!().into(),
        }
    }

    fn check(&self, cx: &Ctx<'_>, out: &mut Sink<'_>) {
        let text = cx.text();
        let abbrevs = abbreviations(cx.an.lang);
        for caps in self.re.captures_iter(text) {
            let (Some(left), Some(punct), Some(right)) = (caps.get(1), caps.get(2), caps.get(3))
            else {
                continue;
            };
            // The whole whitespace-delimited chunk around the mark: URLs, e-mails, paths.
            let chunk_start = text[..left.start()]
                .rfind(char::is_whitespace)
                .map_or(0, |i| i + 1);
            let chunk_end = text[right.end()..]
                .find(char::is_whitespace)
                .map_or(text.len(), |i| right.end() + i);
            let chunk = &text[chunk_start..chunk_end];
            if chunk.contains('/') || chunk.contains('@') || chunk.contains("www") {
                continue;
            }
            let p = punct.as_str();
            let r = right.as_str();
            if p == "." {
                let left_word = &text[chunk_start..punct.end()];
                if DOTTED_TAILS.contains(&r) || is_abbreviation(left_word, abbrevs) {
                    continue;
                }
                // Dotted abbreviations such as `Ph.D` or `a.m`: a single letter after the dot.
                if r.chars().count() == 1 {
                    continue;
                }
            }
            let line_end = text[right.end()..]
                .find('\n')
                .map_or(text.len(), |i| right.end() + i);
            let rest_of_line = text[right.end()..line_end].trim();
            let upper = r.chars().count() >= 2 && r.chars().all(char::is_uppercase);
            let span = Span::from_usize(punct.start(), right.end());
            if p == "." && upper && rest_of_line.is_empty() {
                out.report_kind(
                    "credit-glue",
                    true,
                    span,
                    format!("credit `{r}` glued to the end of a sentence: a photo credit has leaked into the text"),
                    None,
                );
            } else {
                out.report_fix(
                    span,
                    format!("missing space after `{p}`"),
                    format!("{p} {r}"),
                );
            }
        }
    }
}

/// Whether `word` (ending with its period) is an abbreviation of the language or a dotted acronym.
fn is_abbreviation(word: &str, list: &[&str]) -> bool {
    let w = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    list.iter().any(|a| {
        a.eq_ignore_ascii_case(w)
            || a.trim_end_matches('.')
                .eq_ignore_ascii_case(w.trim_end_matches('.'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::rules::testing::{assert_allows, assert_flags, run};

    #[test]
    fn flags_glued_marks() {
        let r = MissingSpaceAfterPunct::new();
        assert_flags(
            &r,
            Lang::FR,
            "La ministre a quitté la salle.Elle n’a rien dit.",
            &[".Elle"],
        );
        assert_flags(
            &r,
            Lang::EN,
            "Prices rose sharply,while wages stagnated.",
            &[",while"],
        );
        assert_flags(
            &r,
            Lang::FR,
            "Selon l’agence (AFP)le président est parti.",
            &[")le"],
        );
    }

    #[test]
    fn credit_glue_is_an_error_with_its_kind() {
        let r = MissingSpaceAfterPunct::new();
        let text = "Le dirigeant à l’une des étapes de son voyage.STRAFP\nLa suite.";
        let found = run(&r, Lang::FR, text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span.text(text), ".STRAFP");
        assert_eq!(found[0].kind, Some("credit-glue"));
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(found[0].suggestion, None);
        let found = run(&r, Lang::FR, "Il parle.Elle répond.");
        assert_eq!(found[0].suggestion.as_deref(), Some(". Elle"));
        assert_eq!(found[0].kind, None);
    }

    #[test]
    fn allows_domains_abbreviations_numbers_and_urls() {
        let r = MissingSpaceAfterPunct::new();
        assert_allows(
            &r,
            Lang::FR,
            "Le site lemonde.fr a publié l’information à 04:14.",
        );
        assert_allows(
            &r,
            Lang::EN,
            "The U.S. economy grew 2.5% in the quarter, said Dr. Smith.",
        );
        assert_allows(
            &r,
            Lang::EN,
            "It runs on Node.js and ASP.NET, see www.example.org/a.b or mail a.b@c.de.",
        );
        assert_allows(
            &r,
            Lang::EN,
            "She has a Ph.D in physics and left at 9 a.m. sharp.",
        );
        assert_allows(
            &r,
            Lang::FR,
            "Le taux est de 2,5 % et l’inflation de 1,2 %.",
        );
    }
}
