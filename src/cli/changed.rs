//! `check --changed-since REV`: only the files changed since a git revision (committed, staged,
//! unstaged or untracked), and with `--lines` only the findings on changed lines.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use coquille::Diagnostic;
use coquille::span::LineIndex;

/// Changed files (canonical paths) and, when asked, their changed line ranges (1-based, half-open).
pub struct Changed {
    files: HashMap<PathBuf, Vec<(usize, usize)>>,
    by_line: bool,
}

fn git(args: &[&str]) -> Result<String> {
    let out = Command::new("git")
        .args(args)
        .output()
        .context("cannot run git")?;
    if !out.status.success() {
        bail!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The new-side line ranges of a `git diff -U0` of one file.
fn hunks(diff: &str) -> Vec<(usize, usize)> {
    diff.lines()
        .filter_map(|l| l.strip_prefix("@@ "))
        .filter_map(|l| l.split(' ').find(|w| w.starts_with('+')))
        .filter_map(|w| {
            let w = w.trim_start_matches('+');
            let (start, len) = match w.split_once(',') {
                Some((s, n)) => (s.parse().ok()?, n.parse().ok()?),
                None => (w.parse().ok()?, 1),
            };
            (len > 0).then_some((start, start + len))
        })
        .collect()
}

impl Changed {
    pub fn since(rev: &str, by_line: bool) -> Result<Changed> {
        let root = PathBuf::from(git(&["rev-parse", "--show-toplevel"])?.trim());
        git(&[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ])
        .with_context(|| format!("unknown revision `{rev}`"))?;
        let mut files = HashMap::new();
        for name in
            git(&["diff", "--name-only", "--diff-filter=ACMR", "-z", rev, "--"])?.split('\0')
        {
            if name.is_empty() {
                continue;
            }
            let ranges = if by_line {
                hunks(&git(&["diff", "-U0", rev, "--", name])?)
            } else {
                Vec::new()
            };
            files.insert(canonical(&root.join(name)), ranges);
        }
        for name in git(&[
            "ls-files",
            "--others",
            "--exclude-standard",
            "-z",
            "--full-name",
            ":/",
        ])?
        .split('\0')
        {
            if !name.is_empty() {
                files.insert(canonical(&root.join(name)), vec![(1, usize::MAX)]);
            }
        }
        Ok(Changed { files, by_line })
    }

    /// Whether a file was changed.
    pub fn contains(&self, path: &Path) -> bool {
        self.files.contains_key(&canonical(path))
    }

    /// Keeps the findings on changed lines (with `--lines`; otherwise all).
    pub fn filter(&self, path: &str, text: &str, diagnostics: &mut Vec<Diagnostic>) {
        if !self.by_line || diagnostics.is_empty() {
            return;
        }
        let ranges = self
            .files
            .get(&canonical(Path::new(path)))
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let index = LineIndex::new(text);
        diagnostics.retain(|d| {
            let (line, _) = index.locate(text, d.span.start);
            ranges.iter().any(|&(s, e)| s <= line && line < e)
        });
    }
}

fn canonical(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_hunk_headers() {
        let diff = "diff --git a/x b/x\n@@ -3,0 +4,2 @@\n+a\n+b\n@@ -10 +12 @@\n-c\n+d\n@@ -20,3 +22,0 @@\n";
        assert_eq!(hunks(diff), [(4, 6), (12, 13)]);
    }
}
