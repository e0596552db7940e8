//! A document longer than a window (`coquille::window`) is linted window by window, and its
//! findings still read as one document's: offsets and lines in the file, in order, the same for
//! any thread count.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Command;

use coquille::window::WINDOW_BYTES;

/// A French text of about `bytes` bytes, in paragraphs of three lines, with a doubled word planted
/// on each line of `planted` (0-based line numbers).
fn long_text(bytes: usize, planted: &[usize]) -> String {
    let mut text = String::new();
    let mut line = 0;
    while text.len() < bytes {
        let sentence = if planted.contains(&line) {
            format!("La séance numéro {line} a commencé à l’heure et le le public est entré.")
        } else {
            format!("La séance numéro {line} a commencé à l’heure et le public est entré.")
        };
        text.push_str(&sentence);
        text.push('\n');
        line += 1;
        if line % 3 == 0 {
            text.push('\n');
        }
    }
    text
}

/// (line, column, start) of each finding of `check --format json` on `path`.
fn findings(dir: &std::path::Path, threads: &str) -> Vec<(u64, u64, u64)> {
    let o = Command::new(env!("CARGO_BIN_EXE_coquille"))
        .current_dir(dir)
        .args([
            "check",
            "--format",
            "json",
            "--lang",
            "fr",
            "--select",
            "repetition/repeated-word",
            "--threads",
            threads,
            "long.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let n = |k: &str| d[k].as_u64().unwrap();
            (n("line"), n("column"), n("start"))
        })
        .collect()
}

#[test]
fn findings_of_every_window_keep_the_files_lines_and_offsets() {
    let dir = tempfile::tempdir().unwrap();
    // Paragraph lines are 1..=3, blank line 4, and so on: planted line p (0-based) is file line
    // p + p / 3 + 1.
    let planted = [2usize, 9_000, 20_000, 31_000];
    let text = long_text(3 * WINDOW_BYTES, &planted);
    std::fs::write(dir.path().join("long.txt"), &text).unwrap();

    let want: Vec<(u64, u64, u64)> = planted
        .iter()
        .map(|&p| {
            let line = (p + p / 3 + 1) as u64;
            let line_text = text.split('\n').nth(line as usize - 1).unwrap();
            let column = line_text[..line_text.find("le le").unwrap()]
                .chars()
                .count() as u64
                + 1;
            let start = text.find(line_text).unwrap() + line_text.find("le le").unwrap();
            (line, column, start as u64)
        })
        .collect();
    // The planted lines fall in three different windows (windows end at or before each multiple
    // of the window size).
    let mut windows: Vec<u64> = want.iter().map(|w| w.2 / WINDOW_BYTES as u64).collect();
    windows.dedup();
    assert_eq!(windows, [0, 1, 2]);
    assert_eq!(findings(dir.path(), "1"), want);
    assert_eq!(findings(dir.path(), "4"), want);
}
