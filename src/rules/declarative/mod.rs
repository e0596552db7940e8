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

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::{Regex, RegexBuilder};
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
    Literals { ac: AhoCorasick, word_end: bool },
    Pattern(Regex),
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
                let ac = AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .ascii_case_insensitive(file.ignore_case)
                    .build(&keys)
                    .map_err(|e| rule_error(origin, format!("cannot build the word list: {e}")))?;
                Matcher::Literals {
                    ac,
                    word_end: !file.word_prefix,
                }
            }
            (Some(keys), _) => {
                let alts: Vec<String> = keys.iter().map(|k| regex::escape(k)).collect();
                let end = if file.word_prefix { "" } else { r"\b" };
                Matcher::Pattern(compile(
                    &format!(r"\b(?:{}){end}", alts.join("|")),
                    true,
                    origin,
                )?)
            }
            (None, Some(p)) => Matcher::Pattern(compile(p, file.ignore_case, origin)?),
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
            Matcher::Literals { ac, word_end } => {
                for m in ac.find_iter(text) {
                    let before = text[..m.start()].chars().next_back();
                    let after = text[m.end()..].chars().next();
                    let edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
                    let first_is_word = text[m.start()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric);
                    let last_is_word = text[..m.end()]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric);
                    if (first_is_word && !edge(before))
                        || (*word_end && last_is_word && !edge(after))
                    {
                        continue;
                    }
                    self.emit(text, m.start(), m.end(), out);
                }
            }
            Matcher::Pattern(re)
                if re.captures_len() > 1 && re.capture_names().flatten().any(|n| n == "flag") =>
            {
                for caps in re.captures_iter(text) {
                    if let Some(m) = caps.name("flag").or_else(|| caps.get(0)) {
                        self.emit(text, m.start(), m.end(), out);
                    }
                }
            }
            Matcher::Pattern(re) => {
                for m in re.find_iter(text) {
                    self.emit(text, m.start(), m.end(), out);
                }
            }
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

    #[test]
    fn substitution_keeps_the_initial_capital() {
        assert_eq!(match_case("À Russie", "en Russie"), "En Russie");
        assert_eq!(match_case("à Russie", "en Russie"), "en Russie");
    }
}
