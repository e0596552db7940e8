//! `fragment/boilerplate-line`: page furniture inside the article body: timestamps (`Mis à jour
//! mardi 19 septembre 2023 – 04:14`), related links (`Lire aussi : …`), share and subscription
//! prompts, and lines that recur across many documents of the corpus.

use regex::Regex;

use crate::diagnostic::Severity;
use crate::index::IndexView;
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};
use crate::span::Span;
use crate::tokenize::normalize;

pub struct BoilerplateLine {
    timestamp: Regex,
    furniture: Regex,
    dateline: Regex,
}

/// Documents a line must appear in before it counts as corpus boilerplate.
pub const RECURRING_MIN_DF: u64 = 50;
// `check` keeps only the line and sentence counts of at least `spill::MIN_DF` documents.
const _: () = assert!(RECURRING_MIN_DF >= crate::index::spill::MIN_DF);
/// Lines longer than this are content, however often they recur.
pub const MAX_CHARS: usize = 200;

impl BoilerplateLine {
    pub fn new() -> Self {
        use super::super::regex;
        let fr_days = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche";
        let fr_months =
            "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre";
        let en_days =
            "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Wed|Thu|Fri|Sat|Sun";
        let en_months = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec";
        BoilerplateLine {
            timestamp: regex(&format!(
                r"(?i)^(?:mis à jour|publié|modifié|actualisé)(?: le)?\s+(?:(?:{fr_days})\s+)?\d{{1,2}}(?:er)?\s+(?:{fr_months})\s+\d{{4}}|^(?:updated|published|last updated|first published)(?: on| at)?:?\s+(?:(?:{en_days}),?\s+)?(?:(?:{en_months})\.?\s+\d{{1,2}}|\d{{1,2}}\s+(?:{en_months}))"
            )),
            furniture: regex(
                r"(?i)^(?:lire aussi|à lire aussi|voir aussi|lire la suite|partager|abonnez-vous|newsletter|publicité|read more|related|see also|share this|sign up|subscribe|advertisement|follow us)(?:[^\p{L}\p{N}]|$)|(?:^|[^\p{L}])min read$|^temps de lecture",
            ),
            dateline: regex(r"^\p{Lu}[\p{L} ]+ \((?:AFP|Reuters|AP|EFE|DPA)\) [–—-]"),
        }
    }
}

impl BoilerplateLine {
    /// Whether a line (bullets stripped, trimmed) is page furniture or a wire dateline by the
    /// patterns alone (no corpus): other `fragment/` rules leave such lines to this one.
    pub fn is_furniture(&self, body: &str) -> bool {
        (may_be_timestamp(body) && self.timestamp.is_match(body))
            || (may_be_furniture(body) && self.furniture.is_match(body))
            || (memchr::memchr(b'(', body.as_bytes()).is_some() && self.dateline.is_match(body))
    }
}

impl Default for BoilerplateLine {
    fn default() -> Self {
        Self::new()
    }
}

/// Strips leading bullets and whitespace.
fn strip_bullets(line: &str) -> &str {
    line.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '•' | '·' | '*' | '-' | '–' | '>')
    })
}

