//! `mt/calque-phrase`: translationese: source-language calques and false friends from a curated
//! phrase table (`calque_phrases.toml` next to this file), outside quotations by default.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind, packed};
use regex::{Regex, RegexBuilder};
use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::lang::Lang;
use crate::rules::{Ctx, Example, Rule, RuleMeta, Sink};
use crate::span::Span;

use super::quotes::QuotedSpans;

/// The phrase table, embedded.
const TABLE: &str = include_str!("calque_phrases.toml");

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct TableFile {
    phrase: Vec<Entry>,
}

/// One entry of the phrase table (see the comments at the top of the table for the fields).
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Entry {
    lang: String,
    from: String,
    pattern: String,
    anchors: Vec<String>,
    message: String,
    #[serde(default)]
    suggestion: Option<String>,
    #[serde(default)]
    fixes: BTreeMap<String, String>,
    #[serde(default)]
    severity: Option<Severity>,
    #[serde(default)]
    in_quotes: bool,
    #[serde(default)]
    doc_requires: Vec<String>,
    #[serde(default)]
    line_excludes: Vec<String>,
    #[serde(default)]
    prev_excludes: Vec<String>,
    #[serde(default)]
    next_excludes: Vec<String>,
    #[serde(default)]
    flag: Vec<String>,
    #[serde(default)]
    allow: Vec<String>,
}

struct Compiled {
    entry: Entry,
    /// The entry's pattern, compiled on first use: most runs need few of them (an entry's regex
    /// only runs where one of its anchors occurs, in a document of its language), and compiling
    /// the Unicode, case-insensitive patterns is the bulk of building the rule.
    regex: OnceLock<Regex>,
}

impl Compiled {
    fn regex(&self) -> &Regex {
        self.regex.get_or_init(|| {
            match RegexBuilder::new(&format!(r"\b(?:{})", self.entry.pattern))
                .case_insensitive(true)
                .build()
            {
                Ok(r) => r,
                Err(e) => {
                    unreachable!(
                        "calque pattern {:?} does not compile: {e}",
                        self.entry.pattern
                    )
                }
            }
        })
    }
}

/// The anchors of the entries of one language.
struct Anchors {
    lang: Lang,
    /// The anchors, ASCII-lowercased (they are lowercase already).
    patterns: Vec<String>,
    /// Pattern `i` belongs to entries `entries[i]`.
    entries: Vec<Vec<usize>>,
    /// Finds where the leftmost anchor occurrence at or after an offset starts, in the text with
    /// its ASCII letters lowercased (which is matching the anchors ignoring ASCII case, as the
    /// table says): a vectorised search that skips most of the text, when the machine has one.
    fast: Option<packed::Searcher>,
    /// The same search, portable.
    automaton: AhoCorasick,
}

impl Anchors {
    /// Every occurrence of every anchor in `lowered` (the text ASCII-lowercased), overlapping ones
    /// included, in order of their start, as (start, end, pattern).
    fn occurrences(&self, lowered: &[u8]) -> Vec<(usize, usize, usize)> {
        let mut found = Vec::new();
        let mut at = 0;
        while at < lowered.len() {
            let next = match &self.fast {
                Some(fast) => fast
                    .find_in(lowered, aho_corasick::Span::from(at..lowered.len()))
                    .map(|m| m.start()),
                None => self
                    .automaton
                    .find(aho_corasick::Input::new(lowered).span(at..lowered.len()))
                    .map(|m| m.start()),
            };
            let Some((start, rest)) = next.and_then(|start| Some((start, lowered.get(start..)?)))
            else {
                break;
            };
            // The search gives one anchor starting there: any other may too.
            for (i, p) in self.patterns.iter().enumerate() {
                if rest.starts_with(p.as_bytes()) {
                    found.push((start, start + p.len(), i));
                }
            }
            at = start + 1;
        }
        found
    }
}

pub struct CalquePhrase {
    entries: Vec<Compiled>,
    /// One anchor automaton per language of the table.
    anchors: Vec<Anchors>,
}

