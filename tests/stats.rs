//! `coquille stats` and `coquille ngrams` end to end, on small texts written for these tests, with
//! values computed by hand (syllable counts follow the hyphenation noted beside each word).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// English: 15 textstat words, 2 sentences (6 + 9 words), 16 syllables (CMUdict: every word has
/// one but sun-ny). No word longer than 6 letters.
const EN: &str = "The cat sat on the mat. It was a sunny day, and the dog slept.";
/// French: 10 words, 2 sentences (6 + 4), 21 syllables: le 1, gou-ver-ne-ment 4, a 1, pré-sen-té
/// 3, son 1, bud-get 2, les 1, dé-pu-tés 3, vo-te-ront 3, mar-di 2. Long words (> 6 letters):
/// gouvernement, présenté, députés, voteront.
const FR1: &str = "Le gouvernement a présenté son budget. Les députés voteront mardi.";
/// French: 9 words, 2 sentences (5 + 4), 15 syllables: le 1, bud-get 2, a 1, été 1 (no break two
/// letters from an end), vo-té 2, le 1, gou-ver-ne-ment 4, a 1, ga-gné 2.
const FR2: &str = "Le budget a été voté. Le gouvernement a gagné.";

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_coquille"))
}

fn run(dir: &Path, args: &[&str]) -> Output {
    bin()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run coquille")
}

fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "exit {:?}: {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn json(o: &Output) -> Value {
    serde_json::from_str(&ok(o)).unwrap()
}

fn write(dir: &Path, name: &str, content: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, content).unwrap();
    p
}

fn close(a: &Value, b: f64) {
    let a = a.as_f64().unwrap_or_else(|| panic!("not a number: {a}"));
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

/// Means over documents are exact sums of values rounded to 10⁻⁶.
fn close_mean(a: &Value, b: f64) {
    let a = a.as_f64().unwrap_or_else(|| panic!("not a number: {a}"));
    assert!((a - b).abs() <= 1e-6, "{a} != {b}");
}

/// The three documents as `d1/en.txt`, `d2/fr1.txt`, `d3/fr2.txt`.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "d1/en.txt", EN);
    write(dir.path(), "d2/fr1.txt", FR1);
    write(dir.path(), "d3/fr2.txt", FR2);
    dir
}

