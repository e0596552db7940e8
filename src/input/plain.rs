//! Plain files (stub).
use super::{Event, InputOptions, Source};
use std::io::Read;
pub(super) fn read(
    _s: &Source,
    _r: Box<dyn Read>,
    _o: &InputOptions,
    _emit: &mut dyn FnMut(Event),
) {
}
