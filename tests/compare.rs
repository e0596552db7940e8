//! End-to-end tests of `coquille compare`: rates by hand, determinism, paired tests, grouping,
//! filters, formats, and the bundled vendor corpus.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_coquille"))
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .args(args)
        .output()
        .expect("run coquille")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn json_of(o: &Output) -> Value {
    assert_eq!(
        o.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("invalid JSON ({e}): {}", stdout(o)))
}

fn write(dir: &Path, name: &str, content: &str) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, content).unwrap();
    p
}

fn jsonl(records: &[Value]) -> String {
    records.iter().map(|r| format!("{r}\n")).collect()
}

fn group<'a>(v: &'a Value, name: &str) -> &'a Value {
    v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["name"] == name)
        .unwrap_or_else(|| panic!("no group {name}: {v}"))
}

fn pair<'a>(v: &'a Value, a: &str, b: &str) -> &'a Value {
    v["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| (p["a"] == a && p["b"] == b) || (p["a"] == b && p["b"] == a))
        .unwrap_or_else(|| panic!("no pair {a}/{b}: {v}"))
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

const CLEAN: &str = "Le chat dort sur le canapé rouge. Il fait beau.";
// Two findings: a repeated word and a missing space after a full stop.
const FLAWED: &str = "Le le chat dort sur le canapé rouge.Il fait beau.";

/// `n` source documents translated by vendors a (clean), b (two findings in each) and c (as a).
fn three_vendors(n: usize) -> String {
    let mut records = Vec::new();
    for i in 0..n {
        for (vendor, text) in [("a", CLEAN), ("b", FLAWED), ("c", CLEAN)] {
            records.push(
                json!({"id": format!("doc-{i}"), "lang": "fr", "vendor": vendor, "text": text}),
            );
        }
    }
    jsonl(&records)
}

#[test]
fn rates_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "t.jsonl", &three_vendors(4));
    let v = json_of(&run(
        dir.path(),
        &["compare", "--by", "vendor", "--format", "json", "t.jsonl"],
    ));
    // CLEAN has 10 words; FLAWED 11 (`Le le`).
    let a = group(&v, "a");
    assert_eq!(
        (
            a["documents"].as_u64(),
            a["words"].as_u64(),
            a["findings"].as_u64()
        ),
        (Some(4), Some(40), Some(0))
    );
    let b = group(&v, "b");
    assert_eq!(
        (
            b["documents"].as_u64(),
            b["words"].as_u64(),
            b["findings"].as_u64()
        ),
        (Some(4), Some(44), Some(8))
    );
    // 8 findings in 44 words: 181.8182 per 1,000 words, rounded to 4 decimals.
    assert_eq!(f(&b["findings_per_1k_words"]), 181.8182);
    assert_eq!(
        f(&b["by_rule"]["repetition/repeated-word"]["per_1k_words"]),
        90.9091
    );
    assert_eq!(f(&b["by_group"]["glue"]["per_1k_words"]), 90.9091);
    assert_eq!(b["by_rule"]["repetition/repeated-word"]["documents"], 4);
    // Every document has findings: the bootstrap interval is the point (each replicate keeps
    // the ratio 2 findings : 11 words); incidence 100%.
    assert_eq!(b["ci95"], json!([181.8182, 181.8182]));
    assert_eq!(f(&b["incidence"]), 1.0);
    // Warnings weigh 1: the penalty equals the rate.
    assert_eq!(f(&b["penalty_per_1k_words"]), 181.8182);
    assert_eq!(b["rank"], 3);
    assert_eq!(v["groups"][0]["name"], "a");
    assert_eq!(v["groups"][1]["name"], "c");
    assert_eq!(v["by"], "vendor");
    assert_eq!(v["pair_by"], "id");
    assert_eq!(v["replicates"], 2000);
}

#[test]
fn paired_test_separates_a_worse_vendor_and_not_equal_ones() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "t.jsonl", &three_vendors(12));
    let v = json_of(&run(
        dir.path(),
        &["compare", "--by", "vendor", "--format", "json", "t.jsonl"],
    ));
    let ba = pair(&v, "b", "a");
    assert_eq!(ba["test"], "paired-bootstrap");
    assert_eq!(ba["shared_documents"], 12);
    assert_eq!(ba["significant_holm"], true, "{ba}");
    assert!(f(&ba["p"]) < 0.01);
    let ac = pair(&v, "a", "c");
    assert_eq!(ac["test"], "paired-bootstrap");
    assert_eq!(f(&ac["p"]), 1.0);
    assert_eq!(ac["significant"], false);
    assert_eq!(ac["rate_ratio"], 1.0);
}

