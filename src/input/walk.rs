//! Discovery: turning the paths given on the command line into the list of sources to read.
//!
//! - Given paths keep their order. A given file is always taken, whatever its name (an unknown
//!   extension reads as plain text). `-` is standard input, spooled to a temporary file so that it
//!   can be read twice; its compression and format are sniffed from its content.
//! - A given folder is walked recursively; the files found under it are sorted by path bytes. Only
//!   files named `*.txt`, `*.md`, `*.markdown`, `*.jsonl` or `*.ndjson`, optionally followed by
//!   `.gz` or `.zst`, are taken; other files are skipped silently.
//! - Hidden entries (name starting with `.`) are skipped inside folders. Hidden folders are neither
//!   entered nor reported: they are mostly tool data (`.git`, `.cache`) and a notice per folder,
//!   let alone per file inside, would bury the report. A hidden file is reported by a notice only
//!   when its name would otherwise have been taken (a `.draft.txt`, not a `.DS_Store`), since those
//!   are the ones a user may expect to see linted.
//! - Symbolic links to files are followed; symbolic links to folders are not (a notice says so), so
//!   link loops cannot make the walk run forever.

use std::ffi::OsStr;
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::decompress::{self, reason};
use super::{Compression, Discovery, Format, Problem, Source};

/// How much of standard input (once decompressed) is looked at to tell JSONL from plain text.
const SNIFF_LEN: u64 = 64 * 1024;

/// A file found, before numbering.
struct Found {
    path: PathBuf,
    display: Arc<str>,
    format: Format,
    compression: Compression,
}

/// Finds the sources under `paths`, in order, and the problems met on the way.
pub fn discover(paths: &[PathBuf]) -> Discovery {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    let mut spool: Option<tempfile::NamedTempFile> = None;
    for path in paths {
        if path.as_os_str() == "-" {
            if spool.is_some() {
                problems.push(problem(
                    "-",
                    "standard input given more than once, read once".into(),
                    false,
                ));
                continue;
            }
            match spool_stdin() {
                Ok((file, format, compression)) => {
                    found.push(Found {
                        path: file.path().to_path_buf(),
                        display: Arc::from("-"),
                        format,
                        compression,
                    });
                    spool = Some(file);
                }
                Err(message) => problems.push(problem("-", message, true)),
            }
            continue;
        }
        let display = path.to_string_lossy();
        match fs::metadata(path) {
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                problems.push(problem(&display, reason(&err), true));
            }
            Err(err) => {
                let message = format!("cannot access: {}", reason(&err));
                problems.push(problem(&display, message, true));
            }
            Ok(meta) if meta.is_dir() => walk(path, &mut found, &mut problems),
            Ok(_) => {
                let name = path.file_name().unwrap_or(path.as_os_str());
                let (format, compression) = kind(name)
                    .unwrap_or_else(|| (Format::Plain, compression_of(&lowercase_name(name))));
                found.push(Found {
                    path: path.clone(),
                    display: Arc::from(display),
                    format,
                    compression,
                });
            }
        }
    }
    let sources = found
        .into_iter()
        .enumerate()
        .map(|(i, f)| Source {
            index: u32::try_from(i).unwrap_or(u32::MAX),
            path: f.path,
            display: f.display,
            format: f.format,
            compression: f.compression,
        })
        .collect();
    Discovery {
        sources,
        problems,
        spool,
    }
}

fn problem(path: &str, message: String, is_error: bool) -> Problem {
    Problem {
        path: Arc::from(path),
        record: None,
        message,
        is_error,
    }
}

/// Walks the folder `root`, adding the files taken under it, sorted by path bytes, to `found`.
fn walk(root: &Path, found: &mut Vec<Found>, problems: &mut Vec<Problem>) {
    let mut files = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let mut entries = Vec::new();
        let listing = fs::read_dir(&dir).and_then(|iter| {
            for entry in iter {
                entries.push(entry?);
            }
            Ok(())
        });
        if let Err(err) = listing {
            let message = format!("cannot read folder: {}", reason(&err));
            problems.push(problem(&dir.to_string_lossy(), message, true));
            // Whatever was listed before the error is still taken.
        }
        entries.sort_by(|a, b| {
            a.file_name()
                .as_encoded_bytes()
                .cmp(b.file_name().as_encoded_bytes())
        });
        let mut subdirs = Vec::new();
        for entry in entries {
            let name = entry.file_name();
            let path = entry.path();
            let hidden = name.as_encoded_bytes().starts_with(b".");
            let file_type = match entry.file_type() {
                Ok(t) => t,
                Err(err) => {
                    let message = format!("cannot access: {}", reason(&err));
                    problems.push(problem(&path.to_string_lossy(), message, true));
                    continue;
                }
            };
            if file_type.is_dir() {
                if !hidden {
                    subdirs.push(path);
                }
                continue;
            }
            let is_file = if file_type.is_symlink() {
                match fs::metadata(&path) {
                    Ok(meta) if meta.is_dir() => {
                        if !hidden {
                            let message = "symbolic link to a folder not followed".into();
                            problems.push(problem(&path.to_string_lossy(), message, false));
                        }
                        continue;
                    }
                    Ok(meta) => meta.is_file(),
                    Err(_) => {
                        if !hidden && kind(&name).is_some() {
                            let message = "broken symbolic link skipped".into();
                            problems.push(problem(&path.to_string_lossy(), message, false));
                        }
                        continue;
                    }
                }
            } else {
                file_type.is_file()
            };
            // Sockets, pipes and devices are never taken from a folder.
            if !is_file {
                continue;
            }
            let Some((format, compression)) = kind(&name) else {
                continue;
            };
            if hidden {
                let message = "hidden file skipped".into();
                problems.push(problem(&path.to_string_lossy(), message, false));
                continue;
            }
            files.push(Found {
                display: Arc::from(shown(&path)),
                path,
                format,
                compression,
            });
        }
        // Depth first, in name order (the order of problems); files are sorted below anyway.
        pending.extend(subdirs.into_iter().rev());
    }
    files.sort_by(|a, b| {
        a.path
            .as_os_str()
            .as_encoded_bytes()
            .cmp(b.path.as_os_str().as_encoded_bytes())
    });
    found.extend(files);
}