impl Rule for BoilerplateLine {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "fragment/boilerplate-line".into(),
            severity: Severity::Warning,
            summary: "page furniture (timestamp, related link, share prompt) inside the text".into(),
            explanation: "Extraction from web pages leaves timestamps, `Lire aussi` links, share and \
                subscription prompts in the article body. Lines are matched at their start (after \
                bullets) against French and English patterns; a timestamp needs a full date. With a \
                corpus, a line of at most 200 characters that occurs in 50 documents or more is flagged \
                as recurring (`kind: recurring`). Wire datelines (`PARIS (AFP) –`) are content."
                .into(),
            flagged: examples(&[
                ("fr", "Mis à jour le 3 mars 2024 à 18 h 05\n\nLe texte."),
                ("en", "Read more: Five things to know about the vote"),
            ]),
            allowed: examples(&[
                ("fr", "Le texte a été mis à jour par les députés en commission."),
                ("en", "Published in 1998, the report was largely ignored."),
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
        let mut buf = Vec::new();
        for line in &cx.an.lines {
            let raw = line.text(text);
            let stripped = strip_bullets(raw);
            let body = stripped.trim_end();
            if body.is_empty() {
                continue;
            }
            let start = line.start + (raw.len() - stripped.len()) as u32;
            let span = Span::new(start, start + body.len() as u32);
            if may_be_timestamp(body) && self.timestamp.is_match(body) {
                out.report_kind(
                    "timestamp",
                    false,
                    span,
                    "page timestamp left in the text",
                    None,
                );
            } else if may_be_furniture(body) && self.furniture.is_match(body) {
                out.report_kind(
                    "furniture",
                    false,
                    span,
                    "page furniture (link, share or subscription prompt) left in the text",
                    None,
                );
            } else if is_recurring(cx.index, raw, body, &mut buf) && !self.dateline.is_match(body) {
                let df = cx
                    .index
                    .line_df(normalize::fingerprint_with(raw, &mut Vec::new()));
                out.report_kind(
                    "recurring",
                    false,
                    span,
                    format!("this line occurs in {df} documents of the corpus: boilerplate"),
                    None,
                );
            }
        }
    }
}

fn is_recurring(index: &IndexView<'_>, raw: &str, body: &str, buf: &mut Vec<u8>) -> bool {
    (body.len() <= MAX_CHARS || body.chars().count() <= MAX_CHARS)
        && body.chars().any(char::is_alphabetic)
        && index.line_df(normalize::fingerprint_with(raw, buf)) >= RECURRING_MIN_DF
}

/// `c` as a case-insensitive pattern compares it: its lowercase when that is one char, `s` for the
/// long s (`ſ`), else itself.
#[inline]
fn fold(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        _ if c == 'ſ' => 's',
        (Some(l), None) => l,
        _ => c,
    }
}

/// Whether `c` matches `p` (a lowercase letter, or any other char) in a case-insensitive pattern.
#[inline]
fn fold_eq(c: char, p: char) -> bool {
    fold(c) == p
}

/// Whether `body` starts with one of `prefixes` (lowercase), case-insensitively as the patterns.
/// The first char is folded once and sorts out most lines.
fn starts_with_any(body: &str, prefixes: &[&str]) -> bool {
    let mut chars = body.chars();
    let Some(first) = chars.next().map(fold) else {
        return false;
    };
    prefixes.iter().any(|p| {
        let mut want = p.chars();
        want.next() == Some(first) && {
            let mut have = chars.clone();
            want.all(|q| have.next().is_some_and(|c| fold_eq(c, q)))
        }
    })
}

/// Whether `body` ends with `suffix` (lowercase), case-insensitively as the patterns.
fn ends_with(body: &str, suffix: &str) -> bool {
    let mut chars = body.chars().rev();
    suffix
        .chars()
        .rev()
        .all(|p| chars.next().is_some_and(|c| fold_eq(c, p)))
}

/// Whether `body` may match the timestamp pattern: it starts with one of its prompts.
fn may_be_timestamp(body: &str) -> bool {
    starts_with_any(
        body,
        &[
            "mis à jour",
            "publié",
            "modifié",
            "actualisé",
            "updated",
            "published",
            "last updated",
            "first published",
        ],
    )
}

