//! The registry: every known rule with its metadata, narrowed by a selection to the rules that run.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Error;
use crate::fix::Applicability;
use crate::rules::{Ctx, Rule, RuleMeta, Settings, Sink, builtin, declarative};

struct Entry {
    meta: RuleMeta,
    severity: Severity,
    fix: Applicability,
    rule: Box<dyn Rule>,
    /// Nanoseconds spent in the rule, counted only when timings are on.
    nanos: AtomicU64,
}

/// Which rules run and at which severity. Patterns are rule ids or group prefixes (`glue/` or `glue`).
#[derive(Clone, Debug, Default)]
pub struct Selection {
    /// When set, exactly the matching rules run (default-off rules included); else the default set.
    pub select: Option<Vec<String>>,
    /// Added to the selected set (or to the default set).
    pub extend_select: Vec<String>,
    /// Removed from the set.
    pub ignore: Vec<String>,
    /// Severity overrides by id or group prefix (the longest pattern wins).
    pub severity: BTreeMap<String, Severity>,
}

/// The findings of every rule on one document, and the rules that failed on it.
#[derive(Debug, Default)]
pub struct Linted {
    pub diagnostics: Vec<Diagnostic>,
    /// (rule id, panic message) of each rule that crashed on the document.
    pub failures: Vec<(Arc<str>, String)>,
}

/// A set of rules, sorted by id.
pub struct Registry {
    entries: Vec<Entry>,
    timed: bool,
}

fn matches(pattern: &str, id: &str) -> bool {
    let p = pattern.trim_end_matches('/');
    id == p || (id.starts_with(p) && id.as_bytes().get(p.len()) == Some(&b'/'))
}

impl Registry {
    /// Every built-in rule and every rule pack embedded from `lints/`.
    pub fn builtin() -> Result<Registry, Error> {
        let mut rules: Vec<Box<dyn Rule>> = builtin::all();
        rules.push(Box::new(crate::suppress::UnusedDirective));
        rules.extend(declarative::embedded()?);
        Registry::from_rules(rules)
    }

    /// Builds a registry from rules; ids must be unique and well-formed.
    pub fn from_rules(rules: Vec<Box<dyn Rule>>) -> Result<Registry, Error> {
        let mut entries: Vec<Entry> = rules
            .into_iter()
            .map(|rule| {
                let meta = rule.meta();
                Entry {
                    severity: meta.severity,
                    fix: rule.fix_applicability(),
                    meta,
                    rule,
                    nanos: AtomicU64::new(0),
                }
            })
            .collect();
        entries.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
        for e in &entries {
            if !valid_id(&e.meta.id) {
                return Err(Error::RuleFile {
                    path: e.meta.origin.clone(),
                    message: format!(
                        "invalid rule id `{}` (expected group/kebab-name)",
                        e.meta.id
                    ),
                });
            }
        }
        for w in entries.windows(2) {
            if w[0].meta.id == w[1].meta.id {
                return Err(Error::RuleFile {
                    path: w[1].meta.origin.clone(),
                    message: format!(
                        "rule `{}` is already defined in {}",
                        w[1].meta.id, w[0].meta.origin
                    ),
                });
            }
        }
        Ok(Registry {
            entries,
            timed: false,
        })
    }

    /// Adds user rules from a folder of `<group>/<name>.toml` files.
    pub fn add_dir(&mut self, dir: &Path) -> Result<(), Error> {
        let mut rules: Vec<Box<dyn Rule>> = self.take_rules();
        rules.extend(declarative::load_dir(dir)?);
        *self = Registry::from_rules(rules)?;
        Ok(())
    }

    fn take_rules(&mut self) -> Vec<Box<dyn Rule>> {
        std::mem::take(&mut self.entries)
            .into_iter()
            .map(|e| e.rule)
            .collect()
    }

    /// Keeps the selected rules and applies severity overrides. Unknown ids or groups are errors.
    pub fn select(mut self, sel: &Selection) -> Result<Registry, Error> {
        let patterns = sel
            .select
            .iter()
            .flatten()
            .chain(&sel.extend_select)
            .chain(&sel.ignore)
            .chain(sel.severity.keys());
        for p in patterns {
            if !self.entries.iter().any(|e| matches(p, &e.meta.id)) {
                return Err(Error::Usage(format!(
                    "unknown rule or group `{p}` (see `coquille rules`)"
                )));
            }
        }
        self.entries.retain(|e| {
            let id = &*e.meta.id;
            let base = match &sel.select {
                Some(list) => list.iter().any(|p| matches(p, id)),
                None => e.meta.default_enabled,
            };
            let on = base || sel.extend_select.iter().any(|p| matches(p, id));
            on && !sel.ignore.iter().any(|p| matches(p, id))
        });
        for e in &mut self.entries {
            let best = sel
                .severity
                .iter()
                .filter(|(p, _)| matches(p, &e.meta.id))
                .max_by_key(|(p, _)| p.trim_end_matches('/').len());
            if let Some((_, s)) = best {
                e.severity = *s;
            }
        }
        Ok(self)
    }

    /// Metadata of every rule, sorted by id.
    pub fn metas(&self) -> impl Iterator<Item = &RuleMeta> {
        self.entries.iter().map(|e| &e.meta)
    }

    /// The metadata of one rule.
    pub fn meta(&self, id: &str) -> Option<&RuleMeta> {
        self.metas().find(|m| &*m.id == id)
    }

    /// The effective severity of each rule (after overrides), sorted by id.
    pub fn severities(&self) -> impl Iterator<Item = (&RuleMeta, Severity)> {
        self.entries.iter().map(|e| (&e.meta, e.severity))
    }

