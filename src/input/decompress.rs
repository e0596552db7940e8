//! Decompression (stub).
use super::Source;
use std::io::Read;
pub(super) fn open(source: &Source) -> Result<Box<dyn Read>, String> {
    std::fs::File::open(&source.path)
        .map(|f| Box::new(f) as Box<dyn Read>)
        .map_err(|e| e.to_string())
}
