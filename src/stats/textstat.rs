//! textstat 0.7.13's counting primitives, reproduced exactly, in one pass over the text.
//!
//! These counts are a tokenization of their own, separate from the linter's tokens: they are the
//! numbers behind the readability formulas, named `words`, `sentences` and `syllables` in `stats`
//! output, so that scores can be compared with textstat's. Definitions (Python semantics: `\w` =
//! Unicode letters and numbers plus `_`, `\s` = Unicode whitespace as `str.isspace`):
//!
//! - **strip(T)**: every ASCII `'` not followed by `t`, `s`, `d`, `ve`, `ll` or `re` is deleted, then
//!   every char other than `\w`, `\s` and `'` (`’` always goes: `L’ONU` → `LONU`, `3.5%` → `35`).
//! - **words** `Wd`: the whitespace-separated pieces of strip(T), i.e. the whitespace chunks of T
//!   holding at least one `\w` char.
//! - **sentences** `Se`: 0 for an empty text; else the number of matches of `\b[^.!?]+[.!?]*`
//!   holding more than two words, at least 1. A decimal point splits a sentence; pieces of one or
//!   two words (`M.`, `3.`) are not counted, but their words still are.
//! - **syllables** `Sy`: the sum over words (lowercased) of the per-language count (`syllables.rs`).
//! - **letters**: `\w` chars of T; **chars**: non-whitespace chars of T; **raw words** `Wd′`: all
//!   whitespace chunks of T (punctuation-only chunks included), for `chars / Wd′`.
//! - **long words**: words with more than 6 `\w` chars (apostrophes not counted); **mini words**: at
//!   most 3; **polysyllables**: at least 3 syllables; **monosyllables**: exactly 1.

use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

use super::keys::{pack, pack_at};

/// The textstat-compatible counts of one text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextCounts {
    pub words: u64,
    pub sentences: u64,
    pub syllables: u64,
    pub letters: u64,
    pub chars: u64,
    pub raw_words: u64,
    pub long_words: u64,
    pub mini_words: u64,
    pub polysyllables: u64,
    pub monosyllables: u64,
}

// ASCII classes.
const W: u8 = 1; // \w
const S: u8 = 2; // \s
const T: u8 = 3; // . ! ?
const A: u8 = 4; // '
const O: u8 = 5; // anything else (removed by strip)

static ASCII: [u8; 128] = {
    let mut t = [O; 128];
    let mut b = 0usize;
    while b < 128 {
        t[b] = match b as u8 {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'_' => W,
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' | 0x1C..=0x1F => S,
            b'.' | b'!' | b'?' => T,
            b'\'' => A,
            _ => O,
        };
        b += 1;
    }
    t
};

/// ASCII `\w` bytes (`W` in [`ASCII`]), over all 256 byte values.
static WORD_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0usize;
    while b < 128 {
        t[b] = ASCII[b] == W;
        b += 1;
    }
    t
};

/// Python's `\w` (for `str` patterns): alphanumeric (`str.isalnum`) or `_`.
pub fn is_py_word(c: char) -> bool {
    if c.is_ascii() {
        return ASCII[c as usize] == W;
    }
    matches!(
        c.general_category_group(),
        GeneralCategoryGroup::Letter | GeneralCategoryGroup::Number
    )
}

/// Python's `str.isspace` (also `\s` and the separators of `str.split()`): Unicode `White_Space`
/// plus the information separators U+001C–U+001F.
pub fn is_py_space(c: char) -> bool {
    if c.is_ascii() {
        return ASCII[c as usize] == S;
    }
    c.is_whitespace()
}

fn class(c: char) -> u8 {
    let u = c as u32;
    if u < 0x80 {
        return ASCII[u as usize];
    }
    // Fast paths for Latin-1, Latin Extended-A/B and General Punctuation (the classes Python gives
    // them, checked by `unicode_classes`).
    if u < 0x250 {
        return match u {
            0x85 | 0xA0 => S,
            0xAA | 0xB2 | 0xB3 | 0xB5 | 0xB9 | 0xBA | 0xBC..=0xBE => W,
            0xC0..=0x24F if u != 0xD7 && u != 0xF7 => W,
            _ => O,
        };
    }
    if (0x2000..0x2070).contains(&u) {
        return match u {
            0x2000..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F => S,
            _ => O,
        };
    }
    if is_py_space(c) {
        S
    } else if is_py_word(c) {
        W
    } else {
        O
    }
}

