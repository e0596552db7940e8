//! `coquille check`: lint documents and report.

use std::io::{IsTerminal, Write};

use anyhow::Result;
use coquille::config::FailOn;
use coquille::engine::{self, Output};
use coquille::input::{self, Problem};
use coquille::report::{self, DocOutput, Summary, TextOptions};
use coquille::rules::Selection;

use crate::cli::args::{CheckArgs, FailOnArg, FormatArg};
use crate::cli::progress::Progress;
use crate::cli::{
    EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, input_options, load_config, registry, threads,
};

#[allow(clippy::print_stderr)]
fn report_problem(p: &Problem, quiet: bool) {
    if p.is_error {
        eprintln!("coquille: error: {p}");
    } else if !quiet {
        eprintln!("coquille: note: {p}");
    }
}

pub fn run(args: CheckArgs) -> Result<u8> {
    let config = load_config(args.input.config.as_deref(), args.input.no_config)?;
    let selection = Selection {
        select: args.select.clone().or_else(|| config.select.clone()),
        extend_select: config
            .extend_select
            .iter()
            .chain(&args.extend_select)
            .cloned()
            .collect(),
        ignore: config.ignore.iter().chain(&args.ignore).cloned().collect(),
        severity: config.severity.clone(),
    };
    let registry = registry(&config, &selection)?;
    let fail_on = match args.fail_on {
        Some(FailOnArg::Error) => FailOn::Error,
        Some(FailOnArg::Warning) => FailOn::Warning,
        Some(FailOnArg::Info) => FailOn::Info,
        Some(FailOnArg::Never) => FailOn::Never,
        None => config.fail_on.unwrap_or(FailOn::Warning),
    };
    let opts = engine::Options {
        threads: threads(&config, &args.input),
        input: input_options(&config, &args.input)?,
        batch_bytes: args.input.batch_bytes.unwrap_or(engine::BATCH_BYTES),
    };

    let reference_path = args
        .index
        .clone()
        .or_else(|| config.index.path.as_ref().map(|p| config.resolve(p)));
    let reference = match &reference_path {
        Some(p) => Some(coquille::index::read_file(p)?),
        None => None,
    };

    let discovery = input::discover(&args.paths);
    let mut input_errors = 0u64;
    for p in &discovery.problems {
        report_problem(p, args.quiet);
        input_errors += u64::from(p.is_error);
    }

    let format = match args.format {
        FormatArg::Text => report::Format::Text,
        FormatArg::Json => report::Format::Json,
        FormatArg::Jsonl => report::Format::Jsonl,
        FormatArg::Sarif => report::Format::Sarif,
        FormatArg::Github => report::Format::Github,
    };
    let statistics = args.statistics && format == report::Format::Text;
    let stdout = std::io::stdout();
    let color = !args.no_color && std::env::var_os("NO_COLOR").is_none() && stdout.is_terminal();
    let width = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok());
    let writer: Box<dyn Write> = if statistics {
        Box::new(std::io::sink())
    } else {
        Box::new(std::io::BufWriter::with_capacity(1 << 16, stdout.lock()))
    };
    let mut emitter = report::emitter(format, writer, TextOptions { color, width });
    let metas: Vec<_> = registry.metas().cloned().collect();
    emitter.begin(&metas)?;

    let progress = Progress::new(!args.quiet);
    let update = |pass: u8, bytes: u64| progress.update(pass, bytes);
    let mut summary = Summary::default();
    let quiet = args.quiet;
    engine::check(
        &discovery.sources,
        &registry,
        reference.as_ref(),
        &opts,
        Some(&update),
        &mut |out| {
            match out {
                Output::Problem(p) => {
                    report_problem(&p, quiet);
                    input_errors += u64::from(p.is_error);
                }
                Output::Checked(c) => {
                    summary.documents += 1;
                    summary.words += c.words;
                    summary.bytes += c.doc.text.len() as u64;
                    for d in &c.diagnostics {
                        summary.add(d);
                    }
                    if !c.diagnostics.is_empty() {
                        let doc = DocOutput {
                            path: &c.doc.path,
                            doc_id: c.doc.id.as_deref(),
                            record: c.doc.key.record,
                            text: &c.doc.text,
                            diagnostics: &c.diagnostics,
                        };
                        emitter
                            .document(&doc)
                            .map_err(|source| coquille::Error::Io {
                                context: "cannot write output".into(),
                                source,
                            })?;
                    }
                }
            }
            Ok(())
        },
    )?;
    progress.finish();
    summary.input_errors = input_errors;
    if quiet && format == report::Format::Text {
        // --quiet keeps the findings and drops the closing summary line.
        drop(emitter);
    } else {
        emitter.finish(&summary)?;
    }
    if statistics {
        print_statistics(&summary)?;
    }

    Ok(if input_errors > 0 {
        EXIT_ERROR
    } else if fail_on
        .threshold()
        .is_some_and(|t| summary.at_or_above(t) > 0)
    {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

fn print_statistics(summary: &Summary) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    let mut rows: Vec<(&String, &u64)> = summary.by_rule.iter().collect();
    rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let width = rows.iter().map(|(r, _)| r.len()).max().unwrap_or(4);
    for (rule, n) in rows {
        writeln!(out, "{n:>7}  {rule:<width$}")?;
    }
    writeln!(
        out,
        "{:>7}  findings in {} documents ({} words)",
        summary.findings(),
        summary.documents,
        summary.words
    )?;
    out.flush()
}
