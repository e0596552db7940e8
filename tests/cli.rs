//! End-to-end tests of the `coquille` binary: formats, exit codes, bad inputs, determinism, index.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const ARTICLE_FR: &str = "Kim revient de Russie\n\nLe dirigeant est rentré après une semaine à Russie.\n\nLa ministre a quitté la salle.Elle n’a fait aucune déclaration.\n\nLe le gouvernement a démissionné.\n\nfr-01\n";
const CLEAN_FR: &str = "Le budget adopté\n\nLe Parlement a adopté mardi le budget de l’État pour l’année prochaine.\n\nLes débats ont duré trois jours.\n";
const CLEAN_EN: &str =
    "Budget passed\n\nThe parliament passed the budget on Tuesday after three days of debate.\n";

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_coquille"));
    c.env_remove("NO_COLOR").env("COLUMNS", "100");
    c
}

fn run(dir: &Path, args: &[&str]) -> Output {
    bin()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run coquille")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn write(dir: &Path, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, content).unwrap();
    p
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("invalid JSON ({e}): {}", stdout(o)))
}

fn rules_of(v: &serde_json::Value) -> Vec<String> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn text_output_is_rustc_style_and_exit_1_on_findings() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", ARTICLE_FR);
    let o = run(dir.path(), &["check", "a.txt"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("error[language/fr-prep-country]: `à Russie`: use `en Russie`"),
        "{out}"
    );
    assert!(out.contains("--> a.txt:3:"), "{out}");
    assert!(out.contains("^^^^^^^^"), "{out}");
    assert!(
        out.contains("warning[glue/missing-space-after-punct]"),
        "{out}"
    );
    assert!(out.contains("error[fragment/trailing-id-tag]"), "{out}");
}

#[test]
fn clean_text_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "fr.txt", CLEAN_FR);
    write(dir.path(), "en.txt", CLEAN_EN);
    let o = run(dir.path(), &["check", "."]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("no problems"), "{}", stdout(&o));
}

