//! `coquille compare`: lint documents and compare groups of them (vendors, systems).

use std::io::Write;

use anyhow::{Result, bail};
use coquille::Severity;
use coquille::compare::{self, Filter, Key};
use coquille::engine;
use coquille::input;

use crate::cli::args::{CompareArgs, CompareFormatArg, SeverityArg};
use crate::cli::progress::Progress;
use crate::cli::{EXIT_ERROR, EXIT_OK, input_options, load_config, registry, threads};
use crate::cli::{reference_index, report_problem, selection};

pub fn run(args: CompareArgs) -> Result<u8> {
    let config = load_config(args.input.config.as_deref(), args.input.no_config)?;
    let registry = registry(
        &config,
        &selection(&config, &args.select, &args.extend_select, &args.ignore),
    )?;
    let input_opts = input_options(&config, &args.input)?;
    let engine_opts = engine::Options {
        threads: threads(&config, &args.input),
        input: input_opts.clone(),
        batch_bytes: args.input.batch_bytes.unwrap_or(engine::BATCH_BYTES),
    };
    let reference = reference_index(&config, args.index.as_deref())?;
    if args.replicates == 0 {
        bail!("--replicates must be at least 1");
    }

    let discovery = input::discover(&args.paths);
    let mut input_errors = 0u64;
    for p in &discovery.problems {
        report_problem(p, args.quiet);
        input_errors += u64::from(p.is_error);
    }
    let key = |name: &str| Key::named(name, &input_opts, &args.paths, &discovery.sources);
    let mut filters = Vec::new();
    for spec in &args.filters {
        let Some((field, value, negate)) = Filter::parse(spec) else {
            bail!("invalid --where `{spec}`: expected FIELD=VALUE or FIELD!=VALUE");
        };
        filters.push(Filter {
            key: key(field),
            value: value.to_string(),
            negate,
        });
    }
    let opts = compare::Options {
        by: key(&args.by),
        pair_by: if args.no_pair {
            None
        } else {
            Some(match &args.pair_by {
                Some(f) => key(f),
                None => Key::Id,
            })
        },
        filters,
        min_severity: match args.min_severity {
            SeverityArg::Error => Severity::Error,
            SeverityArg::Warning => Severity::Warning,
            SeverityArg::Info => Severity::Info,
        },
        replicates: args.replicates,
        seed: args.seed,
    };

    let progress = Progress::new(!args.quiet);
    let update = |pass: u8, bytes: u64| progress.update(pass, bytes);
    let quiet = args.quiet;
    let report = compare::run(
        &discovery.sources,
        &registry,
        reference.as_ref(),
        &engine_opts,
        opts,
        Some(&update),
        &mut |p| {
            report_problem(&p, quiet);
            input_errors += u64::from(p.is_error);
        },
    )?;
    progress.finish();

    let format = match args.format {
        CompareFormatArg::Text => compare::Format::Text,
        CompareFormatArg::Markdown => compare::Format::Markdown,
        CompareFormatArg::Csv => compare::Format::Csv,
        CompareFormatArg::Json => compare::Format::Json,
        CompareFormatArg::Html => compare::Format::Html,
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    compare::render(&report, format, &mut out)?;
    out.flush()?;
    Ok(if input_errors > 0 {
        EXIT_ERROR
    } else {
        EXIT_OK
    })
}
