//! `coquille report`: lint documents and write a self-contained HTML quality dashboard.

use std::io::Write;

use anyhow::{Context, Result, bail};
use coquille::compare;
use coquille::dashboard::{self, text};

use super::grouped::Grouped;
use crate::cli::args::ReportArgs;
use crate::cli::progress::Progress;
use crate::cli::{EXIT_ERROR, EXIT_OK, report_problem};

/// The current time in UTC, as `YYYY-MM-DD HH:MM:SS UTC`.
fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}

#[allow(clippy::print_stderr)]
pub fn run(args: ReportArgs) -> Result<u8> {
    if args.replicates == 0 {
        bail!("--replicates must be at least 1");
    }
    let g = Grouped::prepare(&args.paths, &args.rules, &args.input, args.quiet)?;
    let comparison = args.by.as_deref().map(|by| {
        let mut c = compare::Options::new(g.key(by));
        c.pair_by = g.pair_by(args.no_pair, args.pair_by.as_deref());
        c.replicates = args.replicates;
        c.seed = args.seed;
        c
    });
    let filters = g.filters(&args.filters)?;
    let min_severity = args.min_severity.into();
    let mut input_errors = g.input_errors;
    let opts = dashboard::Options {
        title: args
            .title
            .clone()
            .unwrap_or_else(|| dashboard::Options::default().title),
        inputs: args.paths.iter().map(|p| p.display().to_string()).collect(),
        min_severity,
        filters,
        compare: comparison,
        examples_per_rule: args.examples,
        worst_documents: args.worst,
        min_words: args.min_words,
        seed: args.sample_seed,
        timestamp: args.timestamp.then(now_utc),
        text: text::Options {
            enabled: !args.no_text_stats,
            ngram: args.ngram,
            top: args.top_ngrams,
        },
    };

    let progress = Progress::new(!args.quiet);
    let update = |pass: u8, bytes: u64| progress.update(pass, bytes);
    let quiet = args.quiet;
    let data = dashboard::run(
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

    let html = dashboard::render::to_html(&data)?;
    if args.output.as_os_str() == "-" {
        let mut out = std::io::stdout().lock();
        out.write_all(html.as_bytes())?;
        out.flush()?;
    } else {
        std::fs::write(&args.output, html.as_bytes())
            .with_context(|| format!("cannot write {}", args.output.display()))?;
        if !quiet {
            eprintln!(
                "coquille: wrote {} ({} documents, {} findings, {} KB)",
                args.output.display(),
                data.overview.documents,
                data.overview.findings,
                html.len().div_ceil(1024)
            );
        }
    }
    Ok(if input_errors > 0 {
        EXIT_ERROR
    } else {
        EXIT_OK
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn timestamp_shape() {
        let t = super::now_utc();
        assert_eq!(t.len(), "2026-12-01 07:58:34 UTC".len());
        assert!(t.ends_with(" UTC"));
    }
}