#[test]
fn pairing_by_a_field_and_filters() {
    // WMT-like: ids differ per system; `doc_id` links them; sources are filtered out.
    let dir = tempfile::tempdir().unwrap();
    let mut records = Vec::new();
    for i in 0..10 {
        records.push(json!({"id": format!("{i}/src"), "doc_id": i, "role": "src", "lang": "de", "text": "Die Katze schläft."}));
        for (vendor, text) in [("good", CLEAN), ("bad", FLAWED)] {
            records.push(json!({"id": format!("{i}/{vendor}"), "doc_id": i, "role": "hyp", "vendor": vendor, "lang": "fr", "text": text}));
        }
    }
    write(dir.path(), "w.jsonl", &jsonl(&records));
    let unpaired = json_of(&run(
        dir.path(),
        &[
            "compare", "--by", "vendor", "--where", "role=hyp", "--format", "json", "w.jsonl",
        ],
    ));
    assert_eq!(unpaired["documents"], 20);
    assert_eq!(unpaired["excluded"], 10);
    assert_eq!(unpaired["groups"].as_array().unwrap().len(), 2);
    assert_eq!(pair(&unpaired, "bad", "good")["test"], "overdispersed-wald");
    assert_eq!(pair(&unpaired, "bad", "good")["shared_documents"], 0);

    let paired = json_of(&run(
        dir.path(),
        &[
            "compare",
            "--by",
            "vendor",
            "--where",
            "role=hyp",
            "--where",
            "role=ref",
            "--pair-by",
            "doc_id",
            "--format",
            "json",
            "w.jsonl",
        ],
    ));
    assert_eq!(paired["pair_by"], "doc_id");
    let p = pair(&paired, "bad", "good");
    assert_eq!(p["test"], "paired-bootstrap");
    assert_eq!(p["shared_documents"], 10);

    // Without the filter, the sources form the group `(none)`, and the output says so.
    let all = run(dir.path(), &["compare", "--by", "vendor", "w.jsonl"]);
    assert_eq!(all.status.code(), Some(0));
    let text = stdout(&all);
    assert!(text.contains("(none)"), "{text}");
    assert!(
        text.contains("10 documents have no `vendor` and are grouped as `(none)`"),
        "{text}"
    );

    // A malformed condition is a usage error.
    let bad = run(
        dir.path(),
        &["compare", "--by", "vendor", "--where", "role", "w.jsonl"],
    );
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn groups_by_folder() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..3 {
        write(dir.path(), &format!("corpus/alpha/{i}.txt"), CLEAN);
        write(dir.path(), &format!("corpus/beta/sub/{i}.txt"), FLAWED);
    }
    write(dir.path(), "corpus/loose.txt", CLEAN);
    let v = json_of(&run(
        dir.path(),
        &["compare", "--by", "dir", "--format", "json", "corpus"],
    ));
    assert_eq!(group(&v, "alpha")["documents"], 3);
    assert_eq!(group(&v, "beta")["documents"], 3);
    assert_eq!(group(&v, "beta")["findings"], 6);
    assert_eq!(group(&v, "(none)")["documents"], 1);
    assert_eq!(v["by"], "dir");
}

#[test]
fn output_is_identical_for_any_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora/vendors/translations.jsonl");
    let corpus = corpus.to_str().unwrap();
    for format in ["text", "json", "csv", "markdown", "html"] {
        let out = |threads: &str| {
            let o = run(
                dir.path(),
                &[
                    "compare",
                    "--by",
                    "vendor",
                    "--format",
                    format,
                    "--threads",
                    threads,
                    "--batch-bytes",
                    "700",
                    corpus,
                ],
            );
            assert_eq!(o.status.code(), Some(0));
            o.stdout
        };
        let one = out("1");
        assert!(!one.is_empty());
        assert_eq!(one, out("4"), "{format} differs between 1 and 4 threads");
    }
}

#[test]
fn bundled_vendors_rank_gamma_worst() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora/vendors/translations.jsonl");
    let dir = tempfile::tempdir().unwrap();
    let v = json_of(&run(
        dir.path(),
        &[
            "compare",
            "--by",
            "vendor",
            "--format",
            "json",
            corpus.to_str().unwrap(),
        ],
    ));
    let names: Vec<&str> = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.last(), Some(&"gamma"), "{names:?}");
    assert_eq!(names.first(), Some(&"alpha"), "{names:?}");
    let gamma = group(&v, "gamma");
    let alpha = group(&v, "alpha");
    assert!(f(&gamma["ci95"][0]) > f(&alpha["ci95"][1]));
    assert!(f(&gamma["penalty_per_1k_words"]) > f(&alpha["penalty_per_1k_words"]));
    let ga = pair(&v, "gamma", "alpha");
    assert_eq!(ga["a"], "gamma");
    assert_eq!(ga["test"], "paired-bootstrap");
    assert_eq!(ga["significant_holm"], true, "{ga}");
    // The contract's fields.
    for g in v["groups"].as_array().unwrap() {
        for k in [
            "name",
            "documents",
            "words",
            "findings",
            "findings_per_1k_words",
            "ci95",
            "by_rule",
        ] {
            assert!(g.get(k).is_some(), "missing {k}");
        }
        let (lo, hi) = (f(&g["ci95"][0]), f(&g["ci95"][1]));
        let rate = f(&g["findings_per_1k_words"]);
        assert!(lo <= rate && rate <= hi, "{g}");
    }
}

#[test]
fn formats() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora/vendors/translations.jsonl");
    let corpus = corpus.to_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let text = stdout(&run(dir.path(), &["compare", "--by", "vendor", corpus]));
    assert!(
        text.contains("Findings per 1,000 words by vendor"),
        "{text}"
    );
    assert!(text.contains("paired-bootstrap"));
    let md = stdout(&run(
        dir.path(),
        &["compare", "--by", "vendor", "--format", "markdown", corpus],
    ));
    assert!(md.contains("| rank | vendor |"), "{md}");
    assert!(md.contains("| ---: | --- |"));
    let csv = stdout(&run(
        dir.path(),
        &["compare", "--by", "vendor", "--format", "csv", corpus],
    ));
    let mut lines = csv.lines();
    let head = lines.next().unwrap();
    assert!(head.starts_with("kind,group,versus,rule,"));
    let columns = head.split(',').count();
    assert!(
        csv.lines().all(|l| l.split(',').count() == columns),
        "{csv}"
    );
    assert!(csv.lines().any(|l| l.starts_with("pair,gamma,alpha,")));
    let html = stdout(&run(
        dir.path(),
        &["compare", "--by", "vendor", "--format", "html", corpus],
    ));
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<table>") && html.contains("gamma"));
    assert!(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"));
}

#[test]
fn missing_input_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(dir.path(), &["compare", "--by", "vendor", "nope.jsonl"]);
    assert_eq!(o.status.code(), Some(2));
}
