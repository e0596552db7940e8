//! `coquille compare`: lint documents and compare groups of them (vendors, systems).

use std::io::Write;

use anyhow::{Result, bail};
use coquille::compare;

use super::grouped::Grouped;
use crate::cli::args::{CompareArgs, CompareFormatArg};
use crate::cli::progress::Progress;
use crate::cli::{EXIT_ERROR, EXIT_OK, report_problem};

pub fn run(args: CompareArgs) -> Result<u8> {
    if args.replicates == 0 {
        bail!("--replicates must be at least 1");
    }
    let g = Grouped::prepare(&args.paths, &args.rules, &args.input, args.quiet)?;
    let opts = compare::Options {
        by: g.key(&args.by),
        pair_by: g.pair_by(args.no_pair, args.pair_by.as_deref()),
        filters: g.filters(&args.filters)?,
        min_severity: args.min_severity.into(),
        replicates: args.replicates,
        seed: args.seed,
    };
    let mut input_errors = g.input_errors;

    let progress = Progress::new(!args.quiet);
    let update = |pass: u8, bytes: u64| progress.update(pass, bytes);
    let quiet = args.quiet;
    let report = compare::run(
        &g.discovery.sources,
        &g.registry,
        g.reference.as_ref(),
        &g.engine,
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