/// Whether an ASCII `'` at the end of `before` is kept by strip: followed by `t`, `s`, `d`, `ve`,
/// `ll` or `re` (case-sensitive).
fn apostrophe_kept(after: &[u8]) -> bool {
    matches!(after.first(), Some(b't' | b's' | b'd'))
        || after.starts_with(b"ve")
        || after.starts_with(b"ll")
        || after.starts_with(b"re")
}

/// Eight bytes of `bytes` from `i` on, little-endian.
#[inline(always)]
fn load8(bytes: &[u8], i: usize) -> Option<u64> {
    let chunk: [u8; 8] = bytes.get(i..i + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(chunk))
}

/// The bytes of `x` (eight bytes of text, little-endian) that are not ASCII letters, each marked
/// by its high bit. Exact per byte: the range test works on each byte's low seven bits, so no
/// carry crosses a byte, and bytes of 0x80 and more are then marked.
#[inline(always)]
fn non_letter_bytes(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // Without the high bit, and `a`–`z` folded onto `A`–`Z` (0x41–0x5A).
    let v = x & (ONES * 0x5F);
    // `0x40 < v < 0x5B`: the high bits of `127 + 0x5B − v` and `v + 127 − 0x40`.
    let letter = (ONES * (127 + 0x5B) - v) & (v + ONES * (127 - 0x40)) & !x;
    !letter & (ONES * 0x80)
}

/// The end of the run of ASCII `\w` bytes from `i` on.
fn ascii_word_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(&b) = bytes.get(i)
        && WORD_BYTE[b as usize]
    {
        i += 1;
    }
    i
}

/// [`ascii_word_end`] from `start`, and the run packed (`keys::pack`) when it has at most 16
/// bytes. Runs of ASCII letters (most words) are found eight bytes at a time, and the loads that
/// find their end give their key.
#[inline(always)]
fn ascii_word_run(bytes: &[u8], start: usize) -> (usize, Option<u128>) {
    if let Some(x) = load8(bytes, start) {
        let stop = non_letter_bytes(x);
        if stop != 0 {
            let bits = stop.trailing_zeros() & !7;
            if !WORD_BYTE[(x >> bits) as u8 as usize] {
                return (
                    start + bits as usize / 8,
                    Some(u128::from(x & ((1 << bits) - 1))),
                );
            }
        } else if let Some(y) = load8(bytes, start + 8) {
            let stop = non_letter_bytes(y);
            if stop != 0 {
                let bits = stop.trailing_zeros() & !7;
                if !WORD_BYTE[(y >> bits) as u8 as usize] {
                    let key = u128::from(y & ((1 << bits) - 1)) << 64 | u128::from(x);
                    return (start + 8 + bits as usize / 8, Some(key));
                }
            }
        }
    }
    // Digits or `_` in the run, 16 letters or more, or the end of the text within eight bytes.
    let end = ascii_word_end(bytes, start);
    (end, pack_at(bytes, start, end - start))
}