#[test]
fn fail_on_sets_the_threshold() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "w.txt",
        "Le texte.\n\nLa ministre a quitté la salle.Elle est partie.\n",
    );
    assert_eq!(run(dir.path(), &["check", "w.txt"]).status.code(), Some(1));
    assert_eq!(
        run(dir.path(), &["check", "--fail-on", "error", "w.txt"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        run(dir.path(), &["check", "--fail-on", "never", "w.txt"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        run(dir.path(), &["check", "--fail-on", "info", "w.txt"])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        run(dir.path(), &["check", "--fail-on", "bogus", "w.txt"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn json_contract() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", ARTICLE_FR);
    let o = run(dir.path(), &["check", "--format", "json", "a.txt"]);
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    assert_eq!(v["version"], 1);
    let d = v["diagnostics"].as_array().unwrap();
    let prep = d
        .iter()
        .find(|d| d["rule"] == "language/fr-prep-country")
        .unwrap();
    assert_eq!(prep["severity"], "error");
    assert_eq!(prep["path"], "a.txt");
    assert!(prep["doc_id"].is_null() && prep["record"].is_null());
    let (s, e) = (
        prep["start"].as_u64().unwrap() as usize,
        prep["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&ARTICLE_FR[s..e], "à Russie");
    assert_eq!(prep["line"], 3);
    let col = ARTICLE_FR[..s].rsplit('\n').next().unwrap().chars().count() + 1;
    assert_eq!(prep["column"], col as u64);
    assert_eq!(prep["suggestion"], "en Russie");
    assert_eq!(v["summary"]["documents"], 1);
    assert!(v["summary"]["errors"].as_u64().unwrap() >= 2);
}

#[test]
fn jsonl_input_keeps_ids_records_and_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        serde_json::json!({"id": "d1", "lang": "fr", "vendor": "alpha", "text": CLEAN_FR})
            .to_string(),
        serde_json::json!({"id": "d2", "lang": "fr", "vendor": "beta", "text": ARTICLE_FR})
            .to_string(),
    ];
    write(dir.path(), "c.jsonl", lines.join("\n") + "\n");
    let o = run(dir.path(), &["check", "--format", "jsonl", "c.jsonl"]);
    assert_eq!(o.status.code(), Some(1));
    let rows: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!rows.is_empty());
    for r in &rows {
        assert_eq!(r["doc_id"], "d2");
        assert_eq!(r["record"], 2);
        assert_eq!(r["path"], "c.jsonl");
    }
}

#[test]
fn sarif_and_github_formats() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", ARTICLE_FR);
    let o = run(dir.path(), &["check", "--format", "sarif", "a.txt"]);
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    assert_eq!(v["version"], "2.1.0");
    let run0 = &v["runs"][0];
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.iter().any(|r| r["id"] == "language/fr-prep-country"));
    let results = run0["results"].as_array().unwrap();
    assert!(
        results
            .iter()
            .any(|r| r["ruleId"] == "language/fr-prep-country"
                && r["locations"][0]["physicalLocation"]["region"]["startLine"] == 3)
    );

    let o = run(dir.path(), &["check", "--format", "github", "a.txt"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.lines()
            .any(|l| l.starts_with("::error file=a.txt,line=3,")
                && l.contains("title=language/fr-prep-country")),
        "{out}"
    );
    assert!(
        out.lines().any(|l| l.starts_with("::warning file=a.txt,")),
        "{out}"
    );
}

#[test]
fn missing_path_is_exit_2_and_other_inputs_are_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", ARTICLE_FR);
    let o = run(
        dir.path(),
        &["check", "--format", "json", "nope.txt", "a.txt"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nope.txt"), "{}", stderr(&o));
    assert!(rules_of(&json(&o)).contains(&"language/fr-prep-country".to_string()));
}

#[test]
fn malformed_jsonl_records_are_reported_and_the_rest_checked() {
    let dir = tempfile::tempdir().unwrap();
    let good = serde_json::json!({"id": "ok", "lang": "fr", "text": ARTICLE_FR}).to_string();
    let body =
        format!("{{\"id\": \"bad\", \"text\": \n{{\"id\": \"notext\"}}\n{good}\n{{\"text\": 5}}\n");
    write(dir.path(), "c.jsonl", body);
    let o = run(dir.path(), &["check", "--format", "json", "c.jsonl"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("c.jsonl:1:") && err.contains("invalid JSON"),
        "{err}"
    );
    assert!(err.contains("c.jsonl:2:") && err.contains("text"), "{err}");
    assert!(err.contains("c.jsonl:4:"), "{err}");
    let v = json(&o);
    assert!(
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["record"] == 3 && d["doc_id"] == "ok")
    );
    assert_eq!(v["summary"]["documents"], 1);
    assert_eq!(v["summary"]["input_errors"], 3);
}

#[test]
fn invalid_utf8_empty_and_binary_files() {
    let dir = tempfile::tempdir().unwrap();
    let mut bad = b"Le texte \xff\xfe est ".to_vec();
    bad.extend_from_slice("abîmé.\n".as_bytes());
    write(dir.path(), "bad.txt", &bad);
    write(dir.path(), "empty.txt", "");
    write(dir.path(), "bin.txt", b"\x00\x01\x02binary\x00");
    let o = run(dir.path(), &["check", "--format", "json", "."]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("bin.txt") && stderr(&o).contains("binary"),
        "{}",
        stderr(&o)
    );
    let v = json(&o);
    let d = &v["diagnostics"][0];
    assert_eq!(d["rule"], "encoding/invalid-utf8");
    assert_eq!(d["path"], "bad.txt");
    assert_eq!(v["summary"]["documents"], 2);
}

#[test]
fn compressed_inputs_and_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(ARTICLE_FR.as_bytes()).unwrap();
    write(dir.path(), "a.txt.gz", gz.finish().unwrap());
    let line = serde_json::json!({"id": "z", "lang": "fr", "text": ARTICLE_FR}).to_string() + "\n";
    write(
        dir.path(),
        "b.jsonl.zst",
        zstd::encode_all(line.as_bytes(), 3).unwrap(),
    );
    let o = run(
        dir.path(),
        &["check", "--format", "json", "a.txt.gz", "b.jsonl.zst"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = json(&o);
    let paths: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert!(
        paths.contains(&"a.txt.gz") && paths.contains(&"b.jsonl.zst"),
        "{paths:?}"
    );

    // A truncated gzip is an error naming the file; nothing else is lost.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(ARTICLE_FR.repeat(50).as_bytes()).unwrap();
    let bytes = gz.finish().unwrap();
    write(dir.path(), "cut.txt.gz", &bytes[..bytes.len() / 2]);
    let o = run(
        dir.path(),
        &["check", "--format", "json", "cut.txt.gz", "a.txt.gz"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cut.txt.gz"), "{}", stderr(&o));
    assert_eq!(json(&o)["summary"]["documents"], 1);

    let mut child = bin()
        .args(["check", "--format", "json", "--lang", "fr", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(ARTICLE_FR.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        json(&o)["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["path"] == "-")
    );
}

#[test]
fn config_file_is_found_upward_and_strict() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "coquille.toml", "select = [\"repetition\"]\n");
    write(dir.path(), "sub/a.txt", ARTICLE_FR);
    let o = run(
        &dir.path().join("sub"),
        &["check", "--format", "json", "a.txt"],
    );
    assert_eq!(rules_of(&json(&o)), ["repetition/repeated-word"]);
    // The command line wins over the file.
    let o = run(
        &dir.path().join("sub"),
        &["check", "--format", "json", "--select", "language", "a.txt"],
    );
    assert_eq!(rules_of(&json(&o)), ["language/fr-prep-country"]);

    write(
        dir.path(),
        "coquille.toml",
        "select = [\"repetition\"]\n\n[input]\ntext-feild = \"x\"\n",
    );
    let o = run(&dir.path().join("sub"), &["check", "a.txt"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("coquille.toml") && err.contains("line 4") && err.contains("text-feild"),
        "{err}"
    );
}

#[test]
fn select_and_ignore() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", ARTICLE_FR);
    let o = run(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--ignore",
            "language/,fragment",
            "a.txt",
        ],
    );
    let rules = rules_of(&json(&o));
    assert!(!rules.is_empty());
    assert!(
        rules
            .iter()
            .all(|r| !r.starts_with("language/") && !r.starts_with("fragment/")),
        "{rules:?}"
    );
    let o = run(dir.path(), &["check", "--select", "nope/rule", "a.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nope/rule"));
}

#[test]
fn output_is_identical_for_any_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = String::new();
    for i in 0..400 {
        let text = if i % 3 == 0 {
            ARTICLE_FR.replace("semaine", &format!("semaine {i}"))
        } else {
            CLEAN_FR.to_string()
        };
        lines.push_str(
            &serde_json::json!({"id": format!("doc-{i}"), "lang": "fr", "text": text}).to_string(),
        );
        lines.push('\n');
    }
    write(dir.path(), "many.jsonl", &lines);
    write(dir.path(), "z/a.txt", ARTICLE_FR);
    for format in ["json", "text", "sarif", "github"] {
        let base = ["check", "--format", format, "--batch-bytes", "2000", "."];
        let one = run(dir.path(), &[&base[..], &["--threads", "1"]].concat());
        let four = run(dir.path(), &[&base[..], &["--threads", "4"]].concat());
        assert_eq!(one.status.code(), Some(1));
        assert!(
            one.stdout == four.stdout,
            "{format} output differs between 1 and 4 threads"
        );
    }
}

/// `check` drops the fingerprints its own inputs have once (see `index::spill`), unless the
/// reference index has them: then the two counts still add up exactly, for lines (boilerplate at
/// 50 documents) and sentences.
#[test]
fn a_line_seen_once_counts_with_the_reference_index() {
    let dir = tempfile::tempdir().unwrap();
    let boiler = "Suivez toute l’actualité de la région sur notre site";
    for (archive, docs) in [("a49", 49), ("a48", 48)] {
        for i in 0..docs {
            write(
                dir.path(),
                &format!("{archive}/doc{i:02}.txt"),
                format!("Titre {i}\n\nTexte numéro {i}.\n\n{boiler}\n"),
            );
        }
        let o = run(
            dir.path(),
            &[
                "index",
                "build",
                "-q",
                "--lang",
                "fr",
                archive,
                "-o",
                &format!("{archive}.cqi"),
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    write(
        dir.path(),
        "new/article.txt",
        format!("Un titre\n\nUn texte tout neuf.\n\n{boiler}\n"),
    );
    let check = |index: &str| {
        let args = [
            "check",
            "--format",
            "json",
            "--lang",
            "fr",
            "--index",
            index,
            "new/article.txt",
        ];
        json(&run(dir.path(), &args))
    };
    // One document short of boilerplate, the sentence is reported as copied text instead: its
    // own count, kept too, adds up with the reference's.
    for (index, rule, count) in [
        ("a49.cqi", "fragment/boilerplate-line", "in 50 documents"),
        (
            "a48.cqi",
            "repetition/near-duplicate-sentence",
            "in 49 documents",
        ),
    ] {
        let v = check(index);
        assert_eq!(rules_of(&v), [rule]);
        let message = v["diagnostics"][0]["message"].as_str().unwrap();
        assert!(message.contains(count), "{v}");
    }
}

#[test]
fn index_build_merge_show_and_use() {
    let dir = tempfile::tempdir().unwrap();
    let boiler = "Suivez toute l’actualité de la région sur notre site";
    for i in 0..60 {
        let shard = if i % 2 == 0 { "a" } else { "b" };
        write(
            dir.path(),
            &format!("{shard}/doc{i:02}.txt"),
            format!("Titre {i}\n\nTexte numéro {i}.\n\n{boiler}\n"),
        );
    }
    let ok = |o: Output| assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    ok(run(
        dir.path(),
        &["index", "build", "-q", "--lang", "fr", "a", "-o", "a.cqi"],
    ));
    ok(run(
        dir.path(),
        &["index", "build", "-q", "--lang", "fr", "b", "-o", "b.cqi"],
    ));
    ok(run(
        dir.path(),
        &[
            "index", "build", "-q", "--lang", "fr", "a", "b", "-o", "all.cqi",
        ],
    ));
    ok(run(
        dir.path(),
        &["index", "merge", "a.cqi", "b.cqi", "-o", "ab.cqi"],
    ));
    ok(run(
        dir.path(),
        &["index", "merge", "b.cqi", "a.cqi", "-o", "ba.cqi"],
    ));
    let all = std::fs::read(dir.path().join("all.cqi")).unwrap();
    assert_eq!(
        all,
        std::fs::read(dir.path().join("ab.cqi")).unwrap(),
        "merge of shards = index of the union"
    );
    assert_eq!(
        all,
        std::fs::read(dir.path().join("ba.cqi")).unwrap(),
        "merge is commutative"
    );

    let o = run(dir.path(), &["index", "show", "all.cqi", "--top", "3"]);
    assert_eq!(o.status.code(), Some(0));
    let v = json(&o);
    assert_eq!(v["documents"], 60);
    assert_eq!(v["languages"]["fr"]["documents"], 60);
    assert_eq!(v["top_words"]["fr"].as_array().unwrap().len(), 3);

    // One new article, linted alone, still sees the archive's statistics.
    write(
        dir.path(),
        "new/article.txt",
        format!("Un titre\n\nUn texte tout neuf.\n\n{boiler}\n"),
    );
    let o = run(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--lang",
            "fr",
            "new/article.txt",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = run(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--lang",
            "fr",
            "--index",
            "all.cqi",
            "new/article.txt",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    assert_eq!(rules_of(&v), ["fragment/boilerplate-line"]);
    assert_eq!(v["diagnostics"][0]["line"], 5);
}

#[test]
fn corrupt_or_foreign_index_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", CLEAN_FR);
    assert_eq!(
        run(
            dir.path(),
            &["index", "build", "-q", "a.txt", "-o", "a.cqi"]
        )
        .status
        .code(),
        Some(0)
    );
    let mut bytes = std::fs::read(dir.path().join("a.cqi")).unwrap();
    let n = bytes.len();
    write(dir.path(), "cut.cqi", &bytes[..n / 2]);
    bytes[n / 2] ^= 0xff;
    write(dir.path(), "flip.cqi", &bytes);
    let mut v2 = std::fs::read(dir.path().join("a.cqi")).unwrap();
    v2[8] = 99;
    write(dir.path(), "v99.cqi", &v2);
    write(dir.path(), "text.cqi", "not an index");
    for (file, needle) in [
        ("cut.cqi", "corrupt"),
        ("flip.cqi", "checksum"),
        ("v99.cqi", "version 99"),
        ("text.cqi", "not a coquille index"),
        ("none.cqi", "none.cqi"),
    ] {
        let o = run(dir.path(), &["check", "--index", file, "a.txt"]);
        assert_eq!(o.status.code(), Some(2), "{file}");
        let err = stderr(&o);
        assert!(err.contains(needle) && err.contains(file), "{file}: {err}");
    }
}

#[test]
fn rules_explain_and_statistics() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(dir.path(), &["rules"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("glue/missing-space-after-punct"));
    let o = run(dir.path(), &["rules", "--json"]);
    let v = json(&o);
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == "mt/token-leak" && r["origin"] == "lints/mt/token-leak.toml")
    );
    let o = run(dir.path(), &["explain", "repetition/repeated-word"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("Le le gouvernement"));
    assert_eq!(
        run(dir.path(), &["explain", "no/such-rule"]).status.code(),
        Some(2)
    );

    write(dir.path(), "a.txt", ARTICLE_FR);
    let o = run(dir.path(), &["check", "--statistics", "a.txt"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.lines()
            .any(|l| l.trim_start().starts_with("1  language/fr-prep-country")),
        "{out}"
    );
    assert!(!out.contains("-->"), "{out}");
}

#[test]
fn timings_list_every_selected_rule_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", ARTICLE_FR);
    let o = run(
        dir.path(),
        &[
            "check",
            "--timings",
            "--select",
            "repetition/,glue/glued-words",
            "--format",
            "json",
            "a.txt",
        ],
    );
    // The findings still go to stdout as usual; the table goes to stderr.
    assert!(json(&o)["diagnostics"].is_array());
    let err = String::from_utf8_lossy(&o.stderr);
    let rows: Vec<&str> = err
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let mut rules: Vec<&str> = rows.iter().copied().filter(|r| r.contains('/')).collect();
    rules.sort_unstable();
    assert_eq!(
        rules,
        [
            "glue/glued-words",
            "repetition/near-duplicate-sentence",
            "repetition/ngram-loop",
            "repetition/repeated-word"
        ],
        "{err}"
    );
    assert_eq!(rows.last(), Some(&"total"), "{err}");
}

#[test]
fn word_lists_and_house_name_spellings_from_the_config() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "coquille.toml",
        "[words]\nfr = [\"dict/fr.dic\"]\n\n[names]\npreferred = [\"Kim Jong Un\"]\n",
    );
    write(dir.path(), "dict/fr.dic", "2\nministre/S\nannonce/S\n");
    write(
        dir.path(),
        "a.txt",
        "Le ministreannonce un sommet.\n\nLe dirigeant Kim Jong-un est arrivé lundi.\n",
    );
    let o = run(
        dir.path(),
        &[
            "check",
            "--select",
            "glue/glued-words,consistency/name-variant",
            "--format",
            "json",
            "a.txt",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = json(&o);
    let found: Vec<(String, String)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["suggestion"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("glue/glued-words".into(), "ministre annonce".into()),
            ("consistency/name-variant".into(), "Kim Jong Un".into()),
        ]
    );

    // A missing list and a bad language code are configuration errors naming the culprit.
    write(
        dir.path(),
        "coquille.toml",
        "[words]\nfr = [\"missing.dic\"]\n",
    );
    let o = run(dir.path(), &["check", "a.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("missing.dic"), "{}", stderr(&o));
    write(
        dir.path(),
        "coquille.toml",
        "[words]\n\"12\" = [\"dict/fr.dic\"]\n",
    );
    let o = run(dir.path(), &["check", "a.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("`12`"), "{}", stderr(&o));
}

#[test]
fn user_rule_packs_from_the_config() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "coquille.toml", "lints = [\"house\"]\n");
    write(
        dir.path(),
        "house/style/no-leader.toml",
        "kind = \"substitution\"\nseverity = \"warning\"\nsummary = \"anglicism\"\nmessage = \"use `{suggestion}`\"\nlanguages = [\"fr\"]\n\n[swap]\n\"leader\" = \"dirigeant\"\n\n[[tests.flag]]\ntext = \"Le leader a parlé.\"\nspans = [\"leader\"]\n\n[[tests.allow]]\ntext = \"Le dirigeant a parlé.\"\n",
    );
    write(dir.path(), "a.txt", "Le leader nord-coréen est rentré.\n");
    // Only the house pack: built-in rules (`mt/calque-phrase`) flag this sentence too.
    let o = run(
        dir.path(),
        &[
            "check", "--format", "json", "--lang", "fr", "--select", "style", "a.txt",
        ],
    );
    let v = json(&o);
    assert_eq!(rules_of(&v), ["style/no-leader"]);
    assert_eq!(v["diagnostics"][0]["suggestion"], "dirigeant");

    write(
        dir.path(),
        "house/style/broken.toml",
        "kind = \"existence\"\nseverity = \"loud\"\n",
    );
    let o = run(dir.path(), &["check", "a.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("broken.toml"), "{}", stderr(&o));
}

#[test]
fn closed_stdout_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = String::new();
    for i in 0..3000 {
        lines.push_str(&serde_json::json!({"id": i, "lang": "fr", "text": ARTICLE_FR}).to_string());
        lines.push('\n');
    }
    write(dir.path(), "many.jsonl", &lines);
    let mut child = bin()
        .current_dir(dir.path())
        .args(["check", "--format", "jsonl", "many.jsonl"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    std::io::Read::read_exact(&mut out, &mut first).unwrap();
    drop(out);
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
}
