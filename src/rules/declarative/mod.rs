//! Declarative rules: one TOML file per rule under `lints/<group>/<name>.toml` (the path is the id),
//! embedded at build time, plus user folders of the same shape named in the config.
//!
//! Kinds:
//! - `existence`: flags each match of `words` (literal words or phrases, at word boundaries) or of
//!   `pattern` (a regex; a named group `flag` narrows the reported span);
//! - `substitution`: flags each key of `swap` and suggests its value.
//!
//! Every file carries its tests (`[[tests.flag]]` with the exact span texts, `[[tests.allow]]`), run
//! by `cargo test` (one test per file) and by `coquille rules --test DIR` for user packs.

use std::collections::BTreeMap;
use std::path::Path;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind, StartKind, packed};
use regex::{Regex, RegexBuilder};
use regex_automata::meta;
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{HirKind, Look};
use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::error::Error;
use crate::lang::Lang;
use crate::rules::{Ctx, Example, Rule, RuleMeta, Sink};
use crate::span::Span;

/// A rule file compiled into the binary.
pub struct Embedded {
    pub id: &'static str,
    pub path: &'static str,
    pub source: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/embedded_lints.rs"));

#[derive(Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
enum Kind {
    Existence,
    Substitution,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RuleFile {
    kind: Kind,
    severity: Severity,
    summary: String,
    #[serde(default)]
    explanation: String,
    /// The message; `{match}` is the flagged text, `{suggestion}` the replacement.
    message: String,
    /// Language codes the rule runs on; empty for every language.
    #[serde(default)]
    languages: Vec<String>,
    /// Whether the rule runs by default.
    #[serde(default = "yes")]
    default: bool,
    #[serde(default)]
    ignore_case: bool,
    /// Also match `words`/`swap` keys at the start of a longer word (glued text: `à Russieselon`).
    #[serde(default)]
    word_prefix: bool,
    #[serde(default)]
    words: Vec<String>,
    #[serde(default)]
    pattern: Option<String>,
    #[serde(default)]
    swap: BTreeMap<String, String>,
    /// Matched texts that are never flagged.
    #[serde(default)]
    exceptions: Vec<String>,
    /// Whether `check --fix` may apply the suggestions unreviewed (`safe`) or only with
    /// `--unsafe-fixes` (`unsafe`, the default).
    #[serde(default)]
    fix: Option<FixSafety>,
    #[serde(default)]
    tests: Tests,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum FixSafety {
    Safe,
    Unsafe,
}

#[derive(Deserialize, Debug, Default)]
#[serde(deny_unknown_fields)]
struct Tests {
    #[serde(default)]
    flag: Vec<FlagTest>,
    #[serde(default)]
    allow: Vec<AllowTest>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct FlagTest {
    text: String,
    spans: Vec<String>,
    #[serde(default)]
    lang: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct AllowTest {
    text: String,
    #[serde(default)]
    lang: Option<String>,
}

/// How a rule finds its matches: literal word lists go through one Aho-Corasick automaton with
/// word-boundary checks (much faster than a Unicode `\b` regex); patterns through the regex engine.
enum Matcher {
    Literals(Literals),
    Pattern(Pattern),
}

/// A word list's automaton (leftmost-longest).
struct Literals {
    ac: AhoCorasick,
    /// The keys' beginnings when there are few of them, as in `lints/language/fr-prep-country.toml`
    /// (`à `, `en `): the scan then jumps from one of them to the next (a SIMD search) and
    /// runs `ac`, built anchored, only there, instead of stepping the automaton through every byte
    /// of the text. `None`: `ac` is unanchored and scans the text.
    starts: Option<Starts>,
    word_end: bool,
}

impl Literals {
    fn new(keys: &[&String], ignore_case: bool, word_end: bool) -> Result<Literals, String> {
        // The searcher of beginnings compares exact bytes: not for ASCII-case-insensitive lists. An
        // empty key would match everywhere: the plain scan handles it.
        let starts = if ignore_case || keys.iter().any(|k| k.is_empty()) {
            None
        } else {
            Starts::new(keys.iter().map(|k| k.as_bytes()))
        };
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(ignore_case)
            .start_kind(if starts.is_some() {
                StartKind::Anchored
            } else {
                StartKind::Unanchored
            })
            .build(keys)
            .map_err(|e| format!("cannot build the word list: {e}"))?;
        Ok(Literals {
            ac,
            starts,
            word_end,
        })
    }

    /// Calls `f` with the start and end of each match of `ac.find_iter(text)`: non-overlapping,
    /// leftmost-longest. With `starts`, the leftmost match at or after `at` is the longest key at the
    /// first offset from `at` where one of `starts` occurs and some key matches (every occurrence of
    /// a key begins with one of `starts`); the scan then goes on from the match's end, as
    /// `find_iter` does.
    fn matches(&self, text: &str, mut f: impl FnMut(usize, usize)) {
        let Some(starts) = &self.starts else {
            for m in self.ac.find_iter(text) {
                f(m.start(), m.end());
            }
            return;
        };
        let mut seen = Default::default();
        let mut next = starts.next(text, 0, &mut seen);
        while let Some(at) = next {
            let input = aho_corasick::Input::new(text)
                .span(at..text.len())
                .anchored(aho_corasick::Anchored::Yes);
            let from = match self.ac.find(input) {
                Some(m) => {
                    f(m.start(), m.end());
                    m.end()
                }
                None => at + 1,
            };
            next = starts.next(text, from, &mut seen);
        }
    }
}

/// Byte length of the beginnings that `Starts` tries first.
const START_LEN: usize = 3;
/// At most this many distinct beginnings: more would find too many places to try to pay.
const MAX_STARTS: usize = 48;

/// Where the matches of a set of nonempty literals can begin: their beginnings (first `START_LEN`
/// bytes, or fewer when that gives more than `MAX_STARTS` distinct ones), found by SIMD searches.
/// A packed searcher only looks at as many bytes as its shortest pattern has (`{` and `<un`
/// together would stop at every `<`), so there is one per length of beginning, and one-byte
/// beginnings (up to three) go to `memchr`.
struct Starts {
    /// One-byte beginnings.
    bytes: Vec<u8>,
    /// Longer beginnings, one searcher (leftmost-first) per length.
    packed: Vec<packed::Searcher>,
}

impl Starts {
    /// `None` when there are too many beginnings, or a searcher is not available on this
    /// processor.
    fn new<'a>(literals: impl Iterator<Item = &'a [u8]>) -> Option<Starts> {
        let literals: Vec<&[u8]> = literals.collect();
        'len: for len in (1..=START_LEN).rev() {
            let mut heads: Vec<&[u8]> = literals.iter().map(|l| &l[..l.len().min(len)]).collect();
            heads.sort_unstable_by_key(|h| (h.len(), *h));
            heads.dedup();
            let (bytes, longer) = heads.split_at(heads.partition_point(|h| h.len() == 1));
            if heads.is_empty() || heads.len() > MAX_STARTS || bytes.len() > 3 {
                continue;
            }
            let mut packed = Vec::new();
            for group in longer.chunk_by(|a, b| a.len() == b.len()) {
                match packed::Config::new()
                    .match_kind(packed::MatchKind::LeftmostFirst)
                    .builder()
                    .extend(group)
                    .build()
                {
                    Some(searcher) => packed.push(searcher),
                    None => continue 'len,
                }
            }
            let bytes = bytes.iter().map(|h| h[0]).collect();
            return Some(Starts { bytes, packed });
        }
        None
    }

    /// The first offset at or after `at` where a beginning occurs. `seen` keeps what each search
    /// (bytes, then each packed searcher) found last (`Some(None)`: nothing more in the text),
    /// reused while not behind `at`; it starts as `Default::default()` for each text, and `at`
    /// never decreases.
    fn next(
        &self,
        text: &str,
        at: usize,
        seen: &mut [Option<Option<usize>>; START_LEN],
    ) -> Option<usize> {
        let at = at.min(text.len());
        let hay = text.as_bytes();
        let [seen_bytes, seen_packed @ ..] = seen;
        let mut first = match self.bytes.as_slice() {
            [] => None,
            &[a] => cached(seen_bytes, at, || {
                memchr::memchr(a, &hay[at..]).map(|i| at + i)
            }),
            &[a, b] => cached(seen_bytes, at, || {
                memchr::memchr2(a, b, &hay[at..]).map(|i| at + i)
            }),
            &[a, b, c, ..] => cached(seen_bytes, at, || {
                memchr::memchr3(a, b, c, &hay[at..]).map(|i| at + i)
            }),
        };
        for (searcher, seen) in self.packed.iter().zip(seen_packed) {
            let found = cached(seen, at, || {
                searcher
                    .find_in(hay, aho_corasick::Span::from(at..hay.len()))
                    .map(|m| m.start())
            });
            first = match (first, found) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
        first
    }
}

/// What `seen` holds when it is not behind `at` (`Some(None)`: nothing more), else what `search`
/// finds (an offset at or after `at`), which `seen` then keeps.
fn cached(
    seen: &mut Option<Option<usize>>,
    at: usize,
    search: impl FnOnce() -> Option<usize>,
) -> Option<usize> {
    match *seen {
        Some(Some(p)) if p >= at => Some(p),
        Some(None) => None,
        _ => {
            let found = search();
            *seen = Some(found);
            found
        }
    }
}

/// A rule's regex.
struct Pattern {
    re: Regex,
    /// Whether `re` has a group named `flag`, which narrows the reported span.
    flag: bool,
    /// See `AnchoredScan`.
    anchored: Option<AnchoredScan>,
}

/// Another way to a pattern's matches than the regex engine's own scan, which, for a pattern such
/// as `lints/mt/token-leak.toml`'s, steps an automaton through every byte of the text: its
/// alternatives either begin with one of a few literals or (the model preambles) match only at the
/// start of the text, which keeps the engine from using the literals. Here `starts` finds the next
/// offset where one of the literals begins, and `re` is run anchored there (and at offset 0): the
/// leftmost match is at the first such offset where there is one. Only for patterns that cannot
/// match the empty string, so that each search goes on from the previous match's end, as
/// `find_iter` does.
struct AnchoredScan {
    /// The same regex (same syntax options) as `Pattern::re`, for anchored searches.
    re: meta::Regex,
    starts: Starts,
}

impl AnchoredScan {
    fn new(pattern: &str, ignore_case: bool) -> Option<AnchoredScan> {
        let syntax = regex_automata::util::syntax::Config::new().case_insensitive(ignore_case);
        let hir = regex_automata::util::syntax::parse_with(pattern, &syntax).ok()?;
        if hir.properties().minimum_len().is_none_or(|n| n == 0) {
            return None;
        }
        let alternatives = match hir.kind() {
            HirKind::Alternation(alternatives) => alternatives.as_slice(),
            _ => std::slice::from_ref(&hir),
        };
        let mut extractor = Extractor::new();
        extractor.kind(ExtractKind::Prefix);
        let mut prefixes = Vec::new();
        for alt in alternatives {
            // Anchored at the start of the text: matches only at offset 0, which is always tried.
            if alt.properties().look_set_prefix().contains(Look::Start) {
                continue;
            }
            // Every match of `alt` begins with one of these (none when the set is unbounded).
            let seq = extractor.extract(alt);
            for lit in seq.literals()? {
                if lit.as_bytes().is_empty() {
                    return None;
                }
                prefixes.push(lit.as_bytes().to_vec());
            }
        }
        let starts = Starts::new(prefixes.iter().map(Vec::as_slice))?;
        let re = meta::Regex::builder().syntax(syntax).build(pattern).ok()?;
        Some(AnchoredScan { re, starts })
    }
}

impl Pattern {
    fn new(pattern: &str, ignore_case: bool, origin: &str) -> Result<Pattern, Error> {
        let re = compile(pattern, ignore_case, origin)?;
        let flag = re.capture_names().flatten().any(|n| n == "flag");
        Ok(Pattern {
            re,
            flag,
            anchored: AnchoredScan::new(pattern, ignore_case),
        })
    }

    /// Calls `f` with the reported start and end of each match of `re` in `text` (in `find_iter`
    /// order): the `flag` group's span when the pattern has one and it took part, else the match's.
    fn matches(&self, text: &str, mut f: impl FnMut(usize, usize)) {
        let Some(scan) = &self.anchored else {
            if self.flag {
                for caps in self.re.captures_iter(text) {
                    if let Some(m) = caps.name("flag").or_else(|| caps.get(0)) {
                        f(m.start(), m.end());
                    }
                }
            } else {
                for m in self.re.find_iter(text) {
                    f(m.start(), m.end());
                }
            }
            return;
        };
        let mut caps = self.flag.then(|| scan.re.create_captures());
        let mut seen = Default::default();
        let mut next = (!text.is_empty()).then_some(0);
        while let Some(at) = next {
            let input = regex_automata::Input::new(text)
                .span(at..text.len())
                .anchored(regex_automata::Anchored::Yes);
            // The match's end and the span to report.
            let found = match &mut caps {
                None => scan.re.search(&input).map(|m| (m.end(), m.span())),
                Some(caps) => {
                    scan.re.search_captures(&input, caps);
                    caps.get_match()
                        .map(|m| (m.end(), caps.get_group_by_name("flag").unwrap_or(m.span())))
                }
            };
            let from = match found {
                Some((end, span)) => {
                    f(span.start, span.end);
                    end
                }
                None => at + 1,
            };
            next = scan.starts.next(text, from, &mut seen);
        }
    }
}

/// A compiled declarative rule.
pub struct Declarative {
    id: String,
    origin: String,
    file: RuleFile,
    langs: Vec<Lang>,
    matcher: Matcher,
    /// `swap` keyed by the lowercased key when `ignore_case`.
    swap: BTreeMap<String, String>,
}

fn rule_error(path: &str, message: impl Into<String>) -> Error {
    Error::RuleFile {
        path: path.to_string(),
        message: message.into(),
    }
}

impl Declarative {
    /// Parses and compiles a rule file. `id` comes from the path.
    pub fn parse(id: &str, origin: &str, source: &str) -> Result<Declarative, Error> {
        let file: RuleFile =
            toml::from_str(source).map_err(|e| rule_error(origin, e.to_string()))?;
        if !crate::rules::registry::valid_id(id) {
            return Err(rule_error(
                origin,
                format!("the path gives the invalid rule id `{id}`"),
            ));
        }
        let mut langs = Vec::new();
        for l in &file.languages {
            langs.push(
                Lang::parse(l)
                    .ok_or_else(|| rule_error(origin, format!("unknown language `{l}`")))?,
            );
        }
        let literals: Option<Vec<&String>> = match file.kind {
            Kind::Existence => match (&file.pattern, file.words.is_empty()) {
                (Some(_), true) => None,
                (None, false) => Some(file.words.iter().collect()),
                _ => {
                    return Err(rule_error(
                        origin,
                        "an existence rule needs exactly one of `words` or `pattern`",
                    ));
                }
            },
            Kind::Substitution => {
                if file.swap.is_empty() || file.pattern.is_some() || !file.words.is_empty() {
                    return Err(rule_error(
                        origin,
                        "a substitution rule needs `swap` (and no `words` or `pattern`)",
                    ));
                }
                Some(file.swap.keys().collect())
            }
        };
        let matcher = match (literals, &file.pattern) {
            // Aho-Corasick folds ASCII case only; other case-insensitive lists go through a regex.
            (Some(keys), _) if !file.ignore_case || keys.iter().all(|k| k.is_ascii()) => {
                Matcher::Literals(
                    Literals::new(&keys, file.ignore_case, !file.word_prefix)
                        .map_err(|e| rule_error(origin, e))?,
                )
            }
            (Some(keys), _) => {
                let alts: Vec<String> = keys.iter().map(|k| regex::escape(k)).collect();
                let end = if file.word_prefix { "" } else { r"\b" };
                Matcher::Pattern(Pattern::new(
                    &format!(r"\b(?:{}){end}", alts.join("|")),
                    true,
                    origin,
                )?)
            }
            (None, Some(p)) => Matcher::Pattern(Pattern::new(p, file.ignore_case, origin)?),
            (None, None) => return Err(rule_error(origin, "nothing to match")),
        };
        let swap = file
            .swap
            .iter()
            .map(|(k, v)| {
                (
                    if file.ignore_case {
                        k.to_lowercase()
                    } else {
                        k.clone()
                    },
                    v.clone(),
                )
            })
            .collect();
        Ok(Declarative {
            id: id.to_string(),
            origin: origin.to_string(),
            file,
            langs,
            matcher,
            swap,
        })
    }

    fn example_lang(&self, given: &Option<String>) -> String {
        given
            .clone()
            .or_else(|| self.file.languages.first().cloned())
            .unwrap_or_else(|| "en".into())
    }

    /// Runs the file's own tests; returns one message per failure.
    pub fn self_test(&self) -> Vec<String> {
        let mut failures = Vec::new();
        for t in &self.file.tests.flag {
            let lang = Lang::parse(&self.example_lang(&t.lang)).unwrap_or(Lang::UND);
            let found = run_alone(self, lang, &t.text);
            if found != t.spans {
                failures.push(format!(
                    "{}: expected {:?} in {:?}, found {:?}",
                    self.id, t.spans, t.text, found
                ));
            }
        }
        for t in &self.file.tests.allow {
            let lang = Lang::parse(&self.example_lang(&t.lang)).unwrap_or(Lang::UND);
            let found = run_alone(self, lang, &t.text);
            if !found.is_empty() {
                failures.push(format!(
                    "{}: expected nothing in {:?}, found {:?}",
                    self.id, t.text, found
                ));
            }
        }
        if self.file.tests.flag.is_empty() || self.file.tests.allow.is_empty() {
            failures.push(format!(
                "{}: needs at least one [[tests.flag]] and one [[tests.allow]]",
                self.id
            ));
        }
        failures
    }
}

/// Runs one rule on a text with an empty index; returns the flagged span texts.
fn run_alone(rule: &dyn Rule, lang: Lang, text: &str) -> Vec<String> {
    let mut doc = crate::document::Document::plain("test.txt", text);
    doc.lang = Some(lang);
    let an = crate::tokenize::Analysis::new(&doc.text, Some(lang));
    let index = crate::index::Index::default();
    let view = crate::index::IndexView::new(&index, None);
    let cx = Ctx {
        doc: &doc,
        an: &an,
        index: &view,
    };
    let meta = rule.meta();
    let mut out = Vec::new();
    rule.check(&cx, &mut Sink::new(&meta.id, meta.severity, &mut out));
    out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    out.iter().map(|d| d.span.text(text).to_string()).collect()
}

impl Rule for Declarative {
    fn meta(&self) -> RuleMeta {
        let ex = |lang: &Option<String>, text: &str| Example {
            lang: self.example_lang(lang),
            text: text.into(),
        };
        RuleMeta {
            id: self.id.as_str().into(),
            severity: self.file.severity,
            summary: self.file.summary.clone(),
            explanation: self.file.explanation.trim().to_string(),
            flagged: self
                .file
                .tests
                .flag
                .iter()
                .map(|t| ex(&t.lang, &t.text))
                .collect(),
            allowed: self
                .file
                .tests
                .allow
                .iter()
                .map(|t| ex(&t.lang, &t.text))
                .collect(),
            languages: self.file.languages.clone(),
            default_enabled: self.file.default,
            origin: self.origin.clone(),
        }
    }

    fn fix_applicability(&self) -> crate::fix::Applicability {
        match self.file.fix {
            Some(FixSafety::Safe) => crate::fix::Applicability::Safe,
            _ => crate::fix::Applicability::Unsafe,
        }
    }

    fn check(&self, cx: &Ctx<'_>, out: &mut Sink<'_>) {
        if !self.langs.is_empty() && !self.langs.contains(&cx.an.lang) {
            return;
        }
        let text = cx.text();
        match &self.matcher {
            Matcher::Literals(lits) => lits.matches(text, |start, end| {
                let before = text[..start].chars().next_back();
                let after = text[end..].chars().next();
                let edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
                let first_is_word = text[start..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
                let last_is_word = text[..end]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric);
                if (first_is_word && !edge(before))
                    || (lits.word_end && last_is_word && !edge(after))
                {
                    return;
                }
                self.emit(text, start, end, out);
            }),
            Matcher::Pattern(p) => p.matches(text, |start, end| self.emit(text, start, end, out)),
        }
    }
}

impl Declarative {
    fn emit(&self, text: &str, start: usize, end: usize, out: &mut Sink<'_>) {
        let matched = &text[start..end];
        if matched.is_empty() || self.file.exceptions.iter().any(|e| e == matched) {
            return;
        }
        let span = Span::from_usize(start, end);
        let suggestion = match self.file.kind {
            Kind::Existence => None,
            Kind::Substitution => {
                let key = if self.file.ignore_case {
                    matched.to_lowercase()
                } else {
                    matched.to_string()
                };
                self.swap.get(&key).map(|s| match_case(matched, s))
            }
        };
        let message = self
            .file
            .message
            .replace("{match}", matched)
            .replace("{suggestion}", suggestion.as_deref().unwrap_or(""));
        match suggestion {
            Some(s) => out.report_fix(span, message, s),
            None => out.report(span, message),
        }
    }
}

fn compile(pattern: &str, ignore_case: bool, origin: &str) -> Result<Regex, Error> {
    RegexBuilder::new(pattern)
        .case_insensitive(ignore_case)
        .build()
        .map_err(|e| rule_error(origin, format!("invalid pattern: {e}")))
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

/// The rules embedded from `lints/`.
pub fn embedded() -> Result<Vec<Box<dyn Rule>>, Error> {
    EMBEDDED
        .iter()
        .map(|e| Declarative::parse(e.id, e.path, e.source).map(|r| Box::new(r) as Box<dyn Rule>))
        .collect()
}

/// Loads every `<group>/<name>.toml` under `dir` (sorted). The id is the path relative to `dir`.
pub fn load_dir(dir: &Path) -> Result<Vec<Box<dyn Rule>>, Error> {
    let mut files = Vec::new();
    let groups = std::fs::read_dir(dir).map_err(|e| {
        rule_error(
            &dir.display().to_string(),
            format!("cannot read rule folder: {e}"),
        )
    })?;
    for g in groups.flatten() {
        if !g.path().is_dir() {
            continue;
        }
        let Ok(inner) = std::fs::read_dir(g.path()) else {
            continue;
        };
        for f in inner.flatten() {
            if f.path().extension().is_some_and(|e| e == "toml") {
                files.push(f.path());
            }
        }
    }
    files.sort();
    let mut rules: Vec<Box<dyn Rule>> = Vec::new();
    for f in files {
        let shown = f.display().to_string();
        let source = std::fs::read_to_string(&f)
            .map_err(|e| rule_error(&shown, format!("cannot read: {e}")))?;
        let rel = f.strip_prefix(dir).unwrap_or(&f).with_extension("");
        let id = rel.to_string_lossy().replace('\\', "/");
        rules.push(Box::new(Declarative::parse(&id, &shown, &source)?));
    }
    Ok(rules)
}

#[cfg(test)]
fn run_embedded_tests(id: &str) {
    let Some(e) = EMBEDDED.iter().find(|e| e.id == id) else {
        unreachable!("{id} is embedded")
    };
    let rule =
        Declarative::parse(e.id, e.path, e.source).unwrap_or_else(|err| unreachable!("{err}"));
    let failures = rule.self_test();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[cfg(test)]
mod embedded_tests {
    include!(concat!(env!("OUT_DIR"), "/embedded_lint_tests.rs"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_are_errors_with_a_line() {
        let src = "kind = \"existence\"\nseverity = \"warning\"\nsummary = \"x\"\nmessage = \"m\"\nwords = [\"a\"]\nbogus = 1\n";
        let err = Declarative::parse("a/b", "lints/a/b.toml", src)
            .err()
            .unwrap()
            .to_string();
        assert!(
            err.contains("lints/a/b.toml") && err.contains("line 6") && err.contains("bogus"),
            "{err}"
        );
    }

    #[test]
    fn bad_regex_is_an_error() {
        let src = "kind = \"existence\"\nseverity = \"warning\"\nsummary = \"x\"\nmessage = \"m\"\npattern = \"(\"\n";
        let err = Declarative::parse("a/b", "x.toml", src)
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("invalid pattern"), "{err}");
    }

    /// The scans that jump between the literals' beginnings (`Starts`) find exactly what the
    /// automaton's or the regex's own scan finds, on texts pieced together from fragments of the
    /// embedded rules' matches and near-misses.
    #[test]
    fn scans_from_beginnings_find_what_plain_scans_find() {
        let fragments = [
            "à Russie",
            " unie",
            "à Chine",
            " nouvelle",
            "en Japon",
            "xen ",
            "à ",
            "en",
            " ",
            "Voici la traduction",
            "Traduction :",
            "  ",
            "\\n",
            "A",
            "{",
            "0}",
            "{{",
            "x}}",
            "<unk>",
            "<|im_end|>",
            "&amp;",
            "&",
            "Je ne peux pas traduire",
            "I cannot translate",
            "é",
            "’",
            "\n",
            "__fr__",
            "${v}",
            "@@ ",
            "▁",
            "<2fr>",
            "[SEP]",
            "As an AI language model",
        ];
        let mut seed = 7u64;
        for e in EMBEDDED {
            let rule = Declarative::parse(e.id, e.path, e.source).unwrap();
            let keys: Vec<&String> = match rule.file.kind {
                Kind::Existence => rule.file.words.iter().collect(),
                Kind::Substitution => rule.file.swap.keys().collect(),
            };
            let plain = AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .build(keys)
                .unwrap();
            for n in 0..2000 {
                let mut text = String::new();
                for _ in 0..n % 14 {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    text.push_str(fragments[(seed >> 33) as usize % fragments.len()]);
                }
                let mut got = Vec::new();
                let want: Vec<(usize, usize)> = match &rule.matcher {
                    Matcher::Literals(lits) => {
                        assert!(lits.starts.is_some(), "{}", e.id);
                        lits.matches(&text, |s, e| got.push((s, e)));
                        plain
                            .find_iter(&text)
                            .map(|m| (m.start(), m.end()))
                            .collect()
                    }
                    Matcher::Pattern(p) => {
                        assert!(p.anchored.is_some() && !p.flag, "{}", e.id);
                        p.matches(&text, |s, e| got.push((s, e)));
                        p.re.find_iter(&text)
                            .map(|m| (m.start(), m.end()))
                            .collect()
                    }
                };
                assert_eq!(got, want, "{} in {text:?}", e.id);
            }
        }
    }

    #[test]
    fn substitution_keeps_the_initial_capital() {
        assert_eq!(match_case("À Russie", "en Russie"), "En Russie");
        assert_eq!(match_case("à Russie", "en Russie"), "en Russie");
    }
}
