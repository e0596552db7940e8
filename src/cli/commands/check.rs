//! `coquille check`: lint documents and report.

use std::io::{IsTerminal, Write};

use anyhow::Result;
use std::collections::BTreeMap;

use coquille::Diagnostic;
use coquille::baseline::{Baseline, Key};
use coquille::config::FailOn;
use coquille::document::Document;
use coquille::engine::{self, Output};
use coquille::fix::{self, Applicability};
use coquille::input;
use coquille::report::{self, DocOutput, Summary, TextOptions};
use coquille::rules::Registry;

use crate::cli::args::{CheckArgs, FailOnArg, FormatArg};
use crate::cli::changed::Changed;
use crate::cli::ignore::FindingFilters;
use crate::cli::progress::Progress;
use crate::cli::{
    EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, input_options, load_config, registry, threads,
};
use crate::cli::{reference_index, report_problem, selection};

/// Applies fixes as documents come: plain files are rewritten (or diffed) at once, JSONL records are
/// collected and their files rewritten at the end.
#[derive(Default)]
struct Fixer {
    unsafe_fixes: bool,
    jsonl: bool,
    diff: bool,
    text_field: String,
    applied: u64,
    files: u64,
    skipped_inputs: u64,
    /// JSONL path → record number → fixed text.
    records: BTreeMap<String, BTreeMap<u32, String>>,
}

