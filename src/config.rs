//! `coquille.toml`: the project configuration, found by searching upward from the working
//! directory. Unknown keys are errors that name the file, line and column.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::error::Error;

pub const FILE_NAME: &str = "coquille.toml";

/// The threshold for a failing exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    /// The lowest severity that fails the run, or `None` for never.
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

impl std::str::FromStr for FailOn {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s {
            "error" => FailOn::Error,
            "warning" => FailOn::Warning,
            "info" => FailOn::Info,
            "never" => FailOn::Never,
            other => {
                return Err(format!(
                    "unknown level `{other}` (expected error, warning, info or never)"
                ));
            }
        })
    }
}

/// The `[input]` table.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct InputConfig {
    pub text_field: Option<String>,
    pub id_field: Option<String>,
    pub lang_field: Option<String>,
    /// Language of every document, overriding records' fields.
    pub lang: Option<String>,
}

/// The `[index]` table.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct IndexConfig {
    /// A reference index used by every `check` (relative to the config file).
    pub path: Option<PathBuf>,
}

/// The `[names]` table.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct NamesConfig {
    /// House spellings of names: other spellings that differ only by case, hyphens, spaces or
    /// diacritics are reported with these as the fix.
    #[serde(default)]
    pub preferred: Vec<String>,
}

/// An item of `ignore`: a rule id or group (`ignore = ["glue/"]`), or a finding filter
/// (`[[ignore]]` with `path`, `rule`, `text`).
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum IgnoreItem {
    Rule(String),
    Findings(IgnoreEntry),
}

/// One `[[ignore]]` entry: findings of `rule` (an id or group; all rules when absent) in files
/// matching `path` (a glob, relative to the config file's folder; all files when absent) whose
/// flagged text matches `text` (a regex; any text when absent).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct IgnoreEntry {
    pub path: Option<String>,
    pub rule: Option<String>,
    pub text: Option<String>,
}

/// The whole file.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Exactly these rules or groups run (default-off rules included).
    pub select: Option<Vec<String>>,
    /// These rules or groups run in addition to the default set.
    #[serde(default)]
    pub extend_select: Vec<String>,
    /// Rule ids or groups that never run (strings), and findings to ignore (`[[ignore]]` tables).
    #[serde(default)]
    pub ignore: Vec<toml::Spanned<IgnoreItem>>,
    /// Severity overrides by rule id or group.
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    pub fail_on: Option<FailOn>,
    pub threads: Option<usize>,
    /// Folders of user rule packs (`<group>/<name>.toml`), relative to the config file.
    #[serde(default)]
    pub lints: Vec<PathBuf>,
    #[serde(default)]
    pub input: InputConfig,
    #[serde(default)]
    pub index: IndexConfig,
    /// Word lists per language code (hunspell `.dic` or one word per line), relative to the file.
    #[serde(default)]
    pub words: BTreeMap<String, Vec<PathBuf>>,
    #[serde(default)]
    pub names: NamesConfig,

    /// The folder holding the file, for resolving relative paths (not a key of the file).
    #[serde(skip)]
    pub base: PathBuf,
    /// The file and its text, for messages that point into it (not keys of the file).
    #[serde(skip)]
    pub source: Option<(PathBuf, String)>,
}

impl Config {
    /// The rule ids and groups of `ignore`.
    pub fn ignored_rules(&self) -> Vec<String> {
        self.ignore
            .iter()
            .filter_map(|i| match i.get_ref() {
                IgnoreItem::Rule(r) => Some(r.clone()),
                IgnoreItem::Findings(_) => None,
            })
            .collect()
    }

    /// The `[[ignore]]` finding filters with the 1-based line where each starts.
    pub fn ignored_findings(&self, text: &str) -> Vec<(usize, IgnoreEntry)> {
        self.ignore
            .iter()
            .filter_map(|i| match i.get_ref() {
                IgnoreItem::Findings(e) => Some((
                    text[..i.span().start.min(text.len())].matches('\n').count() + 1,
                    e.clone(),
                )),
                IgnoreItem::Rule(_) => None,
            })
            .collect()
    }

    /// Parses a config file's text; `path` names it in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Config, Error> {
        let mut config: Config = toml::from_str(text).map_err(|e| Error::Config {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        config.base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        config.source = Some((path.to_path_buf(), text.to_string()));
        Ok(config)
    }

    /// Reads and parses a config file.
    pub fn load(path: &Path) -> Result<Config, Error> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::Config {
            path: path.to_path_buf(),
            message: format!("cannot read: {e}"),
        })?;
        Config::parse(&text, path)
    }

    /// A path of the file resolved against its folder.
    pub fn resolve(&self, p: &Path) -> PathBuf {
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            self.base.join(p)
        }
    }
}

/// The nearest `coquille.toml` in `start` or its ancestors.
pub fn find(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_full_file() {
        let text = r#"
select = ["glue/", "repetition"]
ignore = ["glue/missing-space-after-punct"]
fail-on = "error"
lints = ["house-rules"]

[severity]
"repetition/repeated-word" = "error"

[input]
text-field = "body"
lang = "fr"
"#;
        let c = Config::parse(text, Path::new("/p/coquille.toml")).unwrap();
        assert_eq!(
            c.select.as_deref(),
            Some(&["glue/".to_string(), "repetition".to_string()][..])
        );
        assert_eq!(c.fail_on, Some(FailOn::Error));
        assert_eq!(c.severity["repetition/repeated-word"], Severity::Error);
        assert_eq!(c.input.text_field.as_deref(), Some("body"));
        assert_eq!(
            c.resolve(Path::new("house-rules")),
            PathBuf::from("/p/house-rules")
        );
    }

    #[test]
    fn unknown_keys_name_file_and_line() {
        let err = Config::parse(
            "fail-on = \"error\"\n\n[input]\ntext-feild = \"x\"\n",
            Path::new("coquille.toml"),
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("coquille.toml") && err.contains("line 4") && err.contains("text-feild"),
            "{err}"
        );
    }
}
