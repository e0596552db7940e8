//! Discovery and reading of inputs, through the public API.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use coquille::input::{
    Compression, Discovery, Event, Format, InputOptions, Problem, Source, discover, read_source,
};
use coquille::lang::Lang;
use coquille::{Document, Span};

fn write(path: &Path, content: impl AsRef<[u8]>) {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).unwrap();
    }
    fs::write(path, content).unwrap();
}

fn gzip(content: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(content).unwrap();
    enc.finish().unwrap()
}

fn zstd(content: &[u8]) -> Vec<u8> {
    zstd::encode_all(content, 3).unwrap()
}

fn read(source: &Source) -> (Vec<Document>, Vec<Problem>) {
    read_with(source, &InputOptions::default())
}

fn read_with(source: &Source, opts: &InputOptions) -> (Vec<Document>, Vec<Problem>) {
    let mut docs = Vec::new();
    let mut problems = Vec::new();
    read_source(source, opts, &mut |event| match event {
        Event::Doc(d) => docs.push(d),
        Event::Problem(p) => problems.push(p),
    });
    (docs, problems)
}

/// Discovers a single given file and returns its source.
fn single(path: &Path) -> (Discovery, Source) {
    let discovery = discover(&[path.to_path_buf()]);
    assert!(discovery.problems.is_empty(), "{:?}", discovery.problems);
    assert_eq!(discovery.sources.len(), 1);
    let source = discovery.sources[0].clone();
    (discovery, source)
}

/// Reads a single given file.
fn read_file(path: &Path) -> (Vec<Document>, Vec<Problem>) {
    let (_discovery, source) = single(path);
    read(&source)
}

fn displays(d: &Discovery) -> Vec<String> {
    d.sources.iter().map(|s| s.display.to_string()).collect()
}

#[test]
fn walk_order_and_skipping() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    write(&root.join("b.txt"), "b");
    write(&root.join("a.txt"), "a");
    write(&root.join("a/z.md"), "z");
    write(&root.join("a/y.jsonl.gz"), gzip(b"{\"text\": \"y\"}\n"));
    write(&root.join("c.ndjson.zst"), zstd(b"{\"text\": \"c\"}\n"));
    write(&root.join("d.markdown"), "d");
    write(&root.join("notes.doc"), "skipped silently");
    write(&root.join("data.json"), "{}");
    write(&root.join(".hidden.txt"), "hidden");
    write(&root.join(".DS_Store"), "junk");
    write(&root.join(".git/HEAD.txt"), "inside a hidden folder");
    write(&root.join("sub/.secret/x.txt"), "inside a hidden folder");
    write(&root.join("sub/deep/e.TXT"), "e");

    let d = discover(std::slice::from_ref(&root));
    let rel: Vec<String> = d
        .sources
        .iter()
        .map(|s| {
            s.path
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    // Sorted by path bytes: `a.txt` ('.' is 0x2E) comes before `a/…` ('/' is 0x2F).
    assert_eq!(
        rel,
        [
            "a.txt",
            "a/y.jsonl.gz",
            "a/z.md",
            "b.txt",
            "c.ndjson.zst",
            "d.markdown",
            "sub/deep/e.TXT"
        ]
    );
    for (i, s) in d.sources.iter().enumerate() {
        assert_eq!(s.index as usize, i);
        assert_eq!(&*s.display, s.path.to_string_lossy());
    }
    let kinds: Vec<(Format, Compression)> = d
        .sources
        .iter()
        .map(|s| (s.format, s.compression))
        .collect();
    assert_eq!(
        kinds,
        [
            (Format::Plain, Compression::None),
            (Format::Jsonl, Compression::Gzip),
            (Format::Markdown, Compression::None),
            (Format::Plain, Compression::None),
            (Format::Jsonl, Compression::Zstd),
            (Format::Markdown, Compression::None),
            (Format::Plain, Compression::None),
        ]
    );
    // One notice, for the hidden file that would have been taken; none for hidden folders.
    assert_eq!(d.problems.len(), 1, "{:?}", d.problems);
    let p = &d.problems[0];
    assert!(!p.is_error);
    assert_eq!(p.message, "hidden file skipped");
    assert!(p.path.ends_with(".hidden.txt"));
    assert!(d.spool.is_none());
}

#[test]
fn given_paths_keep_their_order() {
    let dir = tempfile::tempdir().unwrap();
    let z = dir.path().join("z.txt");
    let folder = dir.path().join("folder");
    let explicit = dir.path().join("notes.weird");
    let hidden = dir.path().join(".explicit.txt");
    write(&z, "z");
    write(&folder.join("b.txt"), "b");
    write(&folder.join("a.txt"), "a");
    write(&explicit, "any name is taken when given");
    write(&hidden, "hidden files given explicitly are taken");
    let missing = dir.path().join("missing.txt");

    let d = discover(&[
        z.clone(),
        missing.clone(),
        folder.clone(),
        explicit.clone(),
        hidden.clone(),
    ]);
    assert_eq!(
        displays(&d),
        [
            z.display().to_string(),
            folder.join("a.txt").display().to_string(),
            folder.join("b.txt").display().to_string(),
            explicit.display().to_string(),
            hidden.display().to_string(),
        ]
    );
    assert_eq!(d.sources[3].format, Format::Plain);
    assert_eq!(
        d.problems,
        [Problem {
            path: missing.to_string_lossy().into(),
            record: None,
            message: "no such file or directory".into(),
            is_error: true,
        }]
    );
}

#[test]
fn explicit_compressed_file_with_unknown_extension() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dump.gz");
    write(&path, gzip(b"plain text"));
    let (_d, source) = single(&path);
    assert_eq!(source.format, Format::Plain);
    assert_eq!(source.compression, Compression::Gzip);
    let (docs, problems) = read(&source);
    assert!(problems.is_empty());
    assert_eq!(docs[0].text, "plain text");
}

