//! The editorial CI flow: Markdown articles, fixes, baselines and suppression comments.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::{Command, Output};

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_coquille"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stdout)))
}

fn found(v: &serde_json::Value) -> Vec<(String, u64, u64, String)> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

const ARTICLE: &str = "---\ntitle: \"Retour à Russie\"\nlang: fr\nid: art-12\nvendor: gamma\n---\n# Kim revient\n\nLe dirigeant est rentré après une semaine à Russie, selon [l’agence](https://kcna.kp/a.Le/le le).\n\n```\nà Russie le le code.Ici\n```\n\nVoir `salle.Elle` et https://example.org/le le.\n\nLa ministre a quitté la salle.Elle est partie.\n";

#[test]
fn markdown_findings_are_prose_only_with_original_positions() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), ARTICLE).unwrap();
    let o = run(dir.path(), &["check", "--format", "json", "a.md"]);
    let v = json(&o);
    let f = found(&v);
    let rules: Vec<&str> = f.iter().map(|(r, ..)| r.as_str()).collect();
    assert_eq!(
        rules,
        ["language/fr-prep-country", "glue/missing-space-after-punct"],
        "{f:?}"
    );
    let col = |needle: &str| {
        let off = ARTICLE.find(needle).unwrap();
        let line_start = ARTICLE[..off].rfind('\n').map_or(0, |i| i + 1);
        (
            ARTICLE[..off].matches('\n').count() as u64 + 1,
            ARTICLE[line_start..off].chars().count() as u64 + 1,
        )
    };
    assert_eq!((f[0].1, f[0].2), col("à Russie,"));
    assert_eq!((f[1].1, f[1].2), col(".Elle est"));
    // Front-matter fields are document metadata.
    assert_eq!(v["diagnostics"][0]["doc_id"], "art-12");
}

#[test]
fn suppression_comments() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Le le début.\n\n<!-- coquille-disable-next-line repetition -->\nLe le milieu.\n\n<!-- coquille-disable -->\nLe le bloc.\n<!-- coquille-enable -->\n\nLe le fin.\n";
    std::fs::write(dir.path().join("a.md"), text).unwrap();
    let v = json(&run(
        dir.path(),
        &["check", "--format", "json", "--lang", "fr", "a.md"],
    ));
    let lines: Vec<u64> = found(&v).iter().map(|f| f.1).collect();
    assert_eq!(lines, [1, 10]);
}

#[test]
fn fix_is_idempotent_and_diff_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Titre\n\nLe le dirigeant est rentré après une semaine à Russie.La visite est finie.\n\nfr-01\n";
    let path = dir.path().join("a.txt");
    std::fs::write(&path, text).unwrap();

    let o = run(dir.path(), &["check", "--diff", "a.txt"]);
    let diff = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(
        diff.contains("-Le le dirigeant")
            && diff.contains("+Le dirigeant est rentré après une semaine en Russie. La visite"),
        "{diff}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        text,
        "--diff must not write"
    );

    let o = run(dir.path(), &["check", "--fix", "--format", "json", "a.txt"]);
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        fixed,
        "Titre\n\nLe dirigeant est rentré après une semaine en Russie. La visite est finie.\n\nfr-01\n"
    );
    // What has no fix is still reported, and fails the run.
    assert_eq!(o.status.code(), Some(1));
    let rules: Vec<String> = found(&json(&o)).into_iter().map(|f| f.0).collect();
    assert_eq!(rules, ["fragment/trailing-id-tag"]);

    run(dir.path(), &["check", "--fix", "a.txt"]);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        fixed,
        "a second --fix changes nothing"
    );
}

#[test]
fn fix_jsonl_rewrites_only_fixed_records() {
    let dir = tempfile::tempdir().unwrap();
    let a = serde_json::json!({"id": "a", "lang": "fr", "vendor": "x", "text": "Le le chat dort."})
        .to_string();
    let b = serde_json::json!({"id": "b", "lang": "fr", "text": "Rien à signaler."}).to_string();
    let path = dir.path().join("c.jsonl");
    std::fs::write(&path, format!("{a}\n{b}\n")).unwrap();
    run(dir.path(), &["check", "--fix", "c.jsonl"]);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        format!("{a}\n{b}\n"),
        "JSONL needs --fix-jsonl"
    );
    run(dir.path(), &["check", "--fix", "--fix-jsonl", "c.jsonl"]);
    let after = std::fs::read_to_string(&path).unwrap();
    let first: serde_json::Value = serde_json::from_str(after.lines().next().unwrap()).unwrap();
    assert_eq!(first["text"], "Le chat dort.");
    assert_eq!(first["vendor"], "x");
    assert!(
        after.starts_with("{\"id\":\"a\",\"lang\":\"fr\",\"vendor\":\"x\""),
        "field order kept: {after}"
    );
    assert_eq!(after.lines().nth(1).unwrap(), b);
}