#[test]
fn per_document_counts_and_readability() {
    let dir = corpus();
    let out = ok(&run(dir.path(), &["stats", "--per-doc", "."]));
    let docs: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs.len(), 3);
    let (en, fr1, fr2) = (&docs[0], &docs[1], &docs[2]);
    assert_eq!(en["path"], "d1/en.txt");
    assert_eq!(en["id"], Value::Null);
    assert_eq!(en["lang"], "en");
    assert_eq!(
        (en["words"].as_u64(), en["sentences"].as_u64()),
        (Some(15), Some(2))
    );
    assert_eq!(en["syllables"], 16);
    assert_eq!(en["syllable_method"], "cmudict+liang:en_US");
    let r = &en["readability"];
    assert_eq!(r["formula"], "flesch");
    // ASL 7.5, ASW 16/15: 206.835 − 1.015·7.5 − 84.6·16/15 = 108.9825.
    close(&r["flesch_reading_ease"], 108.9825);
    // 0.39·7.5 + 11.8·16/15 − 15.59.
    close(
        &r["flesch_kincaid_grade"],
        0.39 * 7.5 + 11.8 * 16.0 / 15.0 - 15.59,
    );
    close(&r["lix"], 7.5);
    close(&r["rix"], 0.0);

    assert_eq!(fr1["lang"], "fr");
    assert_eq!(
        (fr1["words"].as_u64(), fr1["sentences"].as_u64()),
        (Some(10), Some(2))
    );
    assert_eq!(fr1["syllables"], 21);
    assert_eq!(fr1["long_words"], 4);
    let r = &fr1["readability"];
    assert_eq!(r["formula"], "kandel-moles");
    // ASL 5, ASW 2.1: 207 − 1.015·5 − 73.6·2.1 = 47.365; LIX 5 + 100·4/10; RIX 4/2.
    close(&r["flesch_reading_ease"], 47.365);
    close(&r["lix"], 45.0);
    close(&r["rix"], 2.0);

    assert_eq!(fr2["syllables"], 15);
    // ASL 4.5, ASW 15/9: 207 − 1.015·4.5 − 73.6·15/9.
    close(
        &fr2["readability"]["flesch_reading_ease"],
        207.0 - 1.015 * 4.5 - 73.6 * 15.0 / 9.0,
    );
    // Every document fails Gopher's minimum of 50 words and C4's minimum of 5 sentences.
    for d in &docs {
        assert_eq!(d["filters"]["gopher_quality"], "gopher_short_doc");
        assert_eq!(d["filters"]["c4"], "too_few_sentences");
    }
    // Gopher's top n-gram fractions count a unique n-gram too, so short texts fail them: the
    // first (all n-grams are unique) over the text's chars. EN (62 chars): "The cat" 7/62 ≤ 0.20,
    // "The cat sat" 11/62 ≤ 0.18, "The cat sat on" 14/62 > 0.16. FR1 (66 chars): "Le
    // gouvernement" 15/66 > 0.20. FR2 (46 chars): "Le budget" 9/46 ≤ 0.20, "Le budget a" 11/46 >
    // 0.18.
    close(&en["quality"]["repetition"]["top_4gram_chars"], 14.0 / 62.0);
    assert_eq!(en["filters"]["gopher_repetition"], "top_4_gram");
    close(
        &fr1["quality"]["repetition"]["top_2gram_chars"],
        15.0 / 66.0,
    );
    assert_eq!(fr1["filters"]["gopher_repetition"], "top_2_gram");
    close(
        &fr2["quality"]["repetition"]["top_3gram_chars"],
        11.0 / 46.0,
    );
    assert_eq!(fr2["filters"]["gopher_repetition"], "top_3_gram");
}

#[test]
fn readability_in_other_languages() {
    let dir = tempfile::tempdir().unwrap();
    // Italian: 21 words, 2 sentences (10 + 11), 44 syllables: il go-ver-no ha ap-pro-va-to ie-ri
    // la nuo-va leg-ge sul bi-lan-cio | la di-scus-sio-ne è du-ra-ta tre gior-ni e l'op-po-si-zio-ne
    // ha vo-ta-to con-tro; 107 non-space chars (48 + 59) over 21 whitespace chunks.
    write(
        dir.path(),
        "it.txt",
        "Il governo ha approvato ieri la nuova legge sul bilancio. La discussione è durata tre \
         giorni, e l'opposizione ha votato contro.",
    );
    let out = ok(&run(
        dir.path(),
        &["stats", "--per-doc", "--lang", "it", "it.txt"],
    ));
    let d: Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(d["syllable_method"], "liang:it_IT");
    let (w, s, sy) = (21.0, 2.0, 44.0);
    assert_eq!(d["words"], 21);
    assert_eq!(d["sentences"], 2);
    assert_eq!(d["syllables"], 44);
    let r = &d["readability"];
    assert_eq!(r["formula"], "flesch-vacca");
    close(
        &r["flesch_reading_ease"],
        217.0 - 1.3 * w / s - 60.0 * sy / w,
    );
    // Gulpease: 89 + 300·Se/Wd − 10·chars/Wd′.
    close(&r["gulpease"], 89.0 + 300.0 * s / w - 10.0 * 107.0 / 21.0);
}