#[cfg(unix)]
#[test]
fn symlink_loops_do_not_hang() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    write(&root.join("sub/a.txt"), "a");
    std::os::unix::fs::symlink(&root, root.join("sub/loop")).unwrap();
    std::os::unix::fs::symlink(root.join("sub/a.txt"), root.join("link.txt")).unwrap();
    std::os::unix::fs::symlink(root.join("nowhere.txt"), root.join("broken.txt")).unwrap();
    let d = discover(std::slice::from_ref(&root));
    assert_eq!(
        displays(&d),
        [
            root.join("link.txt").display().to_string(),
            root.join("sub/a.txt").display().to_string()
        ]
    );
    let messages: Vec<&str> = d.problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "broken symbolic link skipped",
            "symbolic link to a folder not followed"
        ]
    );
    assert!(d.problems.iter().all(|p| !p.is_error));
}

#[test]
fn plain_and_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("a.txt");
    write(&txt, "Le chat dort.\nLe chien aussi.\n");
    let (docs, problems) = read_file(&txt);
    assert!(problems.is_empty());
    assert_eq!(docs.len(), 1);
    let doc = &docs[0];
    assert_eq!(doc.text, "Le chat dort.\nLe chien aussi.\n");
    assert_eq!(doc.key.input, 0);
    assert_eq!(doc.key.record, None);
    assert_eq!(&*doc.path, txt.to_string_lossy());
    assert!(doc.id.is_none() && doc.lang.is_none() && doc.meta.is_empty());
    assert!(doc.replaced.is_empty());

    let md = dir.path().join("b.md");
    write(&md, "# Titre\n\nTexte.\n");
    let (_d, source) = single(&md);
    assert_eq!(source.format, Format::Markdown);
    let opts = InputOptions {
        lang: Some(Lang::FR),
        ..InputOptions::default()
    };
    let (docs, problems) = read_with(&source, &opts);
    assert!(problems.is_empty());
    assert_eq!(docs[0].text, "# Titre\n\nTexte.\n");
    assert_eq!(docs[0].lang, Some(Lang::FR));
}

