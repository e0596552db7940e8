//! The index file format (version 3). Little-endian, deterministic (tables sorted by key, no
//! timestamps or paths), checked on read:
//!
//! ```text
//! magic     8 bytes  "COQIDX\0\0"
//! version   u32      FORMAT_VERSION
//! manifest  u32 length + JSON {"format":1,"tokenizer":N,"documents":N,"languages":{...}}
//! body      varint-encoded sections: languages (totals, sorted vocabulary, sorted name forms,
//!           sorted collocation pairs), lines, sentences, last-line shapes, each sorted by key
//! checksum  u64      xxh3-64 of everything before it
//! ```
//!
//! The manifest is informational (for `index show` and humans); the body is authoritative.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use hashbrown::HashMap;

use super::{Index, LangStats, NameStats, WordStats};
use crate::error::Error;
use crate::lang::Lang;

pub const MAGIC: &[u8; 8] = b"COQIDX\0\0";
/// Bumped whenever the layout changes.
pub const FORMAT_VERSION: u32 = 3;
/// Bumped whenever tokenization or normalisation changes what the counts mean.
pub const TOKENIZER_VERSION: u32 = 1;

/// Serialises an index to bytes.
pub fn to_bytes(index: &Index) -> Vec<u8> {
    let mut out = Vec::with_capacity(1 << 16);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    let manifest = manifest(index).to_string();
    out.extend_from_slice(&(manifest.len() as u32).to_le_bytes());
    out.extend_from_slice(manifest.as_bytes());

    put(&mut out, index.documents);
    put(&mut out, index.langs.len() as u64);
    for (lang, s) in &index.langs {
        put_str(&mut out, lang.as_str());
        put(&mut out, s.documents);
        put(&mut out, s.words);
        put(&mut out, s.bytes);
        let mut vocab: Vec<(&str, &WordStats)> = s.vocab.iter().map(|(k, v)| (&**k, v)).collect();
        vocab.sort_unstable_by(|a, b| a.0.cmp(b.0));
        put(&mut out, vocab.len() as u64);
        for (k, v) in vocab {
            put_str(&mut out, k);
            put(&mut out, v.count);
            put(&mut out, v.df);
            put(&mut out, v.capitalized);
            put(&mut out, v.upper);
        }
        let mut names: Vec<(&str, &NameStats)> = s.names.iter().map(|(k, v)| (&**k, v)).collect();
        names.sort_unstable_by(|a, b| a.0.cmp(b.0));
        put(&mut out, names.len() as u64);
        for (k, v) in names {
            put_str(&mut out, k);
            put(&mut out, v.mentions);
            put(&mut out, v.df);
        }
        let mut pairs: Vec<(&str, u64)> = s.colloc.iter().map(|(k, v)| (&**k, *v)).collect();
        pairs.sort_unstable();
        put(&mut out, pairs.len() as u64);
        for (k, v) in pairs {
            put_str(&mut out, k);
            put(&mut out, v);
        }
    }
    for table in [&index.lines, &index.sentences] {
        let mut rows: Vec<(u64, u64)> = table.iter().map(|(k, v)| (*k, *v)).collect();
        rows.sort_unstable();
        put(&mut out, rows.len() as u64);
        for (k, v) in rows {
            out.extend_from_slice(&k.to_le_bytes());
            put(&mut out, v);
        }
    }
    let mut shapes: Vec<(&str, u64)> = index
        .last_line_shapes
        .iter()
        .map(|(k, v)| (&**k, *v))
        .collect();
    shapes.sort_unstable();
    put(&mut out, shapes.len() as u64);
    for (k, v) in shapes {
        put_str(&mut out, k);
        put(&mut out, v);
    }
    let sum = xxhash_rust::xxh3::xxh3_64(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}

fn manifest(index: &Index) -> serde_json::Value {
    let langs: BTreeMap<&str, serde_json::Value> = index
        .langs
        .iter()
        .map(|(l, s)| {
            (
                l.as_str(),
                serde_json::json!({"documents": s.documents, "words": s.words, "bytes": s.bytes, "types": s.vocab.len(), "names": s.names.len(), "collocations": s.colloc.len()}),
            )
        })
        .collect();
    serde_json::json!({
        "format": FORMAT_VERSION,
        "tokenizer": TOKENIZER_VERSION,
        "documents": index.documents,
        "languages": langs,
        "lines": index.lines.len(),
        "sentences": index.sentences.len(),
        "last_line_shapes": index.last_line_shapes.len(),
    })
}

/// Reads the manifest of an index file's bytes (for `index show`).
pub fn manifest_of(bytes: &[u8]) -> Result<serde_json::Value, String> {
    let mut r = Reader::new(bytes)?;
    let len = r.u32()? as usize;
    let m = r.take(len)?;
    serde_json::from_slice(m).map_err(|e| format!("corrupt index manifest: {e}"))
}

/// Parses an index from bytes, checking magic, version and checksum.
pub fn from_bytes(bytes: &[u8]) -> Result<Index, String> {
    let mut r = Reader::new(bytes)?;
    let len = r.u32()? as usize;
    let manifest: serde_json::Value =
        serde_json::from_slice(r.take(len)?).map_err(|e| format!("corrupt index manifest: {e}"))?;
    if manifest.get("tokenizer").and_then(|v| v.as_u64()) != Some(u64::from(TOKENIZER_VERSION)) {
        return Err(format!(
            "index built by another tokenizer version ({}), this build uses {TOKENIZER_VERSION}: rebuild it",
            manifest
                .get("tokenizer")
                .map_or("?".into(), |v| v.to_string())
        ));
    }
    let mut index = Index {
        documents: r.var()?,
        ..Index::default()
    };
    let nlang = r.var()?;
    for _ in 0..nlang {
        let code = r.str()?;
        let lang = Lang::parse(code)
            .ok_or_else(|| format!("corrupt index: bad language code {code:?}"))?;
        let mut s = LangStats {
            documents: r.var()?,
            words: r.var()?,
            bytes: r.var()?,
            vocab: HashMap::new(),
            names: HashMap::new(),
            colloc: HashMap::new(),
        };
        let n = r.count()?;
        s.vocab.reserve(n);
        for _ in 0..n {
            let k = r.str()?;
            let v = WordStats {
                count: r.var()?,
                df: r.var()?,
                capitalized: r.var()?,
                upper: r.var()?,
            };
            s.vocab.insert(Box::from(k), v);
        }
        let n = r.count()?;
        s.names.reserve(n);
        for _ in 0..n {
            let k = r.str()?;
            let v = NameStats {
                mentions: r.var()?,
                df: r.var()?,
            };
            s.names.insert(Box::from(k), v);
        }
        let n = r.count()?;
        s.colloc.reserve(n);
        for _ in 0..n {
            let k = r.str()?;
            s.colloc.insert(Box::from(k), r.var()?);
        }
        index.langs.insert(lang, s);
    }
    for table in [&mut index.lines, &mut index.sentences] {
        let n = r.count()?;
        table.reserve(n);
        for _ in 0..n {
            let k = r.u64()?;
            table.insert(k, r.var()?);
        }
    }
    let n = r.count()?;
    for _ in 0..n {
        let k = r.str()?;
        index.last_line_shapes.insert(Box::from(k), r.var()?);
    }
    if r.pos != r.body_end {
        return Err("corrupt index: trailing bytes".into());
    }
    Ok(index)
}

/// Writes an index to `path`.
pub fn write_file(index: &Index, path: &Path) -> Result<(), Error> {
    let bytes = to_bytes(index);
    let io = |source| Error::Io {
        context: format!("cannot write index {}", path.display()),
        source,
    };
    let mut f = std::fs::File::create(path).map_err(io)?;
    f.write_all(&bytes).map_err(io)?;
    f.flush().map_err(io)
}

/// Reads an index from `path`.
pub fn read_file(path: &Path) -> Result<Index, Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        context: format!("cannot read index {}", path.display()),
        source,
    })?;
    from_bytes(&bytes).map_err(|message| Error::Index {
        path: path.to_path_buf(),
        message,
    })
}