#[test]
fn summary_by_hand() {
    let dir = corpus();
    let v = json(&run(
        dir.path(),
        &["stats", "--format", "json", "--top", "3", "."],
    ));
    assert_eq!(v["version"], 1);
    assert_eq!(v["documents"], 3);
    assert_eq!(v["words"], 34);
    assert_eq!(v["sentences"], 6);
    assert_eq!(v["syllables"], 52);
    assert_eq!(v["bytes"], EN.len() + FR1.len() + FR2.len());
    let langs = v["languages"].as_array().unwrap();
    assert_eq!(langs[0]["lang"], "en");
    close(&langs[0]["share"], 1.0 / 3.0);
    assert_eq!(langs[1]["lang"], "fr");
    assert_eq!(langs[1]["documents"], 2);
    assert_eq!(langs[1]["readability_formula"], "kandel-moles");
    // Mean Kandel–Moles of the two French documents.
    let fr2 = 207.0 - 1.015 * 4.5 - 73.6 * 15.0 / 9.0;
    close_mean(
        &langs[1]["readability"]["flesch_reading_ease"]["mean"],
        (47.365 + fr2) / 2.0,
    );
    // Percentiles are on 0.01 buckets: p50 of two values is the lower one, rounded.
    close(
        &langs[1]["readability"]["flesch_reading_ease"]["p50"],
        47.37,
    );

    // Vocabulary of word tokens, lowercased: 34 tokens; English 13 types (the ×3), French 13 (le
    // ×3, a ×3, gouvernement ×2, budget ×2); "a" is in both: 25 types, 11 + 9 = 20 hapax.
    let voc = &v["vocabulary"];
    assert_eq!(voc["tokens"], 34);
    assert_eq!(voc["types"], 25);
    assert_eq!(voc["hapax"], 20);
    close(&voc["type_token_ratio"], 25.0 / 34.0);
    close(&voc["hapax_ratio"], 0.8);
    assert_eq!(langs[0]["vocabulary"]["types"], 13);
    assert_eq!(langs[0]["vocabulary"]["hapax"], 12);
    assert_eq!(langs[1]["vocabulary"]["tokens"], 19);
    assert_eq!(langs[1]["vocabulary"]["hapax"], 9);

    // Sentence lengths 6, 9, 6, 4, 5, 4: sorted 4 4 5 6 6 9.
    let sl = &v["sentence_length"];
    assert_eq!(sl["count"], 6);
    close(&sl["mean"], 34.0 / 6.0);
    close(&sl["p50"], 5.0);
    close(&sl["p90"], 9.0);
    close(&sl["min"], 4.0);
    // Word lengths: 1 ×4, 2 ×5, 3 ×13, 4, 5 ×4, 6 ×2, 7, 8 ×2, 12 ×2 (34 tokens, sum 136).
    let wl = &v["word_length"];
    assert_eq!(wl["count"], 34);
    close(&wl["mean"], 4.0);
    close(&wl["p50"], 3.0);
    close(&wl["p90"], 8.0);
    close(&wl["p99"], 12.0);

    // Bigrams: 14 + 9 + 8 = 31, "Le gouvernement" and "gouvernement a" twice; ties by text
    // (byte order: capitals first).
    let ng = &v["ngrams"];
    assert_eq!(ng["exact"], true);
    assert_eq!(ng["max_error"], 0);
    assert_eq!(ng["total"], 31);
    assert_eq!(ng["distinct"], 29);
    let top: Vec<(String, u64)> = ng["top"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["ngram"].as_str().unwrap().to_string(),
                g["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        top,
        [
            ("Le gouvernement".to_string(), 2),
            ("gouvernement a".to_string(), 2),
            ("It was".to_string(), 1)
        ]
    );
    // Every document fails the Gopher minimum of 50 words.
    let checks = &v["quality"]["checks"];
    assert_eq!(checks["gopher_short_doc"]["failed"], 3);
    close(&checks["gopher_short_doc"]["share"], 1.0);
    assert_eq!(v["quality"]["filters"]["gopher_quality"]["dropped"], 3);
    // And all three fail a top n-gram fraction (see `per_document_counts_and_readability`).
    assert_eq!(v["quality"]["filters"]["gopher_repetition"]["dropped"], 3);
    assert_eq!(checks["top_2_gram"]["failed"], 1);
    assert_eq!(checks["top_3_gram"]["failed"], 2);
    assert_eq!(checks["top_4_gram"]["failed"], 3);
}

#[test]
fn quality_checks_per_document() {
    let dir = tempfile::tempdir().unwrap();
    // 4 lines (37 chars), "Buy now!" three times: duplicate lines 2/4, their chars 16/37.
    write(
        dir.path(),
        "spam.txt",
        "Buy now!\nBuy now!\nBuy now!\nGreat deal",
    );
    let out = ok(&run(
        dir.path(),
        &["stats", "--per-doc", "--lang", "en", "spam.txt"],
    ));
    let d: Value = serde_json::from_str(out.trim()).unwrap();
    let rep = &d["quality"]["repetition"];
    close(&rep["dup_lines"], 0.5);
    close(&rep["dup_line_chars"], 16.0 / 37.0);
    // One paragraph: no duplicate.
    close(&rep["dup_paragraphs"], 0.0);
    // Tokens: Buy now ! ×3, Great deal = 11; top bigram "Buy now" ×3 × 7 chars.
    close(&rep["top_2gram_chars"], 21.0 / 37.0);
    assert_eq!(d["filters"]["gopher_repetition"], "dup_line_frac");
    let failed: Vec<&str> = d["failed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    for f in [
        "dup_line_frac",
        "dup_line_char_frac",
        "top_2_gram",
        "short_line_ratio",
    ] {
        assert!(failed.contains(&f), "{f} in {failed:?}");
    }
    // FineWeb: lines ending in a terminal mark: 3 of 4.
    close(&d["quality"]["fineweb"]["line_punct"], 0.75);
    // Duplicated line chars over the text without newlines (34 chars).
    close(&d["quality"]["fineweb"]["dup_line_chars"], 16.0 / 34.0);
    assert_eq!(d["filters"]["fineweb"], "short_line_ratio");
}

#[test]
fn groups_by_field_and_by_folder() {
    let dir = tempfile::tempdir().unwrap();
    let line = |id: &str, vendor: &str, text: &str| {
        serde_json::json!({"id": id, "vendor": vendor, "text": text}).to_string()
    };
    let jsonl = [
        line("1", "alpha", EN),
        line("2", "beta", FR1),
        line("3", "alpha", FR2),
        serde_json::json!({"id": "4", "text": EN}).to_string(),
    ]
    .join("\n");
    write(dir.path(), "a/docs.jsonl", &jsonl);
    let v = json(&run(
        dir.path(),
        &[
            "stats", "--format", "json", "--by", "vendor", "--ngram", "0", "a",
        ],
    ));
    assert_eq!(v["by"], "vendor");
    assert_eq!(v["documents"], 4);
    let groups: Vec<(String, u64, u64)> = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["group"].as_str().unwrap().to_string(),
                g["documents"].as_u64().unwrap(),
                g["words"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        groups,
        [
            ("(none)".to_string(), 1, 15),
            ("alpha".to_string(), 2, 24),
            ("beta".to_string(), 1, 10)
        ]
    );
    // Per document, the group is given.
    let out = ok(&run(
        dir.path(),
        &["stats", "--per-doc", "--by", "vendor", "a/docs.jsonl"],
    ));
    let first: Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(
        (first["id"].as_str(), first["group"].as_str()),
        (Some("1"), Some("alpha"))
    );
    assert_eq!(first["record"], 1);

    let dir = corpus();
    let v = json(&run(
        dir.path(),
        &[
            "stats", "--format", "json", "--by", "dir", "--ngram", "0", ".",
        ],
    ));
    let names: Vec<&str> = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["group"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["d1", "d2", "d3"]);
}

#[test]
fn shards_merge_to_the_summary_of_one_run() {
    let dir = corpus();
    // A fourth shard with repeated text so n-grams and percentiles have something to merge.
    write(
        dir.path(),
        "d4/more.jsonl",
        &[EN, FR1, FR2, EN]
            .iter()
            .enumerate()
            .map(|(i, t)| serde_json::json!({"id": i, "vendor": if i % 2 == 0 { "x" } else { "y" }, "text": t}).to_string())
            .collect::<Vec<_>>()
            .join("\n"),
    );
    for by in [None, Some("vendor")] {
        let mut common = vec!["--format", "json", "--ngram", "2", "--top", "50"];
        if let Some(b) = by {
            common.extend(["--by", b]);
        }
        let mut one = vec!["stats"];
        one.extend(&common);
        one.extend(["d1", "d2", "d3", "d4"]);
        let whole = ok(&run(dir.path(), &one));
        for shard in ["d1", "d2", "d3", "d4"] {
            let mut args = vec!["stats"];
            args.extend(&common);
            let file = format!("{shard}.partial");
            args.extend(["--save-partial", &file, shard]);
            ok(&run(dir.path(), &args));
        }
        for order in [
            ["d1", "d2", "d3", "d4"],
            ["d4", "d3", "d1", "d2"],
            ["d2", "d4", "d1", "d3"],
        ] {
            let mut args = vec!["stats"];
            args.extend(&common);
            args.push("--merge");
            let files: Vec<String> = order.iter().map(|s| format!("{s}.partial")).collect();
            args.extend(files.iter().map(String::as_str));
            let merged = ok(&run(dir.path(), &args));
            assert_eq!(merged, whole, "merge of {order:?} by {by:?}");
        }
    }
    // Partials computed with different n-gram options do not merge.
    ok(&run(
        dir.path(),
        &[
            "stats",
            "--ngram",
            "3",
            "--save-partial",
            "tri.partial",
            "d1",
        ],
    ));
    let o = run(
        dir.path(),
        &["stats", "--merge", "d1.partial", "tri.partial"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("n-gram options"));
}

#[test]
fn output_is_the_same_for_any_thread_count() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora");
    let root = root.to_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    for args in [
        vec!["stats", "--format", "json", "--by", "dir", root],
        vec!["stats", "--per-doc", root],
        vec!["ngrams", "-n", "3", "--top", "30", "--format", "json", root],
    ] {
        let mut outs = Vec::new();
        for (threads, batch) in [("1", "1000000"), ("2", "700"), ("4", "3000")] {
            let mut a = args.clone();
            a.extend(["--threads", threads, "--batch-bytes", batch]);
            outs.push(ok(&run(dir.path(), &a)));
        }
        assert_eq!(outs[0], outs[1], "{args:?}");
        assert_eq!(outs[0], outs[2], "{args:?}");
    }
    // Over its memory budget the count is approximate, and depends on where batches are cut (a
    // reading setting), but not on the threads: batches are folded in input order.
    let approx = [
        "ngrams", "-n", "2", "--memory", "20K", "--top", "30", "--format", "json",
    ];
    let outs: Vec<String> = ["1", "2", "4"]
        .iter()
        .map(|threads| {
            let mut a = approx.to_vec();
            a.extend(["--threads", threads, "--batch-bytes", "700", root]);
            ok(&run(dir.path(), &a))
        })
        .collect();
    assert!(outs[0].contains("\"exact\": false"), "{}", outs[0]);
    assert_eq!(outs[0], outs[1]);
    assert_eq!(outs[0], outs[2]);
}

#[test]
fn ngrams_exact_counts_and_options() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", "a b, a b. C a");
    write(dir.path(), "b.txt", "b a b\n\nA B");
    // Words: a b a b C a | b a b A B. Bigrams: a b ×3, b a ×2, b C, C a, b A, A B.
    let v = json(&run(
        dir.path(),
        &["ngrams", "-n", "2", "--top", "3", "--format", "json", "."],
    ));
    assert_eq!(v["exact"], true);
    assert_eq!(v["total"], 9);
    assert_eq!(v["distinct"], 6);
    let top = |v: &Value| -> Vec<(String, u64)> {
        v["top"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| {
                (
                    g["ngram"].as_str().unwrap().to_string(),
                    g["count"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(
        top(&v),
        [("a b".into(), 3), ("b a".into(), 2), ("A B".into(), 1)]
    );
    // Lowercased: a b ×4 (with "A B"), b a ×2, b c, c a, b a again from "b A" → b a ×3.
    let v = json(&run(
        dir.path(),
        &[
            "ngrams",
            "-n",
            "2",
            "--lowercase",
            "--min-count",
            "2",
            "--format",
            "json",
            ".",
        ],
    ));
    assert_eq!(top(&v), [("a b".into(), 4), ("b a".into(), 3)]);
    // Characters: "a b, a b. C a" has 13 chars, 11 trigrams; "b a b A B" (blank line → one
    // space) 9 chars, 7 trigrams.
    let v = json(&run(
        dir.path(),
        &[
            "ngrams", "-n", "3", "--chars", "--format", "json", "--top", "1", ".",
        ],
    ));
    assert_eq!(v["total"], 18);
    // "a b" twice in the first text, once in the second ("b a b A B").
    assert_eq!(top(&v), [("a b".into(), 3)]);
    // Text output: count, tab, n-gram; a closing line says the counts are exact.
    let out = ok(&run(dir.path(), &["ngrams", "-n", "1", "--top", "2", "."]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "4\ta");
    assert_eq!(lines[1], "4\tb");
    assert!(lines[2].contains("exact counts"));
}

#[test]
fn ngrams_over_budget_say_so_and_bound_the_error() {
    let dir = tempfile::tempdir().unwrap();
    // "x" 300 times and "y" 200 times among 3000 distinct words.
    let mut text = String::new();
    for i in 0..3000 {
        text.push_str(&format!("w{i} "));
        if i % 10 == 0 {
            text.push_str("x ");
        }
        if i % 15 == 0 {
            text.push_str("y ");
        }
    }
    write(dir.path(), "big.txt", &text);
    let v = json(&run(
        dir.path(),
        &[
            "ngrams", "-n", "1", "--memory", "20K", "--top", "2", "--format", "json", "big.txt",
        ],
    ));
    assert_eq!(v["exact"], false);
    assert_eq!(v["distinct"], Value::Null);
    assert_eq!(v["total"], 3500);
    let err = v["max_error"].as_u64().unwrap();
    assert!(err > 0);
    let top = v["top"].as_array().unwrap();
    assert_eq!(top[0]["ngram"], "x");
    assert_eq!(top[1]["ngram"], "y");
    let (x, y) = (
        top[0]["count"].as_u64().unwrap(),
        top[1]["count"].as_u64().unwrap(),
    );
    assert!(x <= 300 && 300 <= x + err);
    assert!(y <= 200 && 200 <= y + err);
    let out = ok(&run(
        dir.path(),
        &["ngrams", "-n", "1", "--memory", "20K", "big.txt"],
    ));
    assert!(out.contains("approximate counts"));
}

#[test]
fn library_merge_is_exact() {
    use coquille::stats::{Merge, Options, Stats};
    let dir = corpus();
    let sources = |p: &str| coquille::input::discover(&[dir.path().join(p)]).sources;
    let opts = Options::default();
    let engine = coquille::engine::Options::default();
    let collect = |p: &str| {
        Stats::collect(&sources(p), &engine, &opts, None, None, &mut |_| {}, None).unwrap()
    };
    let whole = collect(".");
    let mut parts = collect("d3");
    parts.merge(collect("d1")).unwrap();
    parts.merge(collect("d2")).unwrap();
    let a = serde_json::to_string(&whole.report(&opts)).unwrap();
    let b = serde_json::to_string(&parts.report(&opts)).unwrap();
    assert_eq!(a, b);
    // The trait: merging default values changes nothing.
    let mut m = coquille::stats::metric::IntHist::default();
    m.add(3);
    m.merge(Default::default());
    assert_eq!(m.count(), 1);
}
