//! Opening a source for reading: the file itself, or a gzip or zstd decoder over it, always behind a
//! large buffer. Also turns I/O errors into the short lowercase messages shown in problems.

use std::fs::File;
use std::io::{self, BufRead, BufReader};

use super::{Compression, Source};

/// Buffer size for reading files and decoded streams.
pub(super) const BUFFER_SIZE: usize = 256 * 1024;

/// Opens `source` and returns a buffered reader over its decompressed content.
pub(super) fn open(source: &Source) -> Result<Box<dyn BufRead + Send>, String> {
    let file = File::open(&source.path).map_err(|e| format!("cannot open: {}", reason(&e)))?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err("cannot open: is a directory".into());
    }
    open_reader(file, source.compression)
}

/// Wraps any reader in the decoder for `compression`, buffered.
pub(super) fn open_reader<R: io::Read + Send + 'static>(
    inner: R,
    compression: Compression,
) -> Result<Box<dyn BufRead + Send>, String> {
    let buffered = BufReader::with_capacity(BUFFER_SIZE, inner);
    Ok(match compression {
        Compression::None => Box::new(buffered),
        Compression::Gzip => Box::new(BufReader::with_capacity(
            BUFFER_SIZE,
            flate2::bufread::MultiGzDecoder::new(buffered),
        )),
        Compression::Zstd => {
            let decoder = zstd::stream::read::Decoder::with_buffer(buffered)
                .map_err(|e| format!("cannot start zstd decoder: {}", reason(&e)))?;
            Box::new(BufReader::with_capacity(BUFFER_SIZE, decoder))
        }
    })
}

/// The message for an error met while reading the content of `source`: a decoding failure for
/// compressed files, a plain read error otherwise.
pub(super) fn read_error(source: &Source, err: &io::Error) -> String {
    match source.compression {
        Compression::Gzip => format!("corrupt or truncated gzip data: {}", reason(err)),
        Compression::Zstd => format!("corrupt or truncated zstd data: {}", reason(err)),
        Compression::None => format!("read error: {}", reason(err)),
    }
}

/// A short lowercase description of an I/O error, without the OS error number or final period.
pub(super) fn reason(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => return "no such file or directory".into(),
        io::ErrorKind::PermissionDenied => return "permission denied".into(),
        io::ErrorKind::IsADirectory => return "is a directory".into(),
        io::ErrorKind::NotADirectory => return "not a directory".into(),
        _ => {}
    }
    let mut text = err.to_string();
    if let Some(at) = text.find(" (os error ") {
        text.truncate(at);
    }
    while text.ends_with('.') {
        text.pop();
    }
    lowercase_first(&text)
}

/// `text` with its first character lowercased, unless the first word looks like an acronym.
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let second_upper = chars.next().is_some_and(char::is_uppercase);
    if second_upper {
        return text.to_string();
    }
    first
        .to_lowercase()
        .chain(text[first.len_utf8()..].chars())
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_short_and_lowercase() {
        let e = io::Error::from(io::ErrorKind::PermissionDenied);
        assert_eq!(reason(&e), "permission denied");
        let e = io::Error::new(io::ErrorKind::InvalidData, "Corrupt deflate stream.");
        assert_eq!(reason(&e), "corrupt deflate stream");
        let e = io::Error::other("EOF reached (os error 5)");
        assert_eq!(reason(&e), "EOF reached");
    }
}