#[test]
fn compressed_plain() {
    let dir = tempfile::tempdir().unwrap();
    let gz = dir.path().join("a.txt.gz");
    // Two concatenated gzip members read as one stream.
    let mut data = gzip("première partie, ".as_bytes());
    data.extend(gzip("seconde partie".as_bytes()));
    write(&gz, data);
    let (docs, problems) = read_file(&gz);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(docs[0].text, "première partie, seconde partie");

    let zst = dir.path().join("a.md.zst");
    write(&zst, zstd("du texte".as_bytes()));
    let (docs, problems) = read_file(&zst);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(docs[0].text, "du texte");
}

const JSONL: &str = concat!(
    r#"{"id": "a1", "text": "Premier.", "lang": "fr", "vendor": "acme", "score": 0.5}"#,
    "\n",
    "\n",
    "   \r\n",
    r#"{"text": "Second.", "id": 42, "lang": "en-GB", "tags": ["x", {"y": null}]}"#,
    "\r\n",
    r#"{"text": "Third, no newline at the end."}"#,
);

fn check_jsonl(docs: &[Document], problems: &[Problem], display: &str) {
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(docs.len(), 3);
    let records: Vec<Option<u32>> = docs.iter().map(|d| d.key.record).collect();
    assert_eq!(records, [Some(1), Some(4), Some(5)]);
    assert!(docs.iter().all(|d| &*d.path == display));

    assert_eq!(docs[0].text, "Premier.");
    assert_eq!(docs[0].id.as_deref(), Some("a1"));
    assert_eq!(docs[0].lang, Some(Lang::FR));
    assert_eq!(docs[0].meta_str("vendor").as_deref(), Some("acme"));
    assert_eq!(docs[0].meta["score"], serde_json::json!(0.5));
    assert_eq!(docs[0].meta.len(), 2);

    assert_eq!(docs[1].text, "Second.");
    assert_eq!(docs[1].id.as_deref(), Some("42"));
    assert_eq!(docs[1].lang, Some(Lang::EN));
    assert_eq!(docs[1].meta["tags"], serde_json::json!(["x", {"y": null}]));

    assert_eq!(docs[2].text, "Third, no newline at the end.");
    assert!(docs[2].id.is_none() && docs[2].lang.is_none() && docs[2].meta.is_empty());
}

#[test]
fn jsonl_plain_gz_zst() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        (dir.path().join("a.jsonl"), JSONL.as_bytes().to_vec()),
        (dir.path().join("b.jsonl.gz"), gzip(JSONL.as_bytes())),
        (dir.path().join("c.jsonl.zst"), zstd(JSONL.as_bytes())),
        (dir.path().join("d.ndjson"), JSONL.as_bytes().to_vec()),
    ];
    for (path, data) in &files {
        write(path, data);
    }
    let d = discover(&[dir.path().to_path_buf()]);
    assert_eq!(d.sources.len(), 4);
    for source in &d.sources {
        assert_eq!(source.format, Format::Jsonl);
        let (docs, problems) = read(source);
        check_jsonl(&docs, &problems, &source.display);
        assert!(docs.iter().all(|doc| doc.key.input == source.index));
    }
}

#[test]
fn jsonl_options() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.jsonl");
    write(
        &path,
        r#"{"body": "Texte.", "doc": 7, "language": "de", "text": "kept as metadata", "lang": "xx"}"#,
    );
    let opts = InputOptions {
        text_field: "body".into(),
        id_field: "doc".into(),
        lang_field: "language".into(),
        lang: None,
    };
    let (_d, source) = single(&path);
    let (docs, problems) = read_with(&source, &opts);
    assert!(problems.is_empty());
    assert_eq!(docs[0].text, "Texte.");
    assert_eq!(docs[0].id.as_deref(), Some("7"));
    assert_eq!(docs[0].lang, Some(Lang::DE));
    assert_eq!(
        docs[0].meta_str("text").as_deref(),
        Some("kept as metadata")
    );
    assert_eq!(docs[0].meta_str("lang").as_deref(), Some("xx"));

    // `--lang` overrides the record's language.
    let forced = InputOptions {
        lang: Some(Lang::IT),
        ..opts
    };
    let (docs, _) = read_with(&source, &forced);
    assert_eq!(docs[0].lang, Some(Lang::IT));
}

