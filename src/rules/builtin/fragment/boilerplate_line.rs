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
    // Most lines start with a letter or a digit: nothing to strip.
    if line
        .as_bytes()
        .first()
        .is_some_and(u8::is_ascii_alphanumeric)
    {
        return line;
    }
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
        // Scratch space for the fingerprints, with room for the lines of most documents.
        let mut buf = Vec::with_capacity(1024);
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
            } else if let Some(df) = recurring_df(cx.index, raw, body, &mut buf)
                && !self.dateline.is_match(body)
            {
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

/// The number of documents of the corpus holding the line, when it is short enough, has a letter
/// and recurs in [`RECURRING_MIN_DF`] documents or more.
fn recurring_df(index: &IndexView<'_>, raw: &str, body: &str, buf: &mut Vec<u8>) -> Option<u64> {
    // A char takes four bytes at most: a longer body has more than `MAX_CHARS` chars.
    let short = body.len() <= MAX_CHARS
        || (body.len() <= 4 * MAX_CHARS && body.chars().count() <= MAX_CHARS);
    if !short || !body.chars().any(char::is_alphabetic) {
        return None;
    }
    let df = index.line_df(normalize::fingerprint_with(raw, buf));
    (df >= RECURRING_MIN_DF).then_some(df)
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

/// For each ASCII byte, bit `i` set when entry `i` of `prefixes` (32 at most) starts with it.
const fn by_first_byte(prefixes: &[&str]) -> [u32; 128] {
    assert!(prefixes.len() <= 32); // evaluated at compile time: the tables are statics
    let mut table = [0u32; 128];
    let mut i = 0;
    while i < prefixes.len() {
        if let Some(&b) = prefixes[i].as_bytes().first()
            && b.is_ascii()
        {
            table[b as usize] |= 1 << i;
        }
        i += 1;
    }
    table
}

/// Whether `body` starts with one of `prefixes` (lowercase), case-insensitively as the patterns;
/// `by_first` is [`by_first_byte`] of `prefixes`. An ASCII first char folds to its lowercase byte,
/// so only the prefixes starting with that byte are compared, from their second byte; any other
/// first char is folded once and compared with every prefix.
fn starts_with_any(body: &str, prefixes: &[&str], by_first: &[u32; 128]) -> bool {
    let Some(&b) = body.as_bytes().first() else {
        return false;
    };
    if b.is_ascii() {
        let rest = body.get(1..).unwrap_or_default();
        let mut mask = by_first[usize::from(b.to_ascii_lowercase())];
        while mask != 0 {
            let i = mask.trailing_zeros() as usize;
            mask &= mask - 1;
            // The prefix's first byte is ASCII: its second char starts at byte 1.
            if let Some(want) = prefixes.get(i).and_then(|p| p.get(1..))
                && starts_with_folded(rest, want)
            {
                return true;
            }
        }
        return false;
    }
    let mut chars = body.chars();
    let Some(first) = chars.next().map(fold) else {
        return false;
    };
    let rest = chars.as_str();
    prefixes.iter().any(|p| {
        let mut want = p.chars();
        want.next() == Some(first) && starts_with_folded(rest, want.as_str())
    })
}

/// Whether `have` starts with `want` (lowercase), case-insensitively as the patterns. Bytes are
/// compared while both are ASCII (an ASCII char folds to its lowercase byte), then chars.
fn starts_with_folded(have: &str, want: &str) -> bool {
    let (h, w) = (have.as_bytes(), want.as_bytes());
    let mut i = 0;
    while let (Some(&x), Some(&y)) = (h.get(i), w.get(i)) {
        if !x.is_ascii() || !y.is_ascii() {
            break;
        }
        if x.to_ascii_lowercase() != y {
            return false;
        }
        i += 1;
    }
    // Every byte before `i` was a char of its own on both sides: `i` is a char boundary of both.
    match (have.get(i..), want.get(i..)) {
        (Some(have), Some(want)) => {
            let mut have = have.chars();
            want.chars()
                .all(|q| have.next().is_some_and(|c| fold_eq(c, q)))
        }
        _ => false,
    }
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
    starts_with_any(body, TIMESTAMP_PROMPTS, &TIMESTAMP_BY_FIRST)
}

/// The prompts that start the timestamp pattern...
const TIMESTAMP_PROMPTS: &[&str] = &[
    "mis à jour",
    "publié",
    "modifié",
    "actualisé",
    "updated",
    "published",
    "last updated",
    "first published",
];

static TIMESTAMP_BY_FIRST: [u32; 128] = by_first_byte(TIMESTAMP_PROMPTS);

/// ...and the furniture pattern.
const FURNITURE_PROMPTS: &[&str] = &[
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
];

static FURNITURE_BY_FIRST: [u32; 128] = by_first_byte(FURNITURE_PROMPTS);

/// Whether `body` may match the furniture pattern: it starts with one of its prompts or ends
/// with `min read`.
fn may_be_furniture(body: &str) -> bool {
    starts_with_any(body, FURNITURE_PROMPTS, &FURNITURE_BY_FIRST) || ends_with(body, "min read")
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

    #[test]
    fn prompts_match_in_any_case() {
        // Each char of each prompt in its other cases (`ſ` and the Kelvin sign fold to `s` and
        // `k`): the prefilters take what the patterns take.
        for p in TIMESTAMP_PROMPTS.iter().chain(FURNITURE_PROMPTS) {
            let chars: Vec<char> = p.chars().collect();
            for i in 0..chars.len() {
                let c = chars[i];
                let mut variants: Vec<char> = c.to_uppercase().collect();
                variants.extend(match c {
                    's' => Some('ſ'),
                    'k' => Some('\u{212A}'),
                    _ => None,
                });
                for v in variants {
                    let mut body: String = chars[..i].iter().collect();
                    body.push(v);
                    body.extend(&chars[i + 1..]);
                    body.push_str(" : x");
                    let is_timestamp = TIMESTAMP_PROMPTS.contains(p);
                    let found = if is_timestamp {
                        may_be_timestamp(&body)
                    } else {
                        may_be_furniture(&body)
                    };
                    assert!(found, "{body:?}");
                }
            }
        }
        assert!(!may_be_timestamp("Mis au point"));
        assert!(!may_be_furniture("Lire ausso"));
        assert!(!may_be_furniture("Lir"));
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