/// Parses the embedded table; a broken table is a bug caught by every test run.
fn table() -> Vec<Entry> {
    match toml::from_str::<TableFile>(TABLE) {
        Ok(t) => t.phrase,
        Err(e) => unreachable!("calque_phrases.toml does not parse: {e}"),
    }
}

impl CalquePhrase {
    pub fn new() -> Self {
        Self::from_entries(table())
    }

    /// Builds the rule from entries (the embedded table, or one entry in tests).
    fn from_entries(entries: Vec<Entry>) -> Self {
        let mut compiled = Vec::with_capacity(entries.len());
        // Per language: anchor (ASCII-lowercased) -> entries.
        let mut anchor_index: BTreeMap<Lang, BTreeMap<String, Vec<usize>>> = BTreeMap::new();
        for entry in entries {
            let lang = Lang::parse(&entry.lang).unwrap_or(Lang::UND);
            for a in &entry.anchors {
                anchor_index
                    .entry(lang)
                    .or_default()
                    .entry(a.to_ascii_lowercase())
                    .or_default()
                    .push(compiled.len());
            }
            compiled.push(Compiled {
                entry,
                regex: OnceLock::new(),
            });
        }
        let anchors = anchor_index
            .into_iter()
            .map(|(lang, index)| {
                let (patterns, entries): (Vec<String>, Vec<Vec<usize>>) = index.into_iter().unzip();
                let fast = packed::Config::new()
                    .match_kind(packed::MatchKind::LeftmostFirst)
                    .builder()
                    .extend(&patterns)
                    .build();
                let automaton = match AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostFirst)
                    .build(&patterns)
                {
                    Ok(a) => a,
                    Err(e) => unreachable!("calque anchors do not build: {e}"),
                };
                Anchors {
                    lang,
                    patterns,
                    entries,
                    fast,
                    automaton,
                }
            })
            .collect();
        CalquePhrase {
            entries: compiled,
            anchors,
        }
    }
}

impl Default for CalquePhrase {
    fn default() -> Self {
        Self::new()
    }
}

impl Rule for CalquePhrase {
    fn meta(&self) -> RuleMeta {
        let langs: std::collections::BTreeSet<String> =
            self.entries.iter().map(|c| c.entry.lang.clone()).collect();
        RuleMeta {
            id: "mt/calque-phrase".into(),
            severity: Severity::Warning,
            summary: "a calque or false friend typical of translated text".into(),
            explanation: format!(
                "Translations carry phrases over from their source language: `selon ce que disent` \
                (Spanish `según lo que dicen`), `il y avait de la place pour une coopération` (English \
                `there was room for`), `faire du sens`, `le leader nord-coréen`; in English `assisted to \
                the ceremony` (French `assister à`), `precised`, `sensible data`. The rule looks these up \
                in a curated phrase table ({} entries, languages: {}), each restricted to contexts where \
                the phrase is not idiomatic (for instance `paquet de sanctions` only about United \
                Nations sanctions, since it is the EU's own term). Quotations are left alone: a calque \
                inside an official statement is the source's wording. Each entry gives its own \
                message and, when the replacement is unambiguous, a fix. Findings are minor style \
                issues (MQM Style›Unidiomatic) unless an entry says otherwise. `eventually` (French \
                `éventuellement`) is not listed in English: it cannot be told from its ordinary \
                meaning without the source.",
                self.entries.len(),
                langs.into_iter().collect::<Vec<_>>().join(", ")
            ),
            // Every entry's own test texts document the rule.
            flagged: self
                .entries
                .iter()
                .flat_map(|c| c.entry.flag.iter().map(|t| Example::new(&c.entry.lang, t)))
                .collect(),
            allowed: self
                .entries
                .iter()
                .flat_map(|c| c.entry.allow.iter().map(|t| Example::new(&c.entry.lang, t)))
                .collect(),
            languages: Vec::new(),
            default_enabled: true,
            origin: file!().into(),
        }
    }

