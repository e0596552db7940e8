//! The tokenizer on arbitrary text: tokens tile the text, never split a character, the fast and
//! general paths agree wherever the fast path accepts, and the full analysis never panics.
#![no_main]

use coquille::tokenize::{tokenize, tokenize_fast, tokenize_general, Analysis};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut tokens = Vec::new();
    tokenize(&text, &mut tokens);
    let mut pos = 0u32;
    for t in &tokens {
        assert_eq!(t.start, pos);
        assert!(t.end > t.start);
        assert!(text.is_char_boundary(t.end as usize));
        pos = t.end;
    }
    assert_eq!(pos as usize, text.len());
    let mut general = Vec::new();
    tokenize_general(&text, &mut general);
    let mut fast = Vec::new();
    if tokenize_fast(&text, &mut fast).is_some() {
        assert_eq!(fast, general);
    }
    let an = Analysis::new(&text, None);
    for s in &an.sentences {
        assert!(s.span.end as usize <= text.len());
    }
});