fn put(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    body_end: usize,
}

impl<'a> Reader<'a> {
    /// Checks magic, version and checksum; positions after the version.
    fn new(bytes: &'a [u8]) -> Result<Self, String> {
        if bytes.len() < 8 || &bytes[..8] != MAGIC {
            return Err("not a coquille index (bad magic)".into());
        }
        if bytes.len() < 8 + 4 + 4 + 8 {
            return Err("corrupt index: truncated".into());
        }
        let version = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]);
        if version != FORMAT_VERSION {
            return Err(format!(
                "index format version {version}, this build reads version {FORMAT_VERSION}"
            ));
        }
        let body_end = bytes.len() - 8;
        let mut sum = [0u8; 8];
        sum.copy_from_slice(&bytes[body_end..]);
        if u64::from_le_bytes(sum) != xxhash_rust::xxh3::xxh3_64(&bytes[..body_end]) {
            return Err("corrupt index: checksum mismatch (truncated or damaged file)".into());
        }
        Ok(Reader {
            bytes,
            pos: 12,
            body_end,
        })
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.body_end)
            .ok_or("corrupt index: truncated")?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    fn u32(&mut self) -> Result<u32, String> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn u64(&mut self) -> Result<u64, String> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }

    fn var(&mut self) -> Result<u64, String> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *self.take(1)?.first().ok_or("corrupt index: truncated")?;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(v);
            }
        }
        Err("corrupt index: bad varint".into())
    }

    /// A table length, bounded by the bytes left (each row takes at least one byte).
    fn count(&mut self) -> Result<usize, String> {
        let n = self.var()?;
        if n > (self.body_end - self.pos) as u64 {
            return Err("corrupt index: table longer than the file".into());
        }
        Ok(n as usize)
    }

    fn str(&mut self) -> Result<&'a str, String> {
        let n = self.count()?;
        std::str::from_utf8(self.take(n)?).map_err(|_| "corrupt index: invalid UTF-8".to_string())
    }
}
