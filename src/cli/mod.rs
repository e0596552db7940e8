//! The command-line front end: argument parsing, configuration, progress and exit codes. Only the
//! binary declares this module, so the library never depends on it.

pub mod args;
mod changed;
mod commands;
mod ignore;
mod progress;

use std::path::Path;

use anyhow::{Context, Result};
use coquille::config::{self, Config};
use coquille::input::InputOptions;
use coquille::lang::Lang;
use coquille::rules::{Registry, Selection, Settings};

use args::{Cli, Command, InputArgs, RuleArgs};

/// Exit codes: no finding at or above the threshold, findings, usage/config/input error.
pub const EXIT_OK: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

pub fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Check(a) => commands::check::run(a),
        Command::Compare(a) => commands::compare::run(a),
        Command::Report(a) => commands::report::run(a),
        Command::Rules(a) => commands::rules::list(a),
        Command::Explain(a) => commands::rules::explain(a),
        Command::Index(c) => commands::index::run(c),
        Command::Stats(a) => commands::stats::run(a),
        Command::Ngrams(a) => commands::ngrams::run(a),
    }
}

/// Whether an error is a closed stdout (`coquille check … | head`), which is not a failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || matches!(e.downcast_ref::<coquille::Error>(), Some(coquille::Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

#[allow(clippy::print_stderr)]
pub fn print_error(err: &anyhow::Error) {
    eprintln!("coquille: error: {err}");
    for cause in err.chain().skip(1) {
        eprintln!("  caused by: {cause}");
    }
}

/// The configuration: the file given, else the nearest `coquille.toml`, else defaults.
pub fn load_config(explicit: Option<&Path>, disabled: bool) -> Result<Config> {
    if disabled {
        return Ok(Config::default());
    }
    let path = match explicit {
        Some(p) => Some(p.to_path_buf()),
        None => std::env::current_dir().ok().and_then(|d| config::find(&d)),
    };
    match path {
        Some(p) => Ok(Config::load(&p)?),
        None => Ok(Config::default()),
    }
}

/// Input options from the configuration, overridden by the command line.
pub fn input_options(config: &Config, args: &InputArgs) -> Result<InputOptions> {
    let mut opts = InputOptions::default();
    let pick = |cli: &Option<String>, file: &Option<String>| cli.clone().or_else(|| file.clone());
    if let Some(f) = pick(&args.text_field, &config.input.text_field) {
        opts.text_field = f;
    }
    if let Some(f) = pick(&args.id_field, &config.input.id_field) {
        opts.id_field = f;
    }
    if let Some(f) = pick(&args.lang_field, &config.input.lang_field) {
        opts.lang_field = f;
    }
    if let Some(code) = pick(&args.lang, &config.input.lang) {
        opts.lang =
            Some(Lang::parse(&code).with_context(|| format!("invalid language code `{code}`"))?);
    }
    Ok(opts)
}

/// Every rule (built-in, embedded and the configuration's packs), narrowed by the selection.
pub fn registry(config: &Config, selection: &Selection) -> Result<Registry> {
    let mut registry = Registry::builtin()?;
    for dir in &config.lints {
        registry.add_dir(&config.resolve(dir))?;
    }
    let mut registry = registry.select(selection)?;
    registry.configure(rule_settings(config)?);
    Ok(registry)
}

/// The word lists and name spellings of the configuration.
fn rule_settings(config: &Config) -> Result<Settings> {
    let mut settings = Settings::default();
    for (code, lists) in &config.words {
        let Some(lang) = Lang::parse(code) else {
            anyhow::bail!(
                "{}: [words]: `{code}` is not a language code",
                config
                    .source
                    .as_ref()
                    .map_or_else(|| "coquille.toml".into(), |(p, _)| p.display().to_string())
            );
        };
        for list in lists {
            settings.add_word_list(lang, &config.resolve(list))?;
        }
    }
    for name in &config.names.preferred {
        settings.prefer_name(name);
    }
    Ok(settings)
}

/// Worker threads: the command line, else the configuration, else one per core.
pub fn threads(config: &Config, args: &InputArgs) -> usize {
    args.threads.or(config.threads).unwrap_or(0)
}

/// Prints an input problem: errors always, notices unless `quiet`.
#[allow(clippy::print_stderr)]
pub fn report_problem(p: &coquille::input::Problem, quiet: bool) {
    if p.is_error {
        eprintln!("coquille: error: {p}");
    } else if !quiet {
        eprintln!("coquille: note: {p}");
    }
}

/// The rule selection: the command line's `--select` wins over the file's `select`; the
/// `extend-select` and `ignore` lists of both apply.
pub fn selection(config: &Config, args: &RuleArgs) -> Selection {
    Selection {
        select: args.select.clone().or_else(|| config.select.clone()),
        extend_select: config
            .extend_select
            .iter()
            .chain(&args.extend_select)
            .cloned()
            .collect(),
        ignore: config
            .ignored_rules()
            .iter()
            .chain(&args.ignore)
            .cloned()
            .collect(),
        severity: config.severity.clone(),
    }
}

/// The reference index: `--index FILE`, else the configuration's `[index] path`, else none.
pub fn reference_index(
    config: &Config,
    arg: Option<&Path>,
) -> Result<Option<coquille::index::Index>> {
    let path = arg
        .map(Path::to_path_buf)
        .or_else(|| config.index.path.as_ref().map(|p| config.resolve(p)));
    match path {
        Some(p) => Ok(Some(coquille::index::read_file(&p)?)),
        None => Ok(None),
    }
}