    /// The effective severity of a rule that runs, `None` when it does not.
    pub fn severity(&self, id: &str) -> Option<Severity> {
        self.entries
            .iter()
            .find(|e| &*e.meta.id == id)
            .map(|e| e.severity)
    }

    /// Whether the fixes of a rule are safe to apply unreviewed.
    pub fn applicability(&self, id: &str) -> Option<Applicability> {
        self.entries
            .iter()
            .find(|e| &*e.meta.id == id)
            .map(|e| e.fix)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Hands the configuration's word lists and name spellings to every rule.
    pub fn configure(&mut self, settings: Settings) {
        let settings = Arc::new(settings);
        for e in &mut self.entries {
            e.rule.configure(&settings);
        }
    }

    /// Counts the time spent in each rule from now on (see [`Registry::timings`]).
    pub fn enable_timings(&mut self) {
        self.timed = true;
    }

    /// The time spent in each rule since timings were enabled, summed over threads, slowest
    /// first (ties by id).
    pub fn timings(&self) -> Vec<(&str, Duration)> {
        let mut rows: Vec<(&str, Duration)> = self
            .entries
            .iter()
            .map(|e| {
                let ns = e.nanos.load(Ordering::Relaxed);
                (&*e.meta.id, Duration::from_nanos(ns))
            })
            .collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        rows
    }

    /// Whether any rule reads the corpus index.
    pub fn needs_index(&self) -> bool {
        self.entries.iter().any(|e| e.rule.needs_index())
    }

    /// Whether any rule reads the index's collocation counts.
    pub fn needs_collocations(&self) -> bool {
        self.entries.iter().any(|e| e.rule.needs_collocations())
    }

    /// Runs every rule on one document; diagnostics come back sorted. A rule that panics loses
    /// only its own findings on this document: its id and message are returned in `failures`.
    pub fn lint(&self, cx: &Ctx<'_>) -> Linted {
        let mut out = Vec::new();
        let mut failures = Vec::new();
        for e in &self.entries {
            let id: &Arc<str> = &e.meta.id;
            let before = out.len();
            let start = self.timed.then(Instant::now);
            let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                e.rule.check(cx, &mut Sink::new(id, e.severity, &mut out));
            }));
            if let Some(start) = start {
                let ns = u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX);
                e.nanos.fetch_add(ns, Ordering::Relaxed);
            }
            if let Err(payload) = run {
                out.truncate(before);
                let message = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".into());
                failures.push((id.clone(), message));
            }
        }
        out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        out.dedup_by(|a, b| a.sort_key() == b.sort_key());
        Linted {
            diagnostics: out,
            failures,
        }
    }
}

/// `group/kebab-name`: lowercase ASCII letters, digits and single hyphens, one slash.
pub fn valid_id(id: &str) -> bool {
    let kebab = |s: &str| {
        !s.is_empty()
            && !s.starts_with('-')
            && !s.ends_with('-')
            && !s.contains("--")
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    matches!(id.split_once('/'), Some((g, n)) if kebab(g) && kebab(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_prefixes() {
        assert!(valid_id("glue/glued-words"));
        assert!(!valid_id("glue/Glued"));
        assert!(!valid_id("glue"));
        assert!(!valid_id("a/b/c"));
        assert!(matches("glue", "glue/glued-words"));
        assert!(matches("glue/", "glue/glued-words"));
        assert!(!matches("glu", "glue/glued-words"));
        assert!(matches("glue/glued-words", "glue/glued-words"));
    }

    #[test]
    fn selection_narrows_and_rejects_unknown() {
        let all = Registry::builtin().unwrap();
        let n = all.len();
        assert!(n >= 5);
        let sel = Selection {
            select: Some(vec!["repetition".into()]),
            ..Default::default()
        };
        let r = Registry::builtin().unwrap().select(&sel).unwrap();
        assert!(r.metas().all(|m| m.group() == "repetition"));
        let sel = Selection {
            ignore: vec!["nope/nothing".into()],
            ..Default::default()
        };
        assert!(Registry::builtin().unwrap().select(&sel).is_err());
    }

    /// Every rule documents at least one flagged and one allowed example, and behaves as documented.
    #[test]
    fn every_rule_behaves_as_its_docs_say() {
        use crate::rules::testing::run;
        let all = Registry::builtin().unwrap();
        for e in &all.entries {
            let m = &e.meta;
            // Invalid bytes cannot be written as a text example; that rule is tested on raw bytes.
            // (The engine reports unused suppression comments, not a text example.)
            let byte_level = matches!(
                &*m.id,
                "encoding/invalid-utf8" | "suppression/unused-directive"
            );
            // Bitext rules need the record's `source` field, which a text example cannot carry;
            // their own tests run their flagged examples with a source.
            // So do the rules whose thresholds need a large corpus: their own tests run their
            // flagged examples with one.
            let needs_source = matches!(
                &*m.id,
                "mt/source-copy" | "mt/number-mismatch" | "mt/rare-collocation"
            );
            assert!(
                (byte_level || !m.flagged.is_empty()) && !m.allowed.is_empty(),
                "{}: needs examples",
                m.id
            );
            assert!(
                !m.summary.is_empty() && !m.summary.ends_with('.'),
                "{}: summary",
                m.id
            );
            for ex in m.flagged.iter().filter(|_| !needs_source) {
                let lang = crate::lang::Lang::parse(&ex.lang).unwrap();
                assert!(
                    !run(e.rule.as_ref(), lang, &ex.text).is_empty(),
                    "{} should flag {ex:?}",
                    m.id
                );
            }
            for ex in &m.allowed {
                let lang = crate::lang::Lang::parse(&ex.lang).unwrap();
                let found = run(e.rule.as_ref(), lang, &ex.text);
                assert!(found.is_empty(), "{} should allow {ex:?}: {found:?}", m.id);
            }
        }
    }
}