#[test]
fn jsonl_bad_records_do_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.jsonl");
    write(
        &path,
        concat!(
            "{\"text\": \"one\"}\n",
            "{\"text\": \"two\"\n",
            "{\"id\": 3}\n",
            "{\"text\": 4}\n",
            "{\"text\": null}\n",
            "[\"text\"]\n",
            "{\"text\": \"seven\"} trailing\n",
            "{\"text\": \"eight\"}\n",
        ),
    );
    let (docs, problems) = read_file(&path);
    let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
    assert_eq!(texts, ["one", "eight"]);
    assert_eq!(docs[1].key.record, Some(8));

    let display = path.to_string_lossy();
    assert!(
        problems
            .iter()
            .all(|p| p.is_error && *p.path == *display && p.record.is_some())
    );
    let summary: Vec<(u32, &str)> = problems
        .iter()
        .map(|p| (p.record.unwrap(), p.message.as_str()))
        .collect();
    assert_eq!(summary.len(), 6, "{summary:?}");
    assert_eq!(summary[0].0, 2);
    assert!(
        summary[0]
            .1
            .starts_with("invalid JSON: EOF while parsing an object"),
        "{}",
        summary[0].1
    );
    assert_eq!(summary[1], (3, "record has no string field `text`"));
    assert_eq!(summary[2], (4, "record has no string field `text`"));
    assert_eq!(summary[3], (5, "record has no string field `text`"));
    assert_eq!(summary[4], (6, "record is not a JSON object"));
    assert_eq!(summary[5].0, 7);
    assert!(
        summary[5]
            .1
            .starts_with("invalid JSON: trailing characters")
    );
    // The display form names the path and the record.
    assert_eq!(
        problems[1].to_string(),
        format!("{display}:3: record has no string field `text`")
    );
    for p in &problems {
        assert!(p.message.starts_with(|c: char| c.is_lowercase()));
        assert!(!p.message.ends_with('.'));
    }
}

#[test]
fn invalid_utf8_plain() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.txt");
    // "Café au lait, très bon" in Latin-1, with a truncated UTF-8 sequence at the end.
    write(&path, b"Caf\xE9 au lait, tr\xE8s bon \xE2\x82");
    let (docs, problems) = read_file(&path);
    assert!(problems.is_empty());
    let doc = &docs[0];
    assert_eq!(doc.text, "Caf\u{FFFD} au lait, tr\u{FFFD}s bon \u{FFFD}");
    assert_eq!(
        doc.replaced,
        [Span::new(3, 6), Span::new(18, 21), Span::new(27, 30)]
    );
    for span in &doc.replaced {
        assert_eq!(span.text(&doc.text), "\u{FFFD}");
    }
}

#[test]
fn invalid_utf8_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.jsonl");
    write(
        &path,
        b"{\"vendor\": \"caf\xE9\", \"text\": \"\\u00e9t\xE9 \\\"chaud\\\" \xFF\"}\n",
    );
    let (docs, problems) = read_file(&path);
    assert!(problems.is_empty(), "{problems:?}");
    let doc = &docs[0];
    assert_eq!(doc.text, "\u{e9}t\u{FFFD} \"chaud\" \u{FFFD}");
    // Spans are in the text field's value, after unescaping.
    assert_eq!(doc.replaced, [Span::new(3, 6), Span::new(15, 18)]);
    for span in &doc.replaced {
        assert_eq!(span.text(&doc.text), "\u{FFFD}");
    }
    assert_eq!(doc.meta_str("vendor").as_deref(), Some("caf\u{FFFD}"));
}

#[test]
fn empty_files() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("empty.txt");
    write(&txt, "");
    let (docs, problems) = read_file(&txt);
    assert!(problems.is_empty());
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].text, "");

    let gz = dir.path().join("empty.txt.gz");
    write(&gz, gzip(b""));
    let (docs, problems) = read_file(&gz);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(docs[0].text, "");

    let jsonl = dir.path().join("empty.jsonl");
    write(&jsonl, "");
    let (docs, problems) = read_file(&jsonl);
    assert!(docs.is_empty() && problems.is_empty());
}