/// Counts one word of `w` `\w` chars and `n` syllables.
fn add_word(c: &mut TextCounts, w: u64, n: u32) {
    c.words += 1;
    c.long_words += u64::from(w > 6);
    c.mini_words += u64::from(w <= 3);
    c.syllables += u64::from(n);
    c.polysyllables += u64::from(n >= 3);
    c.monosyllables += u64::from(n == 1);
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Piece {
    Out,
    Body,
    Term,
}

/// Counts `text` the way textstat does. `syllables` gives the syllables of one stripped word (as it
/// appears, not lowercased; lowercasing is its job), also given packed (`keys::pack`, taken from
/// the loads that find the end of most words); `sentence` receives the word count of every
/// counted sentence (more than two words), in order. `scratch` is reused between calls. (Both
/// are generic, so that a memo hit is inlined in the loop.)
pub fn count<Sy, Se>(
    text: &str,
    scratch: &mut String,
    syllables: &mut Sy,
    sentence: &mut Se,
) -> TextCounts
where
    Sy: FnMut(&str, Option<u128>) -> u32 + ?Sized,
    Se: FnMut(u32) + ?Sized,
{
    let mut c = TextCounts::default();
    let bytes = text.as_bytes();

    // Current whitespace chunk.
    let mut in_chunk = false;
    let mut chunk_start = 0usize;
    let mut chunk_w = 0u64;
    let mut kept_start = usize::MAX;
    let mut kept_end = 0usize;
    let mut removed_after_kept = false;
    let mut gap = false;

    // Current sentence piece.
    let mut piece = Piece::Out;
    let mut piece_words = 0u32;
    let mut piece_chunk_w = false;
    let mut counted = 0u64;
    let mut prev_w = false;

    let finish_chunk = |c: &mut TextCounts,
                        start: usize,
                        end: usize,
                        w: u64,
                        kept: (usize, usize),
                        gap: bool,
                        scratch: &mut String,
                        syllables: &mut Sy| {
        if w == 0 {
            return;
        }
        let (word, packed) = if gap {
            scratch.clear();
            let chunk = text.get(start..end).unwrap_or("");
            let cb = chunk.as_bytes();
            for (i, ch) in chunk.char_indices() {
                let k = class(ch);
                if k == W || (k == A && apostrophe_kept(cb.get(i + 1..).unwrap_or(&[]))) {
                    scratch.push(ch);
                }
            }
            (scratch.as_str(), pack(scratch.as_bytes()))
        } else {
            let word = text.get(kept.0..kept.1).unwrap_or("");
            (word, pack_at(bytes, kept.0, word.len()))
        };
        let n = syllables(word, packed);
        add_word(c, w, n);
    };

    let mut i = 0usize;
    while i < bytes.len() {
        let b = bytes[i];
        // Fast paths inside a sentence piece for an ASCII space and for a run of ASCII word
        // chars starting a chunk: the same effects as the general path below, fewer tests.
        if piece == Piece::Body && b < 0x80 {
            let k = ASCII[b as usize];
            if k == S {
                if piece_chunk_w {
                    piece_words += 1;
                    piece_chunk_w = false;
                }
                prev_w = false;
                if in_chunk {
                    finish_chunk(
                        &mut c,
                        chunk_start,
                        i,
                        chunk_w,
                        (kept_start, kept_end),
                        gap,
                        scratch,
                        syllables,
                    );
                    in_chunk = false;
                }
                i += 1;
                continue;
            }
            if k == W && !in_chunk {
                let (j, key) = ascii_word_run(bytes, i);
                let run = (j - i) as u64;
                c.raw_words += 1;
                c.chars += run;
                c.letters += run;
                // Most chunks end there, at an ASCII space, or after one removed ASCII char (`,`,
                // `)`, `:`...) and an ASCII space: their word is the run, counted at once (the
                // space's effects included; the piece stays a body).
                let class_at = |at: usize| bytes.get(at).and_then(|&b| ASCII.get(b as usize));
                let end = match class_at(j) {
                    Some(&S) => Some(j + 1),
                    Some(&O) if class_at(j + 1) == Some(&S) => {
                        c.chars += 1;
                        Some(j + 2)
                    }
                    _ => None,
                };
                if let Some(end) = end {
                    piece_words += 1;
                    piece_chunk_w = false;
                    prev_w = false;
                    let n = syllables(text.get(i..j).unwrap_or(""), key);
                    add_word(&mut c, run, n);
                    i = end;
                    continue;
                }
                piece_chunk_w = true;
                prev_w = true;
                in_chunk = true;
                chunk_start = i;
                chunk_w = run;
                kept_start = i;
                kept_end = j;
                removed_after_kept = false;
                gap = false;
                i = j;
                continue;
            }
        }
        let (k, len) = if b < 0x80 {
            (ASCII[b as usize], 1)
        } else {
            let ch = text.get(i..).and_then(|s| s.chars().next()).unwrap_or(' ');
            (class(ch), ch.len_utf8())
        };
        let kept_apostrophe = k == A && apostrophe_kept(bytes.get(i + 1..).unwrap_or(&[]));
        let is_w = k == W;

        // Sentence pieces: `\b[^.!?]+[.!?]*`.
        if piece == Piece::Term && k != T {
            if piece_chunk_w {
                piece_words += 1;
            }
            if piece_words > 2 {
                counted += 1;
                sentence(piece_words);
            }
            piece = Piece::Out;
        }
        match piece {
            Piece::Out => {
                if k != T && prev_w != is_w {
                    piece = Piece::Body;
                    piece_words = 0;
                    piece_chunk_w = false;
                }
            }
            Piece::Body => {
                if k == T {
                    piece = Piece::Term;
                }
            }
            Piece::Term => {}
        }
        if piece != Piece::Out {
            if k == S {
                if piece_chunk_w {
                    piece_words += 1;
                    piece_chunk_w = false;
                }
            } else if is_w {
                piece_chunk_w = true;
            }
        }
        prev_w = is_w;

        // Whitespace chunks.
        if k == S {
            if in_chunk {
                finish_chunk(
                    &mut c,
                    chunk_start,
                    i,
                    chunk_w,
                    (kept_start, kept_end),
                    gap,
                    scratch,
                    syllables,
                );
                in_chunk = false;
            }
        } else {
            if !in_chunk {
                in_chunk = true;
                chunk_start = i;
                chunk_w = 0;
                kept_start = usize::MAX;
                kept_end = 0;
                removed_after_kept = false;
                gap = false;
                c.raw_words += 1;
            }
            c.chars += 1;
            if is_w || kept_apostrophe {
                if is_w {
                    chunk_w += 1;
                    c.letters += 1;
                }
                if kept_start == usize::MAX {
                    kept_start = i;
                } else if removed_after_kept {
                    gap = true;
                }
                kept_end = i + len;
            } else if kept_start != usize::MAX {
                removed_after_kept = true;
            }
        }
        i += len;
        // Fast path: the rest of a run of ASCII word chars changes no state but the counts
        // (also after a non-ASCII word char, as in `Rückmeldung` or `été`).
        if is_w {
            let j = ascii_word_end(bytes, i);
            let run = (j - i) as u64;
            if run > 0 {
                c.chars += run;
                c.letters += run;
                chunk_w += run;
                kept_end = j;
                i = j;
            }
        }
    }
    if in_chunk {
        finish_chunk(
            &mut c,
            chunk_start,
            bytes.len(),
            chunk_w,
            (kept_start, kept_end),
            gap,
            scratch,
            syllables,
        );
    }
    if piece != Piece::Out {
        if piece_chunk_w {
            piece_words += 1;
        }
        if piece_words > 2 {
            counted += 1;
            sentence(piece_words);
        }
    }
    c.sentences = if text.is_empty() { 0 } else { counted.max(1) };
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words_of(text: &str) -> (TextCounts, Vec<String>, Vec<u32>) {
        let mut seen = Vec::new();
        let mut sentences = Vec::new();
        let mut scratch = String::new();
        let c = count(
            text,
            &mut scratch,
            &mut |w, k| {
                // The packed key is the word's.
                assert_eq!(k, crate::stats::keys::pack(w.as_bytes()));
                seen.push(w.to_string());
                1
            },
            &mut |n| sentences.push(n),
        );
        (c, seen, sentences)
    }

    #[test]
    fn strip_and_words() {
        let (c, w, _) = words_of("L’ONU a dit: « 3.5% » -- c'est l'été, isn't it?");
        assert_eq!(w, ["LONU", "a", "dit", "35", "cest", "lété", "isn't", "it"]);
        assert_eq!(c.words, 8);
        // Chunks: L’ONU a dit: « 3.5% » -- c'est l'été, isn't it? → 11 raw chunks.
        assert_eq!(c.raw_words, 11);
        // \w chars: LONU 4, a 1, dit 3, 35 2, cest 4, lété 4, isnt 4, it 2 = 24.
        assert_eq!(c.letters, 24);
        // Non-space chars: 5+1+4+1+4+1+2+5+6+5+3 = 37.
        assert_eq!(c.chars, 37);
        assert_eq!(c.long_words, 0);
        // ≤ 3 \w chars: a, dit, 35, it.
        assert_eq!(c.mini_words, 4);
    }

    #[test]
    fn sentences_follow_the_regex() {
        // "The value is 3." + "5 percent." (2 words: ignored) + "It rose again today!" → 2.
        let (c, _, s) = words_of("The value is 3.5 percent. It rose again today!");
        assert_eq!(c.sentences, 2);
        assert_eq!(s, [4, 4]);
        // `3.5` is one chunk, hence one word.
        assert_eq!(c.words, 9);
        // Only short pieces: at least one sentence.
        let (c, _, s) = words_of("Yes. No.");
        assert_eq!((c.sentences, s.len()), (1, 0));
        assert_eq!(words_of("").0.sentences, 0);
        assert_eq!(words_of("   ").0.sentences, 1);
        // A piece starts at a word boundary: leading quotes and dots are skipped; `?!` ends it.
        let (c, _, s) = words_of("...« Who are you?! » he asked me quietly.");
        assert_eq!(s, [3, 4]);
        assert_eq!(c.sentences, 2);
    }

    #[test]
    fn apostrophes() {
        // `'` kept before t/s/d/ve/ll/re only; `’` always removed.
        let (_, w, _) = words_of("'tis don't we've O'Neil rock'n'roll l’avion 'quoted'");
        assert_eq!(
            w,
            [
                "'tis",
                "don't",
                "we've",
                "ONeil",
                "rocknroll",
                "lavion",
                "quoted"
            ]
        );
    }

    #[test]
    fn word_runs_eight_bytes_at_a_time() {
        // Every byte value, at every position of the eight.
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut x = *b"abcdefgh";
                x[at] = b;
                let marks = non_letter_bytes(u64::from_le_bytes(x));
                let expected = if b.is_ascii_alphabetic() {
                    0
                } else {
                    0x80u64 << (8 * at)
                };
                assert_eq!(marks, expected, "{b:#04x} at {at}");
            }
        }
        // Runs of every length up to 40, of letters or not, from every start, with and without
        // bytes after them.
        for text in [
            "abcDEFghiJKLmnoPQRstuVWXyzABcdeFGHijkLMN.x yz",
            &"_9aZ".repeat(10),
        ] {
            for start in 0..40 {
                for end in start..=40 {
                    for stop in ["-", "\u{e9}", " ", "'"] {
                        let t = format!("{}{stop}{}", &text[..end], &text[end..]);
                        let (e, key) = ascii_word_run(t.as_bytes(), start);
                        assert_eq!(e, end, "{start}..{end}");
                        assert_eq!(key, crate::stats::keys::pack(&t.as_bytes()[start..end]));
                        assert_eq!(ascii_word_end(t.as_bytes(), start), end);
                    }
                    let t = &text[..end];
                    assert_eq!(ascii_word_run(t.as_bytes(), start).0, end);
                }
            }
        }
    }

    #[test]
    fn words_ended_by_a_space_or_a_removed_char() {
        let (c, w, s) = words_of(
            "One, two; (three) four: five_6 seven. Eight , nine,, \"ten\" x-y \u{e9}t\u{e9}s, \
             abcdefghijklmnop abcdefghijklmnopq 1234567, end",
        );
        assert_eq!(
            w,
            [
                "One",
                "two",
                "three",
                "four",
                "five_6",
                "seven",
                "Eight",
                "nine",
                "ten",
                "xy",
                "\u{e9}t\u{e9}s",
                "abcdefghijklmnop",
                "abcdefghijklmnopq",
                "1234567",
                "end"
            ]
        );
        assert_eq!(s, [6, 9]);
        assert_eq!((c.words, c.raw_words), (15, 16));
        assert_eq!(c.long_words, 3);
        assert_eq!(c.mini_words, 5);
        assert_eq!(c.letters, 87);
        assert_eq!(c.chars, 101);
    }

    #[test]
    fn unicode_classes() {
        // The fast paths of `class` agree with the general definitions.
        for u in (0x80..0x250).chain(0x2000..0x2070) {
            let c = char::from_u32(u).unwrap();
            let general = if is_py_space(c) {
                S
            } else if is_py_word(c) {
                W
            } else {
                O
            };
            assert_eq!(class(c), general, "U+{u:04X}");
        }
        assert!(is_py_word('é'));
        assert!(is_py_word('_'));
        assert!(is_py_word('²'));
        assert!(!is_py_word('\u{301}'));
        assert!(is_py_space('\u{a0}'));
        assert!(is_py_space('\u{202f}'));
        assert!(is_py_space('\u{1f}'));
        assert!(!is_py_space('\u{200b}'));
        // A combining accent is not \w: it is stripped out of the word.
        let (_, w, _) = words_of("cafe\u{301} noir");
        assert_eq!(w, ["cafe", "noir"]);
    }
}
