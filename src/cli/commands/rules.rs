//! `coquille rules` and `coquille explain`.

use std::io::Write;

use anyhow::{Result, bail};
use coquille::rules::{Registry, Selection};

use crate::cli::args::{ExplainArgs, RulesArgs};
use crate::cli::{EXIT_OK, load_config, registry};

pub fn list(args: RulesArgs) -> Result<u8> {
    let config = load_config(args.config.as_deref(), false)?;
    let registry = if args.enabled {
        let selection = Selection {
            select: config.select.clone(),
            extend_select: config.extend_select.clone(),
            ignore: config.ignored_rules(),
            severity: config.severity.clone(),
        };
        registry(&config, &selection)?
    } else {
        let mut all = Registry::builtin()?;
        for dir in &config.lints {
            all.add_dir(&config.resolve(dir))?;
        }
        all
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        let rows: Vec<serde_json::Value> = registry
            .severities()
            .map(|(m, s)| {
                serde_json::json!({"id": m.id, "group": m.group(), "severity": s, "default": m.default_enabled,
                    "fix": registry.applicability(&m.id), "summary": m.summary, "languages": m.languages,
                    "origin": m.origin})
            })
            .collect();
        writeln!(out, "{}", serde_json::to_string_pretty(&rows)?)?;
        return Ok(EXIT_OK);
    }
    let width = registry.metas().map(|m| m.id.len()).max().unwrap_or(10);
    writeln!(
        out,
        "{:<width$}  {:<7}  {:<3}  summary",
        "rule", "level", "on"
    )?;
    for (m, sev) in registry.severities() {
        let on = if m.default_enabled { "yes" } else { "no" };
        writeln!(
            out,
            "{:<width$}  {:<7}  {:<3}  {}",
            m.id,
            sev.as_str(),
            on,
            m.summary
        )?;
    }
    writeln!(
        out,
        "\n{} rules; `coquille explain RULE` for details",
        registry.len()
    )?;
    Ok(EXIT_OK)
}

pub fn explain(args: ExplainArgs) -> Result<u8> {
    let config = load_config(args.config.as_deref(), false)?;
    let mut registry = Registry::builtin()?;
    for dir in &config.lints {
        registry.add_dir(&config.resolve(dir))?;
    }
    let Some(m) = registry.meta(&args.rule) else {
        bail!("unknown rule `{}` (see `coquille rules`)", args.rule);
    };
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", m.id)?;
    writeln!(out, "  {}", m.summary)?;
    writeln!(out)?;
    writeln!(out, "group:     {}", m.group())?;
    writeln!(out, "severity:  {}", m.severity)?;
    writeln!(
        out,
        "default:   {}",
        if m.default_enabled { "on" } else { "off" }
    )?;
    let langs = if m.languages.is_empty() {
        "all".to_string()
    } else {
        m.languages.join(", ")
    };
    writeln!(out, "languages: {langs}")?;
    writeln!(out, "defined in {}", m.origin)?;
    writeln!(out)?;
    for para in m.explanation.split("\n\n") {
        writeln!(
            out,
            "{}",
            wrap(&para.split_whitespace().collect::<Vec<_>>().join(" "), 88)
        )?;
        writeln!(out)?;
    }
    if !m.flagged.is_empty() {
        writeln!(out, "Flagged:")?;
        for e in &m.flagged {
            writeln!(out, "  [{}] {}", e.lang, e.text.replace('\n', "⏎"))?;
        }
    }
    writeln!(out, "Left alone:")?;
    for e in &m.allowed {
        writeln!(out, "  [{}] {}", e.lang, e.text.replace('\n', "⏎"))?;
    }
    Ok(EXIT_OK)
}

fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split(' ') {
        let n = word.chars().count();
        if line > 0 && line + 1 + n > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += n;
    }
    out
}