/// Whether `body` may match the furniture pattern: it starts with one of its prompts or ends
/// with `min read`.
fn may_be_furniture(body: &str) -> bool {
    starts_with_any(
        body,
        &[
            "lire aussi",
            "à lire aussi",
            "voir aussi",
            "lire la suite",
            "partager",
            "abonnez-vous",
            "newsletter",
            "publicité",
            "read more",
            "related",
            "see also",
            "share this",
            "sign up",
            "subscribe",
            "advertisement",
            "follow us",
            "temps de lecture",
        ],
    ) || ends_with(body, "min read")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::rules::testing::{assert_allows, assert_flags, run_with_corpus};

    #[test]
    fn flags_timestamps_and_furniture() {
        let r = BoilerplateLine::new();
        assert_flags(
            &r,
            Lang::FR,
            "Titre\n\nMis à jour mardi 19 septembre 2023 – 04:14\n\nLe texte.",
            &["Mis à jour mardi 19 septembre 2023 – 04:14"],
        );
        assert_flags(
            &r,
            Lang::FR,
            "  • Lire aussi : la crise du logement",
            &["Lire aussi : la crise du logement"],
        );
        assert_flags(
            &r,
            Lang::EN,
            "Updated: Tuesday, Sept. 19, 2023 4:14 a.m.",
            &["Updated: Tuesday, Sept. 19, 2023 4:14 a.m."],
        );
        assert_flags(&r, Lang::EN, "Body.\n5 min read", &["5 min read"]);
    }

    #[test]
    fn allows_the_same_words_in_sentences() {
        let r = BoilerplateLine::new();
        assert_allows(
            &r,
            Lang::FR,
            "Le texte a été mis à jour par les députés en commission.",
        );
        assert_allows(
            &r,
            Lang::EN,
            "Published in 1998, the report was largely ignored.",
        );
        assert_allows(&r, Lang::EN, "Subscribers to the plan rose by 3%.");
    }

    #[test]
    fn recurring_lines_need_a_corpus() {
        let r = BoilerplateLine::new();
        let line = "Suivez toute l’actualité de la région sur notre site";
        let doc = format!("Un titre\n\nUn texte.\n\n{line}");
        let others: Vec<String> = (0..60)
            .map(|i| format!("Titre {i}\n\nTexte {i}.\n\n{line}"))
            .collect();
        let corpus: Vec<&str> = others.iter().map(String::as_str).collect();
        let found = run_with_corpus(&r, Lang::FR, &doc, &corpus);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span.text(&doc), line);
        assert_eq!(found[0].kind, Some("recurring"));
        assert_allows(&r, Lang::FR, &doc);
        // A dateline recurring in every wire story is content.
        let wire = "PARIS (AFP) – Le gouvernement a annoncé mardi un nouveau plan.";
        let others: Vec<String> = (0..60).map(|_| wire.to_string()).collect();
        let corpus: Vec<&str> = others.iter().map(String::as_str).collect();
        assert!(run_with_corpus(&r, Lang::FR, wire, &corpus).is_empty());
    }

    #[test]
    fn fold_eq_is_the_case_folding_of_the_patterns() {
        // Each letter of the prefilters' words, against every char of the first blocks: the
        // pattern engine's case-insensitive match decides.
        for p in "mis à jourpubliémodifactualsélnpdthvgbcwkqxyz-".chars() {
            let one = super::super::super::regex(&format!("(?i)^{}$", regex_escape(p)));
            for c in (0..0x3000u32).filter_map(char::from_u32) {
                let mut buf = [0u8; 4];
                assert_eq!(
                    fold_eq(c, p),
                    one.is_match(c.encode_utf8(&mut buf)),
                    "{c:?} {p:?}"
                );
            }
        }
    }

    fn regex_escape(c: char) -> String {
        if c.is_ascii_punctuation() {
            format!("\\{c}")
        } else {
            c.to_string()
        }
    }

    #[test]
    fn prefilters_never_hide_a_match() {
        let r = BoilerplateLine::new();
        let tails = [
            "is à jour le 3 mars 2024",
            "ublié le 3 mars 2024",
            "ire aussi : x",
            "pdated: May 3",
            " min read",
            "",
            "4 MIN READ",
            "IS À JOUR LE 3 MARS 2024",
            "EMPS DE LECTURE",
        ];
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            for tail in tails {
                for body in [format!("{c}{tail}"), format!("{tail}{c}")] {
                    if r.timestamp.is_match(&body) {
                        assert!(may_be_timestamp(&body), "{body:?}");
                    }
                    if r.furniture.is_match(&body) {
                        assert!(may_be_furniture(&body), "{body:?}");
                    }
                }
            }
        }
    }
}