    fn check(&self, cx: &Ctx<'_>, out: &mut Sink<'_>) {
        let lang = cx.an.lang;
        let Some(anchors) = self.anchors.iter().find(|a| a.lang == lang) else {
            return;
        };
        let text = cx.text();
        let lowered = text.as_bytes().to_ascii_lowercase();
        let mut quotes = QuotedSpans::new(text);
        // (entry, start of the reported span) already reported.
        let mut done: Vec<(usize, usize)> = Vec::new();
        for (hit_start, hit_end, pattern) in anchors.occurrences(&lowered) {
            let Some(ids) = anchors.entries.get(pattern) else {
                continue;
            };
            for &id in ids {
                let c = &self.entries[id];
                let (line_start, line_end) = line_around(text, hit_start, hit_end);
                let line = &text[line_start..line_end];
                for caps in c.regex().captures_iter(line) {
                    let (Some(whole), Some(flag)) =
                        (caps.get(0), caps.name("flag").or_else(|| caps.get(0)))
                    else {
                        continue;
                    };
                    let (ws, we) = (line_start + whole.start(), line_start + whole.end());
                    // The match must contain this anchor occurrence.
                    if hit_start < ws || hit_end > we {
                        continue;
                    }
                    let (fs, fe) = (line_start + flag.start(), line_start + flag.end());
                    if done.contains(&(id, fs)) {
                        continue;
                    }
                    if !self.context_ok(c, text, line, ws, we) {
                        continue;
                    }
                    if !c.entry.in_quotes && quotes.contains(fs) {
                        continue;
                    }
                    done.push((id, fs));
                    let flagged = &text[fs..fe];
                    let suggestion = c
                        .entry
                        .fixes
                        .get(&flagged.to_lowercase())
                        .or(c.entry.suggestion.as_ref())
                        .map(|s| match_case(flagged, s));
                    let message = format!("`{flagged}`: {}", c.entry.message);
                    let raise = c.entry.severity == Some(Severity::Error);
                    out.report_kind(
                        kind_of(&c.entry.from),
                        raise,
                        Span::from_usize(fs, fe),
                        message,
                        suggestion,
                    );
                }
            }
        }
    }
}

impl CalquePhrase {
    fn context_ok(&self, c: &Compiled, text: &str, line: &str, ws: usize, we: usize) -> bool {
        let e = &c.entry;
        if !e.doc_requires.is_empty() && !e.doc_requires.iter().any(|w| text.contains(w.as_str())) {
            return false;
        }
        if e.line_excludes.iter().any(|w| contains_word(line, w)) {
            return false;
        }
        if !e.prev_excludes.is_empty()
            && let Some(prev) = word_before(text, ws)
            && e.prev_excludes.iter().any(|w| w.eq_ignore_ascii_case(prev))
        {
            return false;
        }
        if !e.next_excludes.is_empty()
            && let Some(next) = word_after(text, we)
            && e.next_excludes.iter().any(|w| w.eq_ignore_ascii_case(next))
        {
            return false;
        }
        true
    }
}

/// The sub-kind: where the calque comes from.
fn kind_of(from: &str) -> &'static str {
    match from {
        "en" => "from-en",
        "es" => "from-es",
        "fr" => "from-fr",
        "de" => "from-de",
        "it" => "from-it",
        "pt" => "from-pt",
        _ => "calque",
    }
}

/// The line containing `start..end`, as byte offsets.
fn line_around(text: &str, start: usize, end: usize) -> (usize, usize) {
    let s = memchr::memrchr(b'\n', &text.as_bytes()[..start]).map_or(0, |i| i + 1);
    let e = memchr::memchr(b'\n', &text.as_bytes()[end..]).map_or(text.len(), |i| end + i);
    (s, e)
}