fn lowercase_name(name: &OsStr) -> String {
    name.to_string_lossy().to_ascii_lowercase()
}

/// The compression given by a (lowercased) file name's last extension.
fn compression_of(name: &str) -> Compression {
    if name.ends_with(".gz") {
        Compression::Gzip
    } else if name.ends_with(".zst") {
        Compression::Zstd
    } else {
        Compression::None
    }
}

/// The format and compression of a file name taken from folders, or `None` for other names.
fn kind(name: &OsStr) -> Option<(Format, Compression)> {
    let name = lowercase_name(name);
    let compression = compression_of(&name);
    let stem = match compression {
        Compression::Gzip => &name[..name.len() - ".gz".len()],
        Compression::Zstd => &name[..name.len() - ".zst".len()],
        Compression::None => &name[..],
    };
    let (_, ext) = stem.rsplit_once('.')?;
    let format = match ext {
        "txt" => Format::Plain,
        "md" | "markdown" => Format::Markdown,
        "jsonl" | "ndjson" => Format::Jsonl,
        _ => return None,
    };
    Some((format, compression))
}

/// Copies standard input to a temporary file and sniffs its format and compression.
fn spool_stdin() -> Result<(tempfile::NamedTempFile, Format, Compression), String> {
    let mut file = tempfile::NamedTempFile::new().map_err(|err| {
        format!(
            "cannot create a temporary file for standard input: {}",
            reason(&err)
        )
    })?;
    io::copy(&mut io::stdin().lock(), file.as_file_mut())
        .map_err(|err| format!("cannot read standard input: {}", reason(&err)))?;
    let (format, compression) = sniff(file.path())
        .map_err(|err| format!("cannot read standard input: {}", reason(&err)))?;
    Ok((file, format, compression))
}

/// Tells the compression of a file by its magic bytes, then its format by its (decompressed)
/// beginning: JSONL when the first non-blank line starts with `{`, else plain text.
fn sniff(path: &Path) -> io::Result<(Format, Compression)> {
    let mut magic = Vec::with_capacity(4);
    File::open(path)?.take(4).read_to_end(&mut magic)?;
    let compression = if magic.starts_with(&[0x1f, 0x8b]) {
        Compression::Gzip
    } else if magic.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Compression::Zstd
    } else {
        Compression::None
    };
    let mut head = Vec::new();
    if let Ok(reader) = decompress::open_reader(File::open(path)?, compression) {
        // A decoding error here is reported when the source is read; sniff what came through.
        let _ = reader.take(SNIFF_LEN).read_to_end(&mut head);
    }
    let head = head.strip_prefix(super::plain::BOM).unwrap_or(&head);
    let format = match head.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => Format::Jsonl,
        _ => Format::Plain,
    };
    Ok((format, compression))
}

/// The path as shown in reports: without a leading `./`, which walking `.` adds to every entry.
fn shown(path: &Path) -> String {
    let s = path.to_string_lossy();
    match s.strip_prefix("./") {
        Some(rest) if !rest.is_empty() => rest.trim_start_matches('/').to_string(),
        _ => s.into_owned(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn kinds() {
        let k = |s: &str| kind(OsStr::new(s));
        assert_eq!(k("a.txt"), Some((Format::Plain, Compression::None)));
        assert_eq!(k("a.MD"), Some((Format::Markdown, Compression::None)));
        assert_eq!(
            k("a.markdown.zst"),
            Some((Format::Markdown, Compression::Zstd))
        );
        assert_eq!(k("a.b.jsonl.gz"), Some((Format::Jsonl, Compression::Gzip)));
        assert_eq!(k("a.ndjson"), Some((Format::Jsonl, Compression::None)));
        assert_eq!(k("a.gz"), None);
        assert_eq!(k("txt"), None);
        assert_eq!(k("a.json"), None);
    }

    fn sniffed(content: &[u8], compression: Compression) -> (Format, Compression) {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        match compression {
            Compression::None => file.write_all(content).unwrap(),
            Compression::Gzip => {
                let mut enc = flate2::write::GzEncoder::new(
                    file.as_file_mut(),
                    flate2::Compression::default(),
                );
                enc.write_all(content).unwrap();
                enc.finish().unwrap();
            }
            Compression::Zstd => {
                let data = zstd::encode_all(content, 3).unwrap();
                file.write_all(&data).unwrap();
            }
        }
        sniff(file.path()).unwrap()
    }

    #[test]
    fn sniffs_standard_input() {
        let jsonl = b"\n  \n {\"text\": \"a\"}\n";
        let plain = b"Le chat {dort}.\n";
        for c in [Compression::None, Compression::Gzip, Compression::Zstd] {
            assert_eq!(sniffed(jsonl, c), (Format::Jsonl, c));
            assert_eq!(sniffed(plain, c), (Format::Plain, c));
        }
        assert_eq!(
            sniffed(b"", Compression::None),
            (Format::Plain, Compression::None)
        );
        assert_eq!(
            sniffed(b"\xEF\xBB\xBF{}", Compression::None),
            (Format::Jsonl, Compression::None)
        );
    }
}
