//! Json output (stub).
use super::{DocOutput, Emitter, Summary};
use crate::rules::RuleMeta;
use std::io::{self, Write};
pub struct JsonEmitter<'w> {
    out: Box<dyn Write + 'w>,
}
impl<'w> JsonEmitter<'w> {
    pub fn new(out: Box<dyn Write + 'w>, _lines: bool) -> Self {
        JsonEmitter { out }
    }
}
impl Emitter for JsonEmitter<'_> {
    fn begin(&mut self, _rules: &[RuleMeta]) -> io::Result<()> {
        Ok(())
    }
    fn document(&mut self, _doc: &DocOutput<'_>) -> io::Result<()> {
        Ok(())
    }
    fn finish(&mut self, _s: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}
