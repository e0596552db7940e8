//! The set-up `compare` and `report` share: configuration, rules, reference index, inputs, and
//! the metadata keys of `--by`, `--pair-by` and `--where`.

use std::path::PathBuf;

use anyhow::{Result, bail};
use coquille::compare::{Filter, Key};
use coquille::engine;
use coquille::index::Index;
use coquille::input::{self, Discovery, InputOptions};
use coquille::rules::Registry;

use crate::cli::args::{InputArgs, RuleArgs};
use crate::cli::{
    input_options, load_config, reference_index, registry, report_problem, selection, threads,
};

/// Everything a grouped run needs before reading documents.
pub struct Grouped {
    pub registry: Registry,
    pub input: InputOptions,
    pub engine: engine::Options,
    pub reference: Option<Index>,
    pub discovery: Discovery,
    paths: Vec<PathBuf>,
    /// Input errors seen so far (missing paths...); the caller adds those met while reading.
    pub input_errors: u64,
}

impl Grouped {
    /// Loads the configuration and rules, reads the reference index and finds the inputs,
    /// reporting the paths that cannot be read.
    pub fn prepare(
        paths: &[PathBuf],
        rules: &RuleArgs,
        args: &InputArgs,
        quiet: bool,
    ) -> Result<Self> {
        let config = load_config(args.config.as_deref(), args.no_config)?;
        let registry = registry(&config, &selection(&config, rules))?;
        let input = input_options(&config, args)?;
        let engine = engine::Options {
            threads: threads(&config, args),
            input: input.clone(),
            batch_bytes: args.batch_bytes.unwrap_or(engine::BATCH_BYTES),
        };
        let reference = reference_index(&config, rules.index.as_deref())?;
        let discovery = input::discover(paths);
        let mut input_errors = 0u64;
        for p in &discovery.problems {
            report_problem(p, quiet);
            input_errors += u64::from(p.is_error);
        }
        Ok(Grouped {
            registry,
            input,
            engine,
            reference,
            discovery,
            paths: paths.to_vec(),
            input_errors,
        })
    }

    /// The key of a metadata field name.
    pub fn key(&self, name: &str) -> Key {
        Key::named(name, &self.input, &self.paths, &self.discovery.sources)
    }

    /// The `--where FIELD=VALUE` / `FIELD!=VALUE` filters.
    pub fn filters(&self, specs: &[String]) -> Result<Vec<Filter>> {
        specs
            .iter()
            .map(|spec| {
                let Some((field, value, negate)) = Filter::parse(spec) else {
                    bail!("invalid --where `{spec}`: expected FIELD=VALUE or FIELD!=VALUE");
                };
                Ok(Filter {
                    key: self.key(field),
                    value: value.to_string(),
                    negate,
                })
            })
            .collect()
    }

    /// The pairing key: none with `--no-pair`, else `--pair-by`, else the document id.
    pub fn pair_by(&self, no_pair: bool, pair_by: Option<&str>) -> Option<Key> {
        (!no_pair).then(|| pair_by.map_or(Key::Id, |f| self.key(f)))
    }
}
