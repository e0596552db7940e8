//! The `names` section of the corpus index, end to end: a name spelled one way in an archive built
//! with `coquille index build` makes a new article's other spelling a corpus-minority variant; the
//! section merges exactly and commutatively.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::{Command, Output};

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_coquille"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run coquille")
}

fn write(dir: &Path, name: &str, content: &str) {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, content).unwrap();
}

fn ok(o: &Output) {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn archive_names_flag_a_minority_spelling() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..40 {
        let shard = if i % 2 == 0 { "a" } else { "b" };
        write(
            dir.path(),
            &format!("{shard}/doc{i:02}.txt"),
            &format!(
                "Sommet numéro {i}\n\nLe dirigeant nord-coréen Kim Jong-un a quitté Pyongyang le {i} mai.\n"
            ),
        );
    }
    ok(&run(
        dir.path(),
        &["index", "build", "-q", "--lang", "fr", "a", "-o", "a.cqi"],
    ));
    ok(&run(
        dir.path(),
        &["index", "build", "-q", "--lang", "fr", "b", "-o", "b.cqi"],
    ));
    ok(&run(
        dir.path(),
        &[
            "index", "build", "-q", "--lang", "fr", "a", "b", "-o", "all.cqi",
        ],
    ));
    ok(&run(
        dir.path(),
        &["index", "merge", "b.cqi", "a.cqi", "-o", "ba.cqi"],
    ));
    assert_eq!(
        std::fs::read(dir.path().join("all.cqi")).unwrap(),
        std::fs::read(dir.path().join("ba.cqi")).unwrap(),
        "merge of shards = index of the union, names included"
    );
    let o = run(dir.path(), &["index", "show", "all.cqi"]);
    ok(&o);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["languages"]["fr"]["names"].as_u64().unwrap() >= 2, "{v}");

    write(
        dir.path(),
        "new/article.txt",
        "Retour à Pyongyang\n\nLe dirigeant nord-coréen Kim Jong Un est rentré mardi.\n",
    );
    let check = |extra: &[&str]| {
        let mut args = vec![
            "check",
            "--format",
            "json",
            "--lang",
            "fr",
            "--select",
            "consistency/name-variant",
        ];
        args.extend_from_slice(extra);
        args.push("new/article.txt");
        let o = run(dir.path(), &args);
        serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap()
    };
    // Alone, the article is consistent.
    let v = check(&[]);
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 0, "{v}");
    // With the archive, its spelling is a minority one.
    let v = check(&["--index", "all.cqi"]);
    let d = &v["diagnostics"].as_array().unwrap()[0];
    assert_eq!(d["rule"], "consistency/name-variant", "{v}");
    assert_eq!(d["suggestion"], "Kim Jong-un", "{v}");
}
