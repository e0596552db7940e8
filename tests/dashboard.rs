//! End-to-end tests of `coquille report`: the dashboard of the bundled corpora has every section
//! and the expected data, is self-contained, escapes corpus text, is byte-identical for any number
//! of threads, and renders in a real browser (headless Chromium) without console errors.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn coquille(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_coquille"))
        .current_dir(dir)
        .args(args)
        .arg("--no-config")
        .arg("--quiet")
        .output()
        .unwrap()
}

/// Runs `coquille report ARGS -o OUT` in `dir` and returns the page.
fn report(dir: &Path, args: &[&str], out: &Path) -> String {
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    let out_s = out.to_str().unwrap();
    all.extend_from_slice(&["-o", out_s]);
    let o = coquille(dir, &all);
    assert!(
        o.status.success(),
        "coquille report failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    std::fs::read_to_string(out).unwrap()
}

/// The JSON data embedded in the page.
fn data(html: &str) -> Value {
    let open = "<script type=\"application/json\" id=\"coquille-data\">";
    let start = html.find(open).expect("data script") + open.len();
    let end = start + html[start..].find("</script>").expect("end of data");
    serde_json::from_str(&html[start..end]).expect("valid JSON")
}

fn corpora_report(tmp: &Path, extra: &[&str]) -> String {
    let mut args = vec!["corpora/", "--by", "vendor"];
    args.extend_from_slice(extra);
    report(&root(), &args, &tmp.join("dashboard.html"))
}

#[test]
fn corpora_dashboard_has_every_section_and_its_data() {
    let tmp = tempfile::tempdir().unwrap();
    let html = corpora_report(tmp.path(), &[]);
    for id in [
        "overview",
        "rules",
        "documents",
        "examples",
        "text",
        "comparison",
    ] {
        assert!(
            html.contains(&format!("<section id=\"{id}\">")),
            "section {id}"
        );
    }
    for chart in [
        "languages",
        "rules",
        "rule-groups",
        "document-words",
        "document-rates",
        "sentence-length",
        "compare-rates",
        "compare-rule-groups",
        "compare-pairs",
    ] {
        assert!(
            html.contains(&format!("data-chart=\"{chart}\"")),
            "chart {chart}"
        );
    }
    let d = data(&html);
    assert_eq!(d["version"], 1);
    assert_eq!(d["generated"], Value::Null);

    // 11 plain articles + 24 vendor translations (8 stories × 3 vendors).
    let o = &d["overview"];
    assert_eq!(o["documents"], 35);
    let words = o["words"].as_u64().unwrap();
    let findings = o["findings"].as_u64().unwrap();
    assert!(words > 4000 && findings > 20, "{o}");
    let langs: Vec<&str> = d["languages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["lang"].as_str().unwrap())
        .collect();
    assert_eq!(langs, vec!["fr", "en"]);

    // Rules: counts add up, sorted by findings.
    let rules = d["rules"].as_array().unwrap();
    let sum: u64 = rules.iter().map(|r| r["findings"].as_u64().unwrap()).sum();
    assert_eq!(sum, findings);
    assert!(
        rules
            .windows(2)
            .all(|w| w[0]["findings"].as_u64() >= w[1]["findings"].as_u64())
    );
    assert!(rules.iter().any(|r| r["id"] == "glue/glued-words"));
    let group_sum: u64 = d["rule_groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["findings"].as_u64().unwrap())
        .sum();
    assert_eq!(group_sum, findings);

    // Histograms count every document.
    let count = |h: &Value| -> u64 {
        h["bins"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["count"].as_u64().unwrap())
            .sum()
    };
    assert_eq!(count(&d["document_words"]), 35);
    assert_eq!(count(&d["document_rates"]), 35);

    // Worst documents: sorted by rate, at least 50 words each.
    let worst = d["worst_documents"].as_array().unwrap();
    assert!(!worst.is_empty());
    assert!(
        worst
            .windows(2)
            .all(|w| w[0]["per_1k_words"].as_f64() >= w[1]["per_1k_words"].as_f64())
    );
    assert!(worst.iter().all(|w| w["words"].as_u64().unwrap() >= 50));

    // Examples: at most 3 per rule, each flagged text highlighted on the page.
    let examples = d["examples"].as_array().unwrap();
    assert!(!examples.is_empty());
    for r in examples {
        let ex = r["examples"].as_array().unwrap();
        assert!(!ex.is_empty() && ex.len() <= 3, "{}", r["rule"]);
    }
    let glued = examples
        .iter()
        .find(|r| r["rule"] == "glue/glued-words")
        .unwrap();
    for e in glued["examples"].as_array().unwrap() {
        let flagged = e["flagged"].as_str().unwrap();
        assert!(
            html.contains(&format!("<mark>{flagged}</mark>")),
            "{flagged}"
        );
    }

    // Text statistics: sentence lengths, readability per language, n-grams, vocabulary, groups.
    let t = &d["text"];
    assert_eq!(t["source"], "stats");
    let sl = &t["sentence_length"];
    assert!(sl["count"].as_u64().unwrap() > 100);
    assert_eq!(count(sl), sl["count"].as_u64().unwrap());
    let readability: Vec<(&str, &str, u64)> = t["readability"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["lang"].as_str().unwrap(),
                r["formula"].as_str().unwrap(),
                count(&r["histogram"]),
            )
        })
        .collect();
    assert_eq!(
        readability,
        vec![("fr", "kandel-moles", 30), ("en", "flesch", 5)]
    );
    assert!(html.contains("data-chart=\"readability\" data-index=\"1\""));
    let ngrams = &t["ngrams"];
    assert_eq!(ngrams["n"], 3);
    let top = ngrams["top"].as_array().unwrap();
    assert!(!top.is_empty());
    assert!(
        top.windows(2)
            .all(|w| w[0]["count"].as_u64() >= w[1]["count"].as_u64())
    );
    assert!(html.contains("data-chart=\"ngrams\""));
    assert_eq!(t["vocabulary"]["tokens"], o["words"]);
    assert_eq!(t["quality_filters"].as_array().unwrap().len(), 4);
    let tg: Vec<(&str, u64)> = t["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["name"].as_str().unwrap(),
                g["documents"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        tg,
        vec![("(none)", 11), ("alpha", 8), ("beta", 8), ("gamma", 8)]
    );

    // The comparison: alpha is the clean vendor, gamma the worst; the 11 plain files form (none).
    let c = &d["comparison"];
    assert_eq!(c["by"], "vendor");
    let groups: Vec<(&str, u64)> = c["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["name"].as_str().unwrap(),
                g["documents"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(groups.first(), Some(&("alpha", 8)));
    assert_eq!(groups.last(), Some(&("gamma", 8)));
    assert_eq!(groups.len(), 4);
    assert_eq!(c["pairs"].as_array().unwrap().len(), 6);
    let gamma_beta = c["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["a"] == "gamma" && p["b"] == "beta")
        .unwrap();
    assert_eq!(gamma_beta["test"], "paired-bootstrap");
    assert_eq!(gamma_beta["shared_documents"], 8);
    let cmp_findings: u64 = c["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["findings"].as_u64().unwrap())
        .sum();
    assert_eq!(cmp_findings, findings);
}

#[test]
fn the_page_is_self_contained_and_small() {
    let tmp = tempfile::tempdir().unwrap();
    let html = corpora_report(tmp.path(), &[]);
    assert!(html.len() < 1 << 20, "{} bytes", html.len());
    let lower = html.to_lowercase();
    for bad in [
        "<script src",
        "<link",
        "<img",
        "<iframe",
        "@import",
        "sourcemappingurl",
    ] {
        assert!(!lower.contains(bad), "{bad}");
    }
    assert!(html.contains("Chart.js v4.6.1"));
    assert!(html.contains("MIT"));
}

#[test]
fn same_page_for_any_number_of_threads() {
    let tmp = tempfile::tempdir().unwrap();
    let a = report(
        &root(),
        &["corpora/", "--by", "vendor", "--threads", "1"],
        &tmp.path().join("a.html"),
    );
    let b = report(
        &root(),
        &[
            "corpora/",
            "--by",
            "vendor",
            "--threads",
            "2",
            "--batch-bytes",
            "2000",
        ],
        &tmp.path().join("b.html"),
    );
    assert!(a == b, "the page depends on the number of threads");
    let t = report(
        &root(),
        &["corpora/", "--by", "vendor", "--timestamp"],
        &tmp.path().join("t.html"),
    );
    assert!(data(&t)["generated"].as_str().unwrap().ends_with("UTC"));
}

#[test]
fn corpus_text_is_escaped() {
    let tmp = tempfile::tempdir().unwrap();
    let evil = "Un texte</script><script>alert(1)</script> avec <b>balises</b> & «Russieselon» l’agence de presse.";
    let lines = [
        serde_json::json!({"id": "1", "vendor": "<i>v</i>", "lang": "fr", "text": evil}),
        serde_json::json!({"id": "1", "vendor": "w", "lang": "fr", "text": "Le texte est parti à Russieselon l’agence de presse officielle."}),
    ];
    let body: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(tmp.path().join("e.jsonl"), body).unwrap();
    let html = report(
        tmp.path(),
        &[
            "e.jsonl",
            "--by",
            "vendor",
            "--min-words",
            "1",
            "--title",
            "<u>T</u>",
        ],
        &tmp.path().join("e.html"),
    );
    assert!(!html.contains("<script>alert(1)"));
    assert!(!html.contains("<b>balises"));
    assert!(!html.contains("<i>v</i>"));
    assert!(!html.contains("<u>T</u>"));
    assert!(html.contains("&lt;u&gt;T&lt;&#x2f;u&gt;") || html.contains("&lt;u&gt;T&lt;/u&gt;"));
    let d = data(&html);
    assert_eq!(d["title"], "<u>T</u>");
    let names: Vec<&str> = d["comparison"]["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"<i>v</i>"));
}

#[test]
fn without_by_there_is_no_comparison_and_where_filters() {
    let tmp = tempfile::tempdir().unwrap();
    let html = report(
        &root(),
        &[
            "corpora/vendors/",
            "--where",
            "vendor=gamma",
            "--examples",
            "1",
        ],
        &tmp.path().join("w.html"),
    );
    assert!(!html.contains("<section id=\"comparison\">"));
    let d = data(&html);
    assert_eq!(d["comparison"], Value::Null);
    assert_eq!(d["overview"]["documents"], 8);
    assert_eq!(d["overview"]["excluded"], 16);
    assert_eq!(d["settings"]["filters"][0], "vendor=gamma");
    // The text statistics see the same documents.
    assert_eq!(d["text"]["vocabulary"]["tokens"], d["overview"]["words"]);
    for r in d["examples"].as_array().unwrap() {
        assert_eq!(r["examples"].as_array().unwrap().len(), 1);
    }
}

// ---------------------------------------------------------------------------------------------
// The browser test.

fn chromium() -> Option<PathBuf> {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

/// Runs Chromium headless on `page` with `extra` flags; returns (stdout, stderr).
fn run_chromium(bin: &Path, profile: &Path, extra: &[String], page: &Path) -> (String, String) {
    let mut cmd = Command::new(bin);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--enable-logging=stderr",
        "--v=0",
    ])
    .arg(format!("--user-data-dir={}", profile.display()))
    .args(extra)
    .arg(format!("file://{}", page.display()))
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    // Read the pipes on threads so that a full pipe never blocks the browser.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut out, &mut s).ok();
        s
    });
    let t_err = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut err, &mut s).ok();
        s
    });
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(120) {
            child.kill().ok();
            child.wait().ok();
            panic!("chromium did not finish within 120 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    (t_out.join().unwrap(), t_err.join().unwrap())
}

#[test]
fn dashboard_renders_in_headless_chromium() {
    let required = std::env::var("COQUILLE_BROWSER_TESTS").is_ok_and(|v| v == "1");
    let Some(bin) = chromium() else {
        assert!(
            !required,
            "COQUILLE_BROWSER_TESTS=1 but chromium is not installed (apt-get install chromium)"
        );
        println!(
            "note: skipping the browser test: chromium is not installed (set COQUILLE_BROWSER_TESTS=1 to require it)"
        );
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let page = tmp.path().join("dashboard.html");
    let html = report(&root(), &["corpora/", "--by", "vendor"], &page);
    let charts = html.matches("<div class=\"chart\" data-chart=").count();
    assert!(charts >= 9, "{charts} charts");

    // The DOM after the scripts ran.
    let (dom, stderr) = run_chromium(
        &bin,
        &tmp.path().join("profile-dom"),
        &["--dump-dom".to_string()],
        &page,
    );
    let console: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains(":CONSOLE") || l.contains("Uncaught"))
        .collect();
    assert!(console.is_empty(), "console messages: {console:#?}");
    assert!(
        dom.contains(&format!("data-charts-rendered=\"{charts}\"")),
        "not every chart was drawn: {}",
        dom.lines()
            .find(|l| l.contains("<body"))
            .unwrap_or("no body")
    );
    assert!(dom.contains("data-charts-failed=\"0\""));
    // (the page's script mentions the attribute once in a comment)
    let marked = |s: &str, what: &str| s.matches(what).count();
    let (yes, no) = ("data-rendered=\"true\"", "data-rendered=\"false\"");
    assert_eq!(marked(&dom, yes) - marked(&html, yes), charts);
    assert_eq!(marked(&dom, no), marked(&html, no));
    assert!(dom.contains("<div id=\"js-errors\"></div>"));
    // Chart.js replaced each canvas with a sized one.
    assert!(dom.matches("<canvas").count() >= charts);
    assert!(dom.contains("style=\"display: block; box-sizing: border-box; height:"));
    // The heat table was shaded.
    assert!(dom.contains("background: rgba(225, 87, 89"));

    // A screenshot, kept for people to look at.
    let shot = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("dashboard-corpora.png");
    let _ = std::fs::remove_file(&shot);
    let (_, stderr) = run_chromium(
        &bin,
        &tmp.path().join("profile-shot"),
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1280,2000".to_string(),
            "--hide-scrollbars".to_string(),
        ],
        &page,
    );
    let console: Vec<&str> = stderr.lines().filter(|l| l.contains(":CONSOLE")).collect();
    assert!(console.is_empty(), "console messages: {console:#?}");
    let png = std::fs::read(&shot).unwrap();
    assert!(png.starts_with(b"\x89PNG"), "not a PNG");
    assert!(png.len() > 50_000, "the screenshot looks empty");
    println!("screenshot: {}", shot.display());
}