#[test]
fn bom_is_stripped() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("bom.txt");
    write(&txt, "\u{FEFF}Texte.");
    let (docs, _) = read_file(&txt);
    assert_eq!(docs[0].text, "Texte.");

    let jsonl = dir.path().join("bom.jsonl");
    write(
        &jsonl,
        "\u{FEFF}{\"text\": \"Un.\"}\n{\"text\": \"Deux.\"}\n",
    );
    let (docs, problems) = read_file(&jsonl);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].text, "Un.");
}

const BIG: usize = 50 * 1024 * 1024;

#[test]
fn fifty_megabyte_plain_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.txt");
    let text = "abcdéfghi ".repeat(BIG / 11);
    write(&path, &text);
    let (docs, problems) = read_file(&path);
    assert!(problems.is_empty());
    assert_eq!(docs[0].text.len(), text.len());
    assert!(docs[0].text == text);
}

#[test]
fn fifty_megabyte_jsonl_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.jsonl.gz");
    let text = "abc \\\"déf\\\" ".repeat(BIG / 14);
    let mut content = format!("{{\"text\": \"{text}\", \"id\": 1}}\n");
    content.push_str("{\"text\": \"after\", \"id\": 2}\n");
    write(&path, gzip(content.as_bytes()));
    let (docs, problems) = read_file(&path);
    assert!(problems.is_empty());
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].text, text.replace("\\\"", "\""));
    assert_eq!(docs[1].text, "after");
    assert_eq!(docs[1].key.record, Some(2));
}

#[test]
fn binary_file_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("image.txt");
    write(&path, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let (docs, problems) = read_file(&path);
    assert!(docs.is_empty());
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].message, "binary file skipped");
    assert!(!problems[0].is_error);
    assert_eq!(*problems[0].path, *path.to_string_lossy());
}

#[test]
fn missing_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nope");
    let d = discover(std::slice::from_ref(&path));
    assert!(d.sources.is_empty());
    assert_eq!(d.problems.len(), 1);
    assert_eq!(d.problems[0].message, "no such file or directory");
    assert!(d.problems[0].is_error);

    // A source whose file disappeared after discovery.
    let gone = dir.path().join("gone.txt");
    write(&gone, "x");
    let (_d, source) = single(&gone);
    fs::remove_file(&gone).unwrap();
    let (docs, problems) = read(&source);
    assert!(docs.is_empty());
    assert_eq!(
        problems[0].message,
        "cannot open: no such file or directory"
    );
    assert!(problems[0].is_error);
}

#[cfg(unix)]
#[test]
fn unreadable_file_and_folder() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("secret.txt");
    write(&file, "secret");
    fs::set_permissions(&file, fs::Permissions::from_mode(0o000)).unwrap();
    let folder = dir.path().join("locked");
    write(&folder.join("a.txt"), "a");
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o000)).unwrap();
    // Permissions are not enforced for root: only check what can be checked.
    let enforced = fs::read(&file).is_err();

    let (_d, source) = single(&file);
    let (docs, problems) = read(&source);
    if enforced {
        assert!(docs.is_empty());
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].message, "cannot open: permission denied");
        assert!(problems[0].is_error);
    } else {
        assert_eq!(docs[0].text, "secret");
    }

    let d = discover(std::slice::from_ref(&folder));
    if enforced {
        assert!(d.sources.is_empty());
        assert_eq!(d.problems.len(), 1);
        assert_eq!(
            d.problems[0].message,
            "cannot read folder: permission denied"
        );
        assert!(d.problems[0].is_error);
    } else {
        assert_eq!(d.sources.len(), 1);
    }
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn truncated_gzip() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = String::new();
    for i in 0..20_000 {
        lines.push_str(&format!(
            "{{\"id\": {i}, \"text\": \"Ligne {i} du corpus, assez variée {}.\"}}\n",
            i * 7919 % 10007
        ));
    }
    let data = gzip(lines.as_bytes());
    let cut = &data[..data.len() / 2];

    let jsonl = dir.path().join("cut.jsonl.gz");
    write(&jsonl, cut);
    let (docs, problems) = read_file(&jsonl);
    assert!(!docs.is_empty() && docs.len() < 20_000, "{}", docs.len());
    for (i, doc) in docs.iter().enumerate() {
        assert_eq!(doc.id, Some(i.to_string()));
    }
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].is_error);
    assert_eq!(problems[0].record, None);
    assert!(
        problems[0]
            .message
            .starts_with("corrupt or truncated gzip data: "),
        "{}",
        problems[0].message
    );

    let txt = dir.path().join("cut.txt.gz");
    write(&txt, cut);
    let (docs, problems) = read_file(&txt);
    assert!(docs.is_empty());
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0]
            .message
            .starts_with("corrupt or truncated gzip data: ")
    );

    // Cut inside the trailer (after the deflate stream ends).
    let txt = dir.path().join("trailer.txt.gz");
    write(&txt, &data[..data.len() - 4]);
    let (docs, problems) = read_file(&txt);
    assert!(docs.is_empty());
    assert_eq!(problems.len(), 1, "{problems:?}");
}

