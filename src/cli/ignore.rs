//! `[[ignore]]` entries of `coquille.toml`: findings dropped by path glob, rule and text, with a
//! warning for entries that matched nothing (stale suppressions hide future problems).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use coquille::Diagnostic;
use coquille::config::Config;
use globset::{Glob, GlobMatcher};
use regex::Regex;

struct Entry {
    line: usize,
    path: Option<GlobMatcher>,
    rule: Option<String>,
    text: Option<Regex>,
    used: bool,
}

/// The compiled `[[ignore]]` entries of a configuration.
pub struct FindingFilters {
    entries: Vec<Entry>,
    base: PathBuf,
    file: Option<PathBuf>,
}

fn rule_matches(pattern: &str, id: &str) -> bool {
    let p = pattern.trim_end_matches('/');
    id == p || (id.starts_with(p) && id.as_bytes().get(p.len()) == Some(&b'/'))
}

impl FindingFilters {
    pub fn new(config: &Config) -> Result<FindingFilters> {
        let (file, text) = config.source.clone().unwrap_or_default();
        let mut entries = Vec::new();
        for (line, e) in config.ignored_findings(&text) {
            let at = || format!("{}:{line}", file.display());
            let path = match &e.path {
                Some(g) => Some(
                    Glob::new(g)
                        .with_context(|| format!("{}: invalid glob `{g}`", at()))?
                        .compile_matcher(),
                ),
                None => None,
            };
            let text = match &e.text {
                Some(t) => Some(
                    Regex::new(t).with_context(|| format!("{}: invalid pattern `{t}`", at()))?,
                ),
                None => None,
            };
            entries.push(Entry {
                line,
                path,
                rule: e.rule.clone(),
                text,
                used: false,
            });
        }
        let base = std::fs::canonicalize(&config.base).unwrap_or_else(|_| config.base.clone());
        Ok(FindingFilters {
            entries,
            base,
            file: config.source.as_ref().map(|(p, _)| p.clone()),
        })
    }

    /// Drops the findings of one document that an entry ignores.
    pub fn apply(&mut self, path: &str, text: &str, diagnostics: &mut Vec<Diagnostic>) {
        if self.entries.is_empty() {
            return;
        }
        // Globs are relative to the configuration's folder.
        let abs = std::fs::canonicalize(path).unwrap_or_else(|_| PathBuf::from(path));
        let rel: &Path = abs.strip_prefix(&self.base).unwrap_or(Path::new(path));
        let entries = &mut self.entries;
        diagnostics.retain(|d| {
            for e in entries.iter_mut() {
                let hit = e.path.as_ref().is_none_or(|g| g.is_match(rel))
                    && e.rule.as_deref().is_none_or(|r| rule_matches(r, &d.rule))
                    && e.text
                        .as_ref()
                        .is_none_or(|re| re.is_match(d.span.text(text)));
                if hit {
                    e.used = true;
                    return false;
                }
            }
            true
        });
    }

    /// `file:line` of every entry that ignored nothing.
    pub fn unused(&self) -> Vec<String> {
        let file = self
            .file
            .as_deref()
            .map_or("coquille.toml".into(), |f| f.display().to_string());
        self.entries
            .iter()
            .filter(|e| !e.used)
            .map(|e| format!("{file}:{}", e.line))
            .collect()
    }
}
