//! `coquille ngrams`: the most frequent word or character n-grams.

use std::io::Write;

use anyhow::Result;
use coquille::engine;
use coquille::input::{self, Problem};
use coquille::stats::{self, NgramReport, Spec};

use crate::cli::args::{NgramsArgs, NgramsFormatArg};
use crate::cli::commands::stats::spinner;
use crate::cli::report_problem;
use crate::cli::{EXIT_ERROR, EXIT_OK, input_options, load_config, threads};

pub fn run(args: NgramsArgs) -> Result<u8> {
    let config = load_config(args.input.config.as_deref(), args.input.no_config)?;
    let engine_opts = engine::Options {
        threads: threads(&config, &args.input),
        input: input_options(&config, &args.input)?,
        batch_bytes: args.input.batch_bytes.unwrap_or(engine::BATCH_BYTES),
    };
    let spec = Spec {
        n: usize::try_from(args.n).unwrap_or(usize::MAX),
        chars: args.chars,
        lowercase: args.lowercase,
    };
    let discovery = input::discover(&args.paths);
    let mut input_errors = 0u64;
    for p in &discovery.problems {
        report_problem(p, args.quiet);
        input_errors += u64::from(p.is_error);
    }
    let bar = spinner(!args.quiet, "counting");
    let update = |_: u8, bytes: u64| {
        if let Some(b) = &bar {
            b.set_position(bytes);
        }
    };
    let quiet = args.quiet;
    let counter = stats::count_ngrams(
        &discovery.sources,
        &engine_opts,
        &spec,
        args.memory,
        Some(&update),
        &mut |p: Problem| {
            report_problem(&p, quiet);
            input_errors += u64::from(p.is_error);
        },
    );
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let counter = counter?;
    let report = NgramReport::new(&counter, &spec, args.top, args.min_count);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    match args.format {
        NgramsFormatArg::Text => stats::render::ngrams(&mut out, &report)?,
        NgramsFormatArg::Json => {
            serde_json::to_writer_pretty(&mut out, &report)?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    Ok(if input_errors > 0 {
        EXIT_ERROR
    } else {
        EXIT_OK
    })
}