#[test]
fn truncated_zstd() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Une phrase qui se répète. ".repeat(10_000);
    let data = zstd(text.as_bytes());
    let path = dir.path().join("cut.txt.zst");
    write(&path, &data[..data.len() / 2]);
    let (docs, problems) = read_file(&path);
    assert!(docs.is_empty());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0]
            .message
            .starts_with("corrupt or truncated zstd data: "),
        "{}",
        problems[0].message
    );
}

#[test]
fn not_gzip_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fake.jsonl.gz");
    write(&path, "{\"text\": \"not compressed\"}\n");
    let (docs, problems) = read_file(&path);
    assert!(docs.is_empty());
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0]
            .message
            .starts_with("corrupt or truncated gzip data: ")
    );
}

fn summary(events: &[Event]) -> Vec<String> {
    events.iter().map(|e| format!("{e:?}")).collect()
}

#[test]
fn reading_twice_yields_the_same_events() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("a.jsonl.gz");
    write(
        &jsonl,
        gzip(format!("{JSONL}\n{{\"text\": 1}}\nnot json\n").as_bytes()),
    );
    let txt = dir.path().join("b.txt");
    write(&txt, b"caf\xE9");
    let d = discover(&[dir.path().to_path_buf()]);
    assert_eq!(d.sources.len(), 2);
    let opts = InputOptions::default();
    for source in &d.sources {
        let mut first = Vec::new();
        read_source(source, &opts, &mut |e| first.push(e));
        let mut second = Vec::new();
        read_source(source, &opts, &mut |e| second.push(e));
        assert!(!first.is_empty());
        assert_eq!(summary(&first), summary(&second));
    }
}

#[test]
fn metadata_is_preserved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("meta.jsonl");
    write(
        &path,
        r#"{"text": "T.", "vendor": "deepl", "year": 2024, "ok": true, "none": null, "nested": {"a": [1, 2]}, "id": {"odd": 1}}"#,
    );
    let (docs, problems) = read_file(&path);
    assert!(problems.is_empty());
    let doc = &docs[0];
    assert_eq!(doc.meta_str("vendor").as_deref(), Some("deepl"));
    assert_eq!(doc.meta_str("year").as_deref(), Some("2024"));
    assert_eq!(doc.meta_str("ok").as_deref(), Some("true"));
    assert_eq!(doc.meta["none"], serde_json::Value::Null);
    assert_eq!(doc.meta["nested"], serde_json::json!({"a": [1, 2]}));
    // An id that is neither a string nor a number is kept as metadata.
    assert!(doc.id.is_none());
    assert_eq!(doc.meta["id"], serde_json::json!({"odd": 1}));
    let names: Vec<&str> = doc.meta.keys().map(String::as_str).collect();
    assert_eq!(names, ["id", "nested", "none", "ok", "vendor", "year"]);
}

#[test]
fn folder_given_as_a_file_source_is_an_error() {
    // A source pointing at a folder (e.g. replaced after discovery) is reported, not read.
    let dir = tempfile::tempdir().unwrap();
    let source = Source {
        index: 0,
        path: PathBuf::from(dir.path()),
        display: "x".into(),
        format: Format::Plain,
        compression: Compression::None,
    };
    let (docs, problems) = read(&source);
    assert!(docs.is_empty());
    assert_eq!(problems[0].message, "cannot open: is a directory");
}
