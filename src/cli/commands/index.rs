//! `coquille index build|merge|show`.

use std::io::Write;

use anyhow::{Context, Result};
use coquille::engine;
use coquille::index::{self, Index};
use coquille::input;

use crate::cli::args::IndexCommand;
use crate::cli::progress::Progress;
use crate::cli::{EXIT_ERROR, EXIT_OK, input_options, load_config, threads};

#[allow(clippy::print_stderr)]
pub fn run(cmd: IndexCommand) -> Result<u8> {
    match cmd {
        IndexCommand::Build {
            paths,
            output,
            quiet,
            input,
        } => {
            let config = load_config(input.config.as_deref(), input.no_config)?;
            let opts = engine::Options {
                threads: threads(&config, &input),
                input: input_options(&config, &input)?,
                batch_bytes: input.batch_bytes.unwrap_or(engine::BATCH_BYTES),
            };
            let discovery = input::discover(&paths);
            let mut errors = 0;
            for p in &discovery.problems {
                if p.is_error || !quiet {
                    eprintln!(
                        "coquille: {}: {p}",
                        if p.is_error { "error" } else { "note" }
                    );
                }
                errors += usize::from(p.is_error);
            }
            let progress = Progress::new(!quiet);
            let update = |pass: u8, bytes: u64| progress.update(pass, bytes);
            let index = engine::build_index(&discovery.sources, &opts, Some(&update), &mut |p| {
                if p.is_error || !quiet {
                    eprintln!(
                        "coquille: {}: {p}",
                        if p.is_error { "error" } else { "note" }
                    );
                }
                errors += usize::from(p.is_error);
            })?;
            progress.finish();
            index::write_file(&index, &output)?;
            if !quiet {
                eprintln!(
                    "coquille: indexed {} documents, {} words into {}",
                    index.documents,
                    index.words(),
                    output.display()
                );
            }
            Ok(if errors > 0 { EXIT_ERROR } else { EXIT_OK })
        }
        IndexCommand::Merge { files, output } => {
            let mut merged = Index::default();
            for f in &files {
                merged.merge(index::read_file(f)?);
            }
            index::write_file(&merged, &output)?;
            Ok(EXIT_OK)
        }
        IndexCommand::Show { file, top } => {
            let bytes = std::fs::read(&file)
                .with_context(|| format!("cannot read index {}", file.display()))?;
            let manifest = index::manifest_of(&bytes).map_err(|m| coquille::Error::Index {
                path: file.clone(),
                message: m,
            })?;
            let mut out = std::io::stdout().lock();
            if top == 0 {
                writeln!(out, "{}", serde_json::to_string_pretty(&manifest)?)?;
                return Ok(EXIT_OK);
            }
            let index = index::from_bytes(&bytes).map_err(|m| coquille::Error::Index {
                path: file.clone(),
                message: m,
            })?;
            let mut value = manifest;
            for (lang, stats) in &index.langs {
                let mut words: Vec<(&str, u64)> =
                    stats.vocab.iter().map(|(k, v)| (&**k, v.count)).collect();
                words.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
                words.truncate(top);
                let list: Vec<serde_json::Value> = words
                    .iter()
                    .map(|(w, c)| serde_json::json!([w, c]))
                    .collect();
                value["top_words"][lang.as_str()] = serde_json::Value::Array(list);
            }
            writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
            Ok(EXIT_OK)
        }
    }
}
