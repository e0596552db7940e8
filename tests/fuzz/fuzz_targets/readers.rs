//! The readers on arbitrary bytes, as plain text, JSONL, gzip and zstd: never a panic, and reading
//! twice gives the same documents and problems.
#![no_main]

use std::io::Write;

use coquille::input::{discover, read_source, Event, InputOptions};
use libfuzzer_sys::fuzz_target;

fn read_all(path: &std::path::Path) -> Vec<String> {
    let discovery = discover(&[path.to_path_buf()]);
    let mut out = Vec::new();
    for s in &discovery.sources {
        read_source(s, &InputOptions::default(), &mut |ev| match ev {
            Event::Doc(d) => out.push(format!("doc {:?} {:?} {}", d.key, d.id, d.text.len())),
            Event::Problem(p) => out.push(format!("problem {p}")),
        });
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let Ok(dir) = tempfile::tempdir() else { return };
    for name in ["a.txt", "a.jsonl", "a.txt.gz", "a.jsonl.zst"] {
        let path = dir.path().join(name);
        let Ok(mut f) = std::fs::File::create(&path) else { return };
        let _ = f.write_all(data);
        drop(f);
        let first = read_all(&path);
        assert_eq!(first, read_all(&path));
    }
});
