//! Embeds the declarative rule packs of `lints/` in the binary and generates one test per file.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let lints = root.join("lints");
    println!("cargo:rerun-if-changed=lints");
    let mut files = Vec::new();
    collect(&lints, &mut files);
    files.sort();
    let mut table = String::from("pub static EMBEDDED: &[Embedded] = &[\n");
    let mut tests = String::new();
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let rel = f
            .strip_prefix(&root)
            .unwrap_or(f)
            .to_string_lossy()
            .replace('\\', "/");
        let id = rel
            .trim_start_matches("lints/")
            .trim_end_matches(".toml")
            .to_string();
        writeln!(
            table,
            "    Embedded {{ id: {id:?}, path: {rel:?}, source: include_str!({:?}) }},",
            f.display().to_string()
        )
        .ok();
        let name: String = id
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        writeln!(
            tests,
            "#[test]\nfn lint_{name}() {{\n    super::run_embedded_tests({id:?});\n}}"
        )
        .ok();
    }
    table.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default());
    std::fs::write(out.join("embedded_lints.rs"), table).ok();
    std::fs::write(out.join("embedded_lint_tests.rs"), tests).ok();
}
