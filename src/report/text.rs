//! Text output (stub).
use super::{DocOutput, Emitter, Summary};
use crate::rules::RuleMeta;
use std::io::{self, Write};
#[derive(Clone, Copy, Debug, Default)]
pub struct TextOptions {
    pub color: bool,
    pub width: Option<usize>,
}
pub struct TextEmitter<'w> {
    out: Box<dyn Write + 'w>,
}
impl<'w> TextEmitter<'w> {
    pub fn new(out: Box<dyn Write + 'w>, _opts: TextOptions) -> Self {
        TextEmitter { out }
    }
}
impl Emitter for TextEmitter<'_> {
    fn begin(&mut self, _rules: &[RuleMeta]) -> io::Result<()> {
        Ok(())
    }
    fn document(&mut self, doc: &DocOutput<'_>) -> io::Result<()> {
        for d in doc.diagnostics {
            writeln!(self.out, "{}: {} {}", doc.path, d.rule, d.message)?;
        }
        Ok(())
    }
    fn finish(&mut self, _s: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}