#[allow(clippy::print_stdout)]
impl Fixer {
    fn fix(
        &mut self,
        registry: &Registry,
        doc: &Document,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<(), coquille::Error> {
        let unsafe_ok = self.unsafe_fixes;
        let fixed = fix::apply(&doc.text, diagnostics, |d| {
            unsafe_ok || registry.applicability(&d.rule) == Some(Applicability::Safe)
        });
        if fixed.applied.is_empty() {
            return Ok(());
        }
        let path = &*doc.path;
        let compressed = path.ends_with(".gz") || path.ends_with(".zst");
        let writable = path != "-" && !compressed;
        match doc.key.record {
            Some(record) if writable && self.jsonl => {
                if self.diff {
                    print!(
                        "{}",
                        fix::unified_diff(&format!("{path}:{record}"), &doc.text, &fixed.text)
                    );
                }
                self.records
                    .entry(path.to_string())
                    .or_default()
                    .insert(record, fixed.text);
            }
            None if writable => {
                if self.diff {
                    print!("{}", fix::unified_diff(path, &doc.text, &fixed.text));
                } else {
                    std::fs::write(path, &fixed.text).map_err(|source| coquille::Error::Io {
                        context: format!("cannot write the fixed {path}"),
                        source,
                    })?;
                }
                self.files += 1;
            }
            _ => {
                self.skipped_inputs += 1;
                return Ok(());
            }
        }
        self.applied += fixed.applied.len() as u64;
        let applied: std::collections::BTreeSet<usize> = fixed.applied.into_iter().collect();
        let mut i = 0;
        diagnostics.retain(|_| {
            i += 1;
            !applied.contains(&(i - 1))
        });
        Ok(())
    }

    /// Rewrites the JSONL files whose records were fixed (unless diffing).
    fn finish(&mut self) -> Result<(), coquille::Error> {
        for (path, records) in std::mem::take(&mut self.records) {
            self.files += 1;
            if self.diff {
                continue;
            }
            let io = |source| coquille::Error::Io {
                context: format!("cannot rewrite {path}"),
                source,
            };
            let original = std::fs::read_to_string(&path).map_err(io)?;
            let mut out = String::with_capacity(original.len());
            for (n, line) in original.split_inclusive('\n').enumerate() {
                let record = u32::try_from(n + 1).unwrap_or(u32::MAX);
                let fixed = records.get(&record).and_then(|text| {
                    let mut value: serde_json::Value = serde_json::from_str(line).ok()?;
                    value.as_object_mut()?.insert(
                        self.text_field.clone(),
                        serde_json::Value::String(text.clone()),
                    );
                    serde_json::to_string(&value).ok()
                });
                match fixed {
                    Some(json) => {
                        out.push_str(&json);
                        if line.ends_with('\n') {
                            out.push('\n');
                        }
                    }
                    None => out.push_str(line),
                }
            }
            std::fs::write(&path, out).map_err(io)?;
        }
        Ok(())
    }
}

#[allow(clippy::print_stderr)]
pub fn run(args: CheckArgs) -> Result<u8> {
    let config = load_config(args.input.config.as_deref(), args.input.no_config)?;
    let started = std::time::Instant::now();
    let mut registry = registry(&config, &selection(&config, &args.rules))?;
    if args.timings {
        registry.enable_timings();
    }
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

    let reference = reference_index(&config, args.rules.index.as_deref())?;

    let changed = match &args.changed_since {
        Some(rev) => Some(Changed::since(rev, args.lines)?),
        None => None,
    };
    let mut discovery = input::discover(&args.paths);
    if let Some(ch) = &changed {
        discovery
            .sources
            .retain(|s| s.display.as_ref() == "-" || ch.contains(&s.path));
    }
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
        FormatArg::Gitlab => report::Format::Gitlab,
    };
    let statistics = args.statistics && format == report::Format::Text;
    let diff_only = args.diff;
    let stdout = std::io::stdout();
    let color = !args.no_color && std::env::var_os("NO_COLOR").is_none() && stdout.is_terminal();
    let width = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok());
    let writer: Box<dyn Write> = if statistics || diff_only || args.write_baseline.is_some() {
        Box::new(std::io::sink())
    } else {
        Box::new(std::io::BufWriter::with_capacity(1 << 16, stdout.lock()))
    };
    let mut emitter = report::emitter(format, writer, TextOptions { color, width });
    let metas: Vec<_> = registry.metas().cloned().collect();
    emitter.begin(&metas)?;

    let mut filters = FindingFilters::new(&config)?;
    let mut baseline = match &args.baseline {
        Some(p) => Some(Baseline::read(p)?),
        None => None,
    };
    let mut new_baseline = args.write_baseline.as_ref().map(|_| Baseline::default());
    let mut fixer = (args.fix || args.diff || args.unsafe_fixes).then(|| Fixer {
        unsafe_fixes: args.unsafe_fixes,
        jsonl: args.fix_jsonl,
        diff: args.diff,
        text_field: opts.input.text_field.clone(),
        ..Fixer::default()
    });

    let progress = Progress::new(!args.quiet);
    let update = |pass: u8, bytes: u64| progress.update(pass, bytes);
    let mut summary = Summary::default();
    let mut hidden_by_baseline = 0u64;
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
                Output::Checked(mut c) => {
                    summary.documents += 1;
                    summary.words += c.words;
                    summary.bytes += c.doc.text.len() as u64;
                    let (path, id, text) = (&*c.doc.path, c.doc.id.as_deref(), &c.doc.text);
                    filters.apply(path, text, &mut c.diagnostics);
                    if let Some(ch) = &changed {
                        ch.filter(path, text, &mut c.diagnostics);
                    }
                    if let Some(b) = baseline.as_mut() {
                        let before = c.diagnostics.len();
                        c.diagnostics
                            .retain(|d| !b.take(&Key::of(path, id, text, d)));
                        hidden_by_baseline += (before - c.diagnostics.len()) as u64;
                    }
                    if let Some(b) = new_baseline.as_mut() {
                        for d in &c.diagnostics {
                            b.add(Key::of(path, id, text, d));
                        }
                    }
                    if let Some(f) = fixer.as_mut() {
                        f.fix(&registry, &c.doc, &mut c.diagnostics)?;
                    }
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
    if let Some(r) = reference {
        engine::drop_later(r);
    }
    progress.finish();
    summary.input_errors = input_errors;
    if let Some(f) = fixer.as_mut() {
        f.finish()?;
    }
    if let (Some(b), Some(path)) = (&new_baseline, &args.write_baseline) {
        b.write(path)?;
        if !quiet {
            eprintln!(
                "coquille: wrote {} findings to the baseline {}",
                b.len(),
                path.display()
            );
        }
        return Ok(if input_errors > 0 {
            EXIT_ERROR
        } else {
            EXIT_OK
        });
    }
    if (quiet && format == report::Format::Text) || diff_only {
        // --quiet keeps the findings and drops the closing summary line; --diff prints diffs only.
        drop(emitter);
    } else {
        emitter.finish(&summary)?;
    }
    if !quiet {
        if let Some(f) = &fixer {
            if f.diff {
                eprintln!(
                    "coquille: {} fixes would be applied ({} with --fix)",
                    f.applied, f.applied
                );
            } else {
                eprintln!(
                    "coquille: fixed {} problems in {} files",
                    f.applied, f.files
                );
            }
            if f.skipped_inputs > 0 {
                eprintln!(
                    "coquille: note: {} documents in compressed, standard-input or JSONL inputs were not fixed (--fix-jsonl rewrites JSONL records)",
                    f.skipped_inputs
                );
            }
        }
        for at in filters.unused() {
            eprintln!("coquille: warning: {at}: this [[ignore]] entry ignored no finding");
        }
        if let Some(b) = &baseline {
            eprintln!(
                "coquille: baseline: {hidden_by_baseline} known findings hidden, {} baselined findings no longer occur",
                b.remaining()
            );
        }
    }
    if statistics {
        print_statistics(&summary)?;
    }
    if args.timings {
        print_timings(&registry, started.elapsed());
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

/// The time spent in each rule, slowest first, then the whole run's wall-clock time.
#[allow(clippy::print_stderr)]
fn print_timings(registry: &Registry, wall: std::time::Duration) {
    let rows = registry.timings();
    let total: f64 = rows.iter().map(|(_, d)| d.as_secs_f64()).sum();
    let width = rows.iter().map(|(r, _)| r.len()).max().unwrap_or(4);
    eprintln!("{:<width$}  {:>10}  {:>6}", "rule", "time (ms)", "share");
    for (rule, d) in &rows {
        let ms = d.as_secs_f64() * 1e3;
        let share = if total > 0.0 {
            100.0 * d.as_secs_f64() / total
        } else {
            0.0
        };
        eprintln!("{rule:<width$}  {ms:>10.1}  {share:>5.1}%");
    }
    eprintln!(
        "{:<width$}  {:>10.1}  (CPU time in rules, all threads; the run took {:.1} ms wall-clock)",
        "total",
        total * 1e3,
        wall.as_secs_f64() * 1e3
    );
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
