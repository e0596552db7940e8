//! `glue/missing-space-after-punct`: a punctuation mark directly followed by a letter
//! (`salle.Elle`, `sharply,while`), and its worst case, an agency credit glued to a caption
//! (`voyage.STRAFP`, sub-kind `credit-glue`).

use crate::diagnostic::Severity;
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};
use crate::span::Span;
use crate::tokenize::{TokenKind, abbreviations};

pub struct MissingSpaceAfterPunct;

impl MissingSpaceAfterPunct {
    pub fn new() -> Self {
        MissingSpaceAfterPunct
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

    fn fix_applicability(&self) -> crate::fix::Applicability {
        crate::fix::Applicability::Safe
    }

    fn check(&self, cx: &Ctx<'_>, out: &mut Sink<'_>) {
        let text = cx.text();
        let abbrevs = abbreviations(cx.an.lang);
        let toks = &cx.an.tokens;
        // A mark between a word (of 2+ letters) or number and a word, with nothing in between.
        for i in 1..toks.len().saturating_sub(1) {
            let (l, m, r) = (&toks[i - 1], &toks[i], &toks[i + 1]);
            if m.kind != TokenKind::Punct || r.kind != TokenKind::Word {
                continue;
            }
            let p = m.text(text);
            if !matches!(p, "." | "!" | "?" | ";" | "," | ":" | "»" | ")" | "]") {
                continue;
            }
            let left_ok = match l.kind {
                TokenKind::Number => true,
                TokenKind::Word => l
                    .text(text)
                    .chars()
                    .rev()
                    .take_while(|c| c.is_alphabetic())
                    .nth(1)
                    .is_some(),
                _ => false,
            };
            if !left_ok {
                continue;
            }
            let right = r.text(text);
            // The glued word starts with a letter (not a digit: `2.5` is a Number anyway).
            if !right.chars().next().is_some_and(char::is_alphabetic) {
                continue;
            }
            // The whitespace-delimited chunk around the mark: URLs, e-mails, paths.
            let chunk_start = text
                .get(..l.start as usize)
                .and_then(|t| t.char_indices().rev().find(|(_, c)| c.is_whitespace()))
                .map_or(0, |(i, c)| i + c.len_utf8());
            let chunk_end = text
                .get(r.end as usize..)
                .and_then(|t| t.find(char::is_whitespace))
                .map_or(text.len(), |i| r.end as usize + i);
            let chunk = text.get(chunk_start..chunk_end).unwrap_or("");
            if chunk.contains('/') || chunk.contains('@') || chunk.contains("www") {
                continue;
            }
            // The letters of the glued word (a word token may continue with `-` or `’` parts).
            let r_letters: &str = {
                let end = right
                    .find(|c: char| !c.is_alphabetic())
                    .unwrap_or(right.len());
                &right[..end]
            };
            if p == "." {
                let left_word = text.get(chunk_start..m.end as usize).unwrap_or("");
                if DOTTED_TAILS.contains(&r_letters) || is_abbreviation(left_word, abbrevs) {
                    continue;
                }
                // Dotted abbreviations such as `Ph.D` or `a.m`: a single letter after the dot.
                if r_letters.chars().count() == 1 {
                    continue;
                }
            }
            let line_end = text[r.end as usize..]
                .find('\n')
                .map_or(text.len(), |i| r.end as usize + i);
            let rest_of_line = text[r.end as usize..line_end].trim();
            let upper = right.chars().count() >= 2 && right.chars().all(char::is_uppercase);
            let span = Span::new(m.start, r.end);
            if p == "." && upper && rest_of_line.is_empty() {
                out.report_kind(
                    "credit-glue",
                    true,
                    span,
                    format!("credit `{right}` glued to the end of a sentence: a photo credit has leaked into the text"),
                    None,
                );
            } else {
                out.report_fix(
                    span,
                    format!("missing space after `{p}`"),
                    format!("{p} {right}"),
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