/// Whether `needle` occurs in `hay` as a whole word (or phrase).
fn contains_word(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(i, m)| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + m.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn word_before(text: &str, at: usize) -> Option<&str> {
    let head = text[..at].trim_end();
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let w = &head[start..];
    (!w.is_empty()).then_some(w)
}

fn word_after(text: &str, at: usize) -> Option<&str> {
    let tail = text[at..].trim_start();
    let end = tail
        .char_indices()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(tail.len(), |(i, _)| i);
    let w = &tail[..end];
    (!w.is_empty()).then_some(w)
}

/// Gives `replacement` the initial capital of `original` when it has one.
fn match_case(original: &str, replacement: &str) -> String {
    let starts_upper = original.chars().next().is_some_and(char::is_uppercase);
    let mut chars = replacement.chars();
    match (starts_upper, chars.next()) {
        (true, Some(first)) => first.to_uppercase().chain(chars).collect(),
        _ => replacement.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_allows, assert_flags, run};

    #[test]
    fn catalog_cases() {
        let r = CalquePhrase::new();
        assert_flags(
            &r,
            Lang::FR,
            "Selon ce que disent les médias comme le New York Times, l’accord est proche.",
            &["Selon ce que disent", "les médias comme"],
        );
        assert_flags(
            &r,
            Lang::EN,
            "The minister assisted to the ceremony in Rabat.",
            &["assisted to"],
        );
        assert_allows(
            &r,
            Lang::FR,
            "Selon des médias tels que le New York Times, l’accord est proche.",
        );
        assert_allows(
            &r,
            Lang::EN,
            "The nurse assisted the surgeon during the operation.",
        );
    }

    #[test]
    fn every_entry_passes_its_own_tests() {
        for entry in table() {
            let lang = Lang::parse(&entry.lang).unwrap_or(Lang::UND);
            assert!(
                !entry.flag.is_empty() && !entry.allow.is_empty(),
                "{}: needs flag and allow texts",
                entry.pattern
            );
            assert!(
                entry.anchors.iter().all(|a| a.to_lowercase() == *a),
                "{}: anchors must be lowercase",
                entry.pattern
            );
            let r = CalquePhrase::from_entries(vec![entry.clone()]);
            for t in &entry.flag {
                assert!(
                    !run(&r, lang, t).is_empty(),
                    "{}: should flag {t:?}",
                    entry.pattern
                );
            }
            for t in &entry.allow {
                let found = run(&r, lang, t);
                assert!(
                    found.is_empty(),
                    "{}: should allow {t:?}: {found:?}",
                    entry.pattern
                );
            }
        }
    }

    #[test]
    fn fixes_keep_case_and_kinds_name_the_source() {
        let r = CalquePhrase::new();
        let found = run(
            &r,
            Lang::FR,
            "Selon ce que disent les experts, cela fait du sens.",
        );
        assert_eq!(found[0].suggestion.as_deref(), Some("Selon"));
        assert_eq!(found[0].kind, Some("from-es"));
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(found[1].suggestion.as_deref(), Some("a du sens"));
        assert_eq!(found[1].kind, Some("from-en"));
        let found = run(&r, Lang::EN, "He precised that it ended.");
        assert_eq!(found[0].suggestion.as_deref(), Some("specified"));
    }

    #[test]
    fn seed_phrases() {
        let r = CalquePhrase::new();
        let text = "Séoul a dénoncé une violation des sanctions du Conseil de sécurité de l’ONU.\n\
            Poutine a assuré qu’il y avait de la place pour une coopération militaire et spatiale.\n\
            Selon ce que disent les médias comme Le New York Times, Kim serait prêt.\n\
            Ce voyage a été le plus long réalisé par le leader nord-coréen depuis dix ans.\n\
            « Grâce à sa visite, le respecté camarade Kim Jong-un a renforcé la camaraderie », indique le texte.\n\
            Un geste qui violerait également techniquement les neuf paquets de sanctions imposées au régime.";
        assert_flags(
            &r,
            Lang::FR,
            text,
            &[
                "il y avait de la place pour",
                "Selon ce que disent",
                "les médias comme",
                "leader",
                "techniquement",
                "paquets de sanctions",
            ],
        );
    }

    #[test]
    fn languages_are_separate() {
        let r = CalquePhrase::new();
        assert_allows(&r, Lang::EN, "Selon ce que disent les experts.");
        assert_allows(&r, Lang::DE, "The minister precised that it ended.");
    }
}