#[test]
fn baseline_flow_reports_exactly_the_new_finding() {
    let dir = tempfile::tempdir().unwrap();
    let article = "Titre\n\nLa ministre a quitté la salle.Elle est partie.\n\nLe le texte.\n";
    let path = dir.path().join("a.txt");
    std::fs::write(&path, article).unwrap();
    let o = run(
        dir.path(),
        &["check", "--write-baseline", "baseline.json", "a.txt"],
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        run(
            dir.path(),
            &["check", "--baseline", "baseline.json", "a.txt"]
        )
        .status
        .code(),
        Some(0)
    );

    // An unrelated edit above, and one new artifact.
    let edited = "Titre modifié\n\nUn paragraphe ajouté.\n\nLa ministre a quitté la salle.Elle est partie.\n\nLe le texte, et un mot mot répété.\n";
    std::fs::write(&path, edited).unwrap();
    let o = run(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--baseline",
            "baseline.json",
            "a.txt",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let f = found(&json(&o));
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, "repetition/repeated-word");
    assert_eq!(f[0].3, "`mot` is repeated");

    // Fixing a baselined finding is counted.
    std::fs::write(
        &path,
        "Titre\n\nLa ministre a quitté la salle. Elle est partie.\n\nLe le texte.\n",
    )
    .unwrap();
    let o = run(
        dir.path(),
        &["check", "--baseline", "baseline.json", "a.txt"],
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("1 baselined findings no longer occur"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn config_ignore_entries_and_stale_ones() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("archive")).unwrap();
    std::fs::write(dir.path().join("archive/old.txt"), "Le le texte.\n").unwrap();
    std::fs::write(dir.path().join("new.txt"), "Le le texte. Un mot mot.\n").unwrap();
    std::fs::write(
        dir.path().join("coquille.toml"),
        // Rule ids and finding filters can share one `ignore` array (TOML forbids `ignore = [...]`
        // next to `[[ignore]]` tables).
        "ignore = [\n  \"fragment\",\n  { path = \"archive/**\" },\n  { rule = \"repetition/repeated-word\", text = \"^mot\" },\n  { rule = \"glue\" },\n]\n",
    )
    .unwrap();
    let o = run(
        dir.path(),
        &["check", "--format", "json", "--lang", "fr", "."],
    );
    let f = found(&json(&o));
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].3, "`Le` is repeated");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("coquille.toml:5: this [[ignore]] entry ignored no finding"),
        "{err}"
    );
    assert!(
        !err.contains("coquille.toml:3:") && !err.contains("coquille.toml:4:"),
        "{err}"
    );

    // The table form.
    std::fs::write(
        dir.path().join("coquille.toml"),
        "[[ignore]]\npath = \"archive/**\"\n\n[[ignore]]\nrule = \"repetition\"\ntext = \"^mot\"\n",
    )
    .unwrap();
    let o = run(
        dir.path(),
        &["check", "--format", "json", "--lang", "fr", "."],
    );
    let f = found(&json(&o));
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].3, "`Le` is repeated");
}

#[test]
fn unused_suppression_comments_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let text = "<!-- coquille-disable-next-line repetition -->\nUn texte propre.\n\n<!-- coquille-disable-next-line repetition -->\nLe le texte.\n";
    std::fs::write(dir.path().join("a.md"), text).unwrap();
    let f = found(&json(&run(
        dir.path(),
        &["check", "--format", "json", "--lang", "fr", "a.md"],
    )));
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(
        (f[0].0.as_str(), f[0].1),
        ("suppression/unused-directive", 1)
    );
}

#[test]
fn changed_since_checks_only_changed_files_and_lines() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let git = |args: &[&str]| {
        let o = Command::new("git")
            .current_dir(d)
            .args(args)
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    };
    git(&["init", "-q"]);
    git(&["config", "user.email", "ci@example.org"]);
    git(&["config", "user.name", "CI"]);
    std::fs::write(d.join("a.txt"), "Le le premier.\n\nTexte.\n").unwrap();
    std::fs::write(d.join("b.txt"), "Le le second.\n").unwrap();
    git(&["add", "."]);
    git(&["commit", "-qm", "start"]);
    std::fs::write(
        d.join("a.txt"),
        "Le le premier.\n\nTexte avec un mot mot.\n",
    )
    .unwrap();
    std::fs::write(d.join("c.txt"), "Un un nouveau.\n").unwrap();

    let o = run(
        d,
        &[
            "check",
            "--format",
            "json",
            "--lang",
            "fr",
            "--changed-since",
            "HEAD",
            ".",
        ],
    );
    let v = json(&o);
    let paths: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["a.txt", "a.txt", "c.txt"]);
    let o = run(
        d,
        &[
            "check",
            "--format",
            "json",
            "--lang",
            "fr",
            "--changed-since",
            "HEAD",
            "--lines",
            ".",
        ],
    );
    let f = found(&json(&o));
    let got: Vec<(u64, &str)> = f.iter().map(|x| (x.1, x.3.as_str())).collect();
    assert_eq!(got, [(3, "`mot` is repeated"), (1, "`Un` is repeated")]);
    let o = run(d, &["check", "--changed-since", "no-such-rev", "."]);
    assert_eq!(o.status.code(), Some(2));
}

/// `--fix` then `check` on the bundled corpora leaves only findings whose fix is unsafe or absent.
#[test]
fn fix_on_the_bundled_corpora_leaves_no_safe_fix() {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora");
    let copy = |from: &Path, to: &Path| {
        for entry in walk(from) {
            let rel = entry.strip_prefix(from).unwrap();
            let dest = to.join(rel);
            std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
            std::fs::copy(&entry, &dest).unwrap();
        }
    };
    copy(&src, &dir.path().join("corpora"));
    run(dir.path(), &["check", "--fix", "--fix-jsonl", "corpora"]);
    let o = run(dir.path(), &["check", "--format", "json", "corpora"]);
    let rules = run(dir.path(), &["rules", "--json"]);
    let rules: serde_json::Value = serde_json::from_slice(&rules.stdout).unwrap();
    let safe: Vec<String> = rules
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["fix"] == "safe")
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert!(!safe.is_empty());
    let v = json(&o);
    let left: Vec<&serde_json::Value> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            d.get("suggestion").is_some() && safe.contains(&d["rule"].as_str().unwrap().to_string())
        })
        .collect();
    assert!(left.is_empty(), "safe fixes left after --fix: {left:#?}");
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
