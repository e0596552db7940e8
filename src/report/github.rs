//! Github output (stub).
use super::{DocOutput, Emitter, Summary};
use crate::rules::RuleMeta;
use std::io::{self, Write};
pub struct GithubEmitter<'w> {
    out: Box<dyn Write + 'w>,
}
impl<'w> GithubEmitter<'w> {
    pub fn new(out: Box<dyn Write + 'w>) -> Self {
        GithubEmitter { out }
    }
}
impl Emitter for GithubEmitter<'_> {
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
