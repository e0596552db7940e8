//! Name mentions and name keys (`rules.md` §4.2), shared by the index (the `names` section) and
//! `consistency/name-variant`.
//!
//! A **mention** is a maximal run of capitalised word tokens on one line, separated by single
//! spaces, with lowercase particles allowed inside (`Charles de Gaulle`, `Mohammed ben Salmane`).
//! Tokens in capitals only (`KCNA`, `ONU`), tokens with digits and lines in title case are left out:
//! capitals and title case are styling, not spelling. An elided article or preposition is cut off
//! the first token (`d’Ukraine` → `Ukraine`), an English possessive off the last (`Un’s` → `Un`).
//! At the start of a sentence, leading function words are dropped (`Le`, `The`), and what is left
//! must have two tokens or more: a lone capitalised word opening a sentence may be any word.
//!
//! A mention yields its **forms**: its suffixes of one to [`MAX_FORM_TOKENS`] tokens that do not
//! start with a particle (`Le Français Jean Baptiste Ferrand` → `Jean Baptiste Ferrand`,
//! `Baptiste Ferrand`, `Ferrand`), so a title or demonym in front does not hide a variant. A form's
//! surface joins its tokens with one space.
//!
//! Keys, computed once per distinct form:
//! - **K1** ([`k1`]): case-folded, diacritics stripped, hyphens, spaces, apostrophes and periods
//!   deleted. `Kim Jong Un`, `Kim Jong-un` and `Kim Jong-Un` share `kimjongun`.
//! - **V** ([`vkey`]): K1 after transliteration-neutral rewrites (`tch`→`ch`, `ks`→`x`, `ou`→`u`,
//!   final or inter-consonant `y`→`i`, doubled letters collapsed...). `Vostochni` and `Vostotchny`
//!   share `vostochni`; `Zelensky` and `Zelenskyy` share `zelenski`.

use crate::lang::{Lang, detect::is_stopword};
use crate::span::Span;
use crate::tokenize::{Analysis, Token, TokenKind, normalize};

/// Forms have at most this many tokens (particles included).
pub const MAX_FORM_TOKENS: usize = 4;
/// Single-token forms are grouped by their V key only from this many letters.
pub const MIN_V_LETTERS: usize = 7;

/// Lowercase particles allowed inside a name.
const PARTICLES: &[&str] = &[
    "de", "du", "des", "van", "von", "der", "den", "bin", "ben", "al", "el", "ibn", "da", "di",
    "dos", "do", "del",
];

/// Elided prefixes cut off the first token of a mention (`d’`, `l’`, `qu’`...), lowercase.
const ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "presqu", "quoiqu",
];

/// A name-like token: its letters start with a capital, it has a lowercase letter, and no digit.
#[inline]
fn is_name_token(w: &str) -> bool {
    let bytes = w.as_bytes();
    match bytes.first() {
        None => false,
        Some(b) if b.is_ascii_uppercase() => {
            // The classes of the other bytes, together.
            let class = bytes
                .get(1..)
                .unwrap_or(&[])
                .iter()
                .fold(0u8, |class, &b| class | BYTE_CLASS[usize::from(b)]);
            if class & NON_ASCII != 0 {
                return is_name_token_chars(w);
            }
            class == LOWER
        }
        // Most words start with an ASCII lowercase letter or a digit.
        Some(b) if *b < 0x80 => false,
        Some(_) => is_name_token_chars(w),
    }
}

/// Byte classes for [`is_name_token`]: an ASCII lowercase letter, a digit, a non-ASCII byte.
const LOWER: u8 = 1;
const DIGIT: u8 = 2;
const NON_ASCII: u8 = 4;
const BYTE_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b'a'..=b'z' => LOWER,
            b'0'..=b'9' => DIGIT,
            0x80.. => NON_ASCII,
            _ => 0,
        };
        b += 1;
    }
    table
};

/// True for a lowercase particle allowed inside a name ([`PARTICLES`]).
#[inline]
fn is_particle(w: &str) -> bool {
    // All are two or three lowercase ASCII letters.
    (2..=3).contains(&w.len()) && PARTICLES.contains(&w)
}

/// [`is_name_token`] for any word, char by char.
fn is_name_token_chars(w: &str) -> bool {
    let mut chars = w.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !first.is_uppercase() {
        return false;
    }
    let mut lower = false;
    for c in chars {
        if c.is_numeric() {
            return false;
        }
        lower |= c.is_lowercase();
    }
    lower
}

/// A quick test on the word token `[start, end)` of `bytes`: false when it cannot be a name
/// token, even after an elided prefix (see [`name_start`]). Most words are ruled out by their
/// first byte.
#[inline(always)]
fn may_start_name(bytes: &[u8], start: usize, end: usize) -> bool {
    let Some(&first) = bytes.get(start) else {
        return false;
    };
    match START_CLASS[usize::from(first)] {
        NEVER => false,
        ALWAYS => true,
        // U+00C0–U+00FF: the uppercase letters come before U+00E0.
        LATIN1 => bytes.get(start + 1).is_some_and(|&b| b < 0xA0),
        // The first letter of entries of `ELISIONS`: their lengths (see `may_be_elided`).
        ends => bytes
            .get(start..end)
            .is_some_and(|w| apostrophe_after(w, ends)),
    }
}

/// What the first byte of a word says in [`may_start_name`]: no name, maybe a name, a name only
/// if its second byte is not that of a lowercase Latin-1 letter; for the first letter of an
/// entry of [`ELISIONS`], a name only after an elided prefix, and the entry lengths as in
/// [`ELISION_ENDS`] (an even number: no entry is empty).
const NEVER: u8 = 0;
const ALWAYS: u8 = 1;
const LATIN1: u8 = 3;
const START_CLASS: [u8; 256] = {
    let mut table = [NEVER; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b'A'..=b'Z' => ALWAYS,
            0xC3 => LATIN1,
            0x80.. => ALWAYS,
            _ => NEVER,
        };
        b += 1;
    }
    // The lengths of the elided prefixes starting with the byte (see `ELISION_ENDS`).
    let mut b = 0;
    while b < 128 {
        table[b] |= ELISION_ENDS[b];
        b += 1;
    }
    table
};

/// A quick test on a token's bytes: false when [`strip_elision`] finds no elided prefix in it.
/// An elided prefix is an entry of [`ELISIONS`], so its apostrophe comes right after as many
/// letters as an entry that starts with the token's first letter has (`l’`, `qu’`, `lorsqu’`).
#[inline(always)]
fn may_be_elided(w: &[u8]) -> bool {
    let Some(&first) = w.first() else {
        return false;
    };
    let ends = ELISION_ENDS
        .get(usize::from(first.to_ascii_lowercase()))
        .copied()
        .unwrap_or(0);
    apostrophe_after(w, ends)
}

/// True when the byte after the first `k` bytes of `w` may start an apostrophe (`'`, `’`, `ʼ`),
/// for some bit `k` set in `ends`.
#[inline(always)]
fn apostrophe_after(w: &[u8], mut ends: u8) -> bool {
    while ends != 0 {
        if matches!(
            w.get(ends.trailing_zeros() as usize),
            Some(b'\'' | 0xE2 | 0xCA)
        ) {
            return true;
        }
        ends &= ends - 1;
    }
    false
}

/// `ELISION_ENDS[b]`: bit `k` is set when an entry of [`ELISIONS`] that starts with the byte `b`
/// (lowercase ASCII) has `k` letters.
const ELISION_ENDS: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut i = 0;
    while i < ELISIONS.len() {
        let e = ELISIONS[i].as_bytes();
        table[e[0] as usize] |= 1 << e.len();
        i += 1;
    }
    table
};

/// Where the name part of a token starts (after an elided prefix, see [`strip_elision`]) when
/// that part is a name token; `None` when it is not. Most tokens are ruled out by their first
/// bytes.
#[inline]
fn name_start(w: &str) -> Option<usize> {
    if may_be_elided(w.as_bytes()) {
        let (cut, rest) = strip_elision(w);
        return is_name_token(rest).then_some(cut);
    }
    is_name_token(w).then_some(0)
}

/// Splits an elided prefix off a token: `d’Ukraine` → (`d’`.len(), `Ukraine`). `O’Brien` is kept.
#[inline]
fn strip_elision(w: &str) -> (usize, &str) {
    // The prefix before the first apostrophe (`'`, `’` or `ʼ`) must be an entry of `ELISIONS`:
    // ASCII letters only, at most `ELISION_MAX_LEN` of them. So it is enough to look past the
    // leading ASCII letters for an apostrophe.
    let bytes = w.as_bytes();
    let mut i = 0usize;
    while i <= ELISION_MAX_LEN && bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
        i += 1;
    }
    if i == 0 || i > ELISION_MAX_LEN {
        return (0, w);
    }
    let apo = match bytes.get(i) {
        Some(b'\'') => 1,
        Some(0xE2) if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0x99) => 3,
        Some(0xCA) if bytes.get(i + 1) == Some(&0xBC) => 2,
        _ => return (0, w),
    };
    let head = w.get(..i).unwrap_or("");
    if ELISIONS.iter().any(|e| e.eq_ignore_ascii_case(head))
        && let Some(rest) = w.get(i + apo..)
    {
        return (i + apo, rest);
    }
    (0, w)
}

/// The length in bytes of the longest entry of [`ELISIONS`].
const ELISION_MAX_LEN: usize = 7;

/// Cuts an English possessive off a token: `Un’s` → `Un`.
fn strip_possessive(w: &str) -> &str {
    for suffix in ["’s", "'s"] {
        if let Some(s) = w.strip_suffix(suffix) {
            return s;
        }
    }
    w
}

/// True for function words that may open a sentence before a name (`Le`, `The`, `Selon`); `buf` is
/// scratch space.
fn is_function_word(lang: Lang, w: &str, buf: &mut String) -> bool {
    normalize::fold(w, buf);
    is_stopword(lang, buf)
        || (lang != Lang::EN && is_stopword(Lang::EN, buf))
        || (lang != Lang::FR && is_stopword(Lang::FR, buf))
}

/// Answers of [`is_function_word`] kept for words of up to [`MEMO_WORD`] bytes: the words that
/// open sentences repeat (`Le`, `The`, `Selon`). One answer per slot; a word's slot comes from a
/// hash of its bytes, and a slot holds the last word looked up there.
#[derive(Default)]
struct FunctionWordMemo {
    slots: Vec<MemoSlot>,
}

const MEMO_SLOTS: usize = 256;
const MEMO_WORD: usize = 14;

#[derive(Clone, Copy)]
struct MemoSlot {
    lang: Lang,
    /// 0 for an empty slot.
    len: u8,
    word: [u8; MEMO_WORD],
    answer: bool,
}

impl FunctionWordMemo {
    /// [`is_function_word`], looked up first; `buf` is scratch space.
    fn is_function_word(&mut self, lang: Lang, w: &str, buf: &mut String) -> bool {
        let bytes = w.as_bytes();
        let len = bytes.len();
        if len == 0 || len > MEMO_WORD {
            return is_function_word(lang, w, buf);
        }
        if self.slots.is_empty() {
            let empty = MemoSlot {
                lang,
                len: 0,
                word: [0; MEMO_WORD],
                answer: false,
            };
            self.slots.resize(MEMO_SLOTS, empty);
        }
        let hash = bytes.iter().fold(len as u64, |h, &b| {
            (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95)
        });
        let Some(slot) = self.slots.get_mut((hash >> 56) as usize % MEMO_SLOTS) else {
            return is_function_word(lang, w, buf);
        };
        if usize::from(slot.len) == len && slot.lang == lang && slot.word.get(..len) == Some(bytes)
        {
            return slot.answer;
        }
        let answer = is_function_word(lang, w, buf);
        slot.lang = lang;
        slot.len = len as u8;
        if let Some(word) = slot.word.get_mut(..len) {
            word.copy_from_slice(bytes);
        }
        slot.answer = answer;
        answer
    }
}

/// Reusable buffers for [`each_mention`].
#[derive(Default)]
pub struct MentionScratch {
    sentence_starts: Vec<usize>,
    /// The first of `sentence_starts` not before the mention being looked at.
    sentence_at: usize,
    /// The tokens of the current line that may start a name ([`may_start_name`]).
    starts: Vec<usize>,
    parts: Vec<Span>,
    particle: Vec<bool>,
    fold: String,
    function_words: FunctionWordMemo,
}

/// Calls `f` with each name mention of a document, in text order: its parts (one span per token,
/// elisions and possessives cut off) and, per part, whether it is a lowercase particle. Nothing
/// is allocated once `scratch` has grown.
pub fn each_mention(
    an: &Analysis<'_>,
    scratch: &mut MentionScratch,
    f: &mut dyn FnMut(&[Span], &[bool]),
) {
    let text = an.text;
    // First word token of each sentence.
    scratch.sentence_starts.clear();
    scratch.sentence_at = 0;
    for s in &an.sentences {
        if let Some(i) = an
            .sentence_tokens(s)
            .iter()
            .position(|t| t.is_word() || t.kind == TokenKind::Number)
        {
            scratch.sentence_starts.push(s.tokens.start as usize + i);
        }
    }
    // One pass over the words notes those that may start a name, line by line, so that only
    // those are looked at again.
    let bytes = text.as_bytes();
    let mut line_start = 0usize;
    scratch.starts.clear();
    for (i, t) in an.tokens.iter().enumerate() {
        match t.kind {
            TokenKind::Word if may_start_name(bytes, t.start as usize, t.end as usize) => {
                scratch.starts.push(i);
            }
            TokenKind::Newline => {
                if !scratch.starts.is_empty() {
                    line_mentions(an, line_start, i + 1, scratch, f);
                    scratch.starts.clear();
                }
                line_start = i + 1;
            }
            _ => {}
        }
    }
    if !scratch.starts.is_empty() {
        line_mentions(an, line_start, an.tokens.len(), scratch, f);
    }
}

/// True for a line (its tokens `line`) in title case: of its words of 4 bytes or more (at least
/// 3), at least four in five start with a capital. `max_caps` is at least the number of its words
/// that start with a capital (the words that may start a name): once a fourth of it falls below
/// the words counted that do not, the answer is known.
fn is_title_case(text: &str, line: &[Token], max_caps: usize) -> bool {
    let (mut long, mut caps) = (0usize, 0usize);
    for t in line {
        if t.kind != TokenKind::Word || t.end - t.start < 4 {
            continue;
        }
        long += 1;
        if starts_uppercase(t.text(text)) {
            caps += 1;
        } else if 4 * (long - caps) > max_caps {
            return false;
        }
    }
    long >= 3 && caps * 5 >= long * 4
}

/// True when the word's first char is uppercase.
#[inline]
fn starts_uppercase(w: &str) -> bool {
    match w.as_bytes().first() {
        Some(b) if *b < 0x80 => b.is_ascii_uppercase(),
        _ => w.chars().next().is_some_and(char::is_uppercase),
    }
}

/// Calls `f` with the mentions of the line of tokens `from..to`: they start at tokens of
/// `scratch.starts` (in order). A line in title case has none ([`is_title_case`], looked at once
/// a mention is found: a capitalised word is needed first).
fn line_mentions(
    an: &Analysis<'_>,
    from: usize,
    to: usize,
    scratch: &mut MentionScratch,
    f: &mut dyn FnMut(&[Span], &[bool]),
) {
    let MentionScratch {
        sentence_starts,
        sentence_at,
        starts,
        parts,
        particle,
        fold,
        function_words,
    } = scratch;
    let text = an.text;
    let bytes = text.as_bytes();
    let toks = &an.tokens;
    // Tokens before `seen` belong to a run already seen.
    let mut seen = 0usize;
    let mut title_case = None;
    for &i in starts.iter() {
        if i < seen {
            continue;
        }
        let t = toks[i];
        let Some(cut) = name_start(t.text(text)) else {
            continue;
        };
        // A run starts at token i.
        let start_tok = i;
        parts.clear();
        particle.clear();
        parts.push(Span::new(t.start + cut as u32, t.end));
        particle.push(false);
        let mut last_tok = i;
        let mut j = i + 1;
        loop {
            // Expect one space, then a name token or a particle followed by one space and a name token.
            if j + 1 >= to || !single_space(bytes, toks[j]) {
                break;
            }
            let next = toks[j + 1];
            if !next.is_word() {
                break;
            }
            let w = next.text(text);
            if is_name_token(w) && !(may_be_elided(w.as_bytes()) && strip_elision(w).0 > 0) {
                parts.push(next.span());
                particle.push(false);
                last_tok = j + 1;
                j += 2;
                continue;
            }
            if is_particle(w)
                && j + 3 < to
                && single_space(bytes, toks[j + 2])
                && toks[j + 3].is_word()
                && is_name_token(toks[j + 3].text(text))
            {
                parts.push(next.span());
                particle.push(true);
                parts.push(toks[j + 3].span());
                particle.push(false);
                last_tok = j + 3;
                j += 4;
                continue;
            }
            break;
        }
        seen = last_tok + 1;
        // Mentions come in text order: the sentence starts before this one are passed for good.
        while sentence_starts
            .get(*sentence_at)
            .is_some_and(|&s| s < start_tok)
        {
            *sentence_at += 1;
        }
        let sentence_start = sentence_starts.get(*sentence_at) == Some(&start_tok);
        // A lone token opening a sentence is not trusted (most sentences open so).
        if sentence_start && parts.len() < 2 {
            continue;
        }
        // Possessive on the last part.
        if let Some(last) = parts.last_mut() {
            let w = last.text(text);
            let s = strip_possessive(w);
            last.end -= (w.len() - s.len()) as u32;
        }
        let mut first = 0usize;
        if sentence_start {
            // Drop leading function words; a lone remaining token is not trusted.
            let mut drop = 0;
            while drop < parts.len()
                && function_words.is_function_word(an.lang, parts[drop].text(text), fold)
            {
                drop += 1;
            }
            first = drop;
            while particle.get(first) == Some(&true) {
                first += 1;
            }
            let left = parts.len().saturating_sub(first);
            if left == 0 || (drop > 0 && left < 2) {
                continue;
            }
        }
        let (parts, particle) = (&parts[first..], &particle[first..]);
        if parts.iter().any(|p| p.is_empty()) {
            continue;
        }
        let line = toks.get(from..to).unwrap_or(&[]);
        if *title_case.get_or_insert_with(|| is_title_case(text, line, starts.len())) {
            return;
        }
        f(parts, particle);
    }
}

/// True for a token of one space (` `, U+00A0 or U+202F).
#[inline]
fn single_space(bytes: &[u8], t: Token) -> bool {
    t.kind == TokenKind::Space
        && matches!(
            bytes.get(t.start as usize..t.end as usize),
            Some(b" " | b"\xC2\xA0" | b"\xE2\x80\xAF")
        )
}

/// Calls `f` with the surface of each form of a mention given by its parts and particle flags,
/// longest first: each suffix of its last `MAX_FORM_TOKENS` parts that does not start with a
/// particle, the parts joined by single spaces; `buf` is scratch space.
pub fn each_form_surface(
    text: &str,
    parts: &[Span],
    particle: &[bool],
    buf: &mut String,
    f: &mut dyn FnMut(&str),
) {
    let n = parts.len();
    let first = n.saturating_sub(MAX_FORM_TOKENS);
    // Every form is a suffix of the longest one: join the parts once, noting where each starts.
    let mut starts = [0usize; MAX_FORM_TOKENS];
    buf.clear();
    for (k, p) in parts.iter().enumerate().skip(first) {
        if k > first {
            buf.push(' ');
        }
        if let Some(slot) = starts.get_mut(k - first) {
            *slot = buf.len();
        }
        buf.push_str(p.text(text));
    }
    for start in first..n {
        if particle.get(start) == Some(&true) {
            continue;
        }
        if let Some(surface) = starts.get(start - first).and_then(|&at| buf.get(at..)) {
            f(surface);
        }
    }
}

/// Distinct forms of a document with their occurrence counts (what the index stores).
pub fn document_forms(an: &Analysis<'_>) -> Vec<(String, u64)> {
    let mut forms: hashbrown::HashMap<String, u64> = hashbrown::HashMap::new();
    let mut buf = String::new();
    each_mention(
        an,
        &mut MentionScratch::default(),
        &mut |parts, particle| {
            each_form_surface(an.text, parts, particle, &mut buf, &mut |surface| {
                *forms.entry_ref(surface).or_default() += 1;
            });
        },
    );
    forms.into_iter().collect()
}

/// Key K1 of a surface form (see the module docs).
pub fn k1(surface: &str) -> String {
    let mut out = String::with_capacity(surface.len());
    push_k1(surface, &mut String::new(), &mut out);
    out
}

/// Appends the K1 key of `surface` ([`k1`]) to `out`; `buf` is scratch space.
pub fn push_k1(surface: &str, buf: &mut String, out: &mut String) {
    if surface.is_ascii() {
        // Lowercase, dropping whitespace (as `char::is_whitespace` has it), `-`, `'` and `.`: the
        // runs between them copied whole.
        let start = out.len();
        let mut run = 0;
        for (i, b) in surface.bytes().enumerate() {
            if matches!(
                b,
                b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' | b'-' | b'\'' | b'.'
            ) {
                out.push_str(surface.get(run..i).unwrap_or(""));
                run = i + 1;
            }
        }
        out.push_str(surface.get(run..).unwrap_or(""));
        if let Some(tail) = out.get_mut(start..) {
            tail.make_ascii_lowercase();
        }
        return;
    }
    normalize::fold_key(surface, buf);
    let mut run = 0;
    for (i, c) in buf.char_indices() {
        if c.is_whitespace() || matches!(c, '-' | '‐' | '‑' | '\'' | '’' | '.') {
            out.push_str(buf.get(run..i).unwrap_or(""));
            run = i + c.len_utf8();
        }
    }
    out.push_str(buf.get(run..).unwrap_or(""));
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// Key V of a K1 key: transliteration-neutral rewrites (see the module docs). Non-ASCII letters
/// pass through.
pub fn vkey(k1: &str) -> String {
    let mut out = String::with_capacity(k1.len());
    push_vkey(k1, &mut out);
    out
}

/// Appends the V key of the K1 key `k1` ([`vkey`]) to `out`.
pub fn push_vkey(k1: &str, out: &mut String) {
    let b = k1.as_bytes();
    // The last byte written for this key; 0 at its start and after a non-ASCII char.
    let mut last = 0u8;
    // The bytes from `run` to `i` are written as they are, in one copy, when something else
    // (a rewrite, a dropped doubled letter, the end) comes.
    let mut run = 0;
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c >= 0x80 {
            // Non-ASCII chars as they are: the rewrites read ASCII bytes only, so `i` is always
            // on a char boundary, and a non-ASCII char never ends in a letter byte.
            i = b
                .get(i..)
                .and_then(|rest| rest.iter().position(u8::is_ascii))
                .map_or(b.len(), |n| i + n);
            last = 0;
            continue;
        }
        // Most letters start no rewrite.
        let rewrite = if matches!(
            c,
            b'c' | b'i' | b'k' | b'o' | b'p' | b'q' | b's' | b't' | b'w' | b'y'
        ) {
            rewrite_at(b, i)
        } else {
            None
        };
        // Collapse doubled letters: only the last two bytes are compared, and those of a
        // two-letter rewrite (`ch`, `sh`) differ.
        match rewrite {
            None => {
                if c == last && c.is_ascii_alphabetic() {
                    out.push_str(k1.get(run..i).unwrap_or(""));
                    run = i + 1;
                }
                last = c;
                i += 1;
            }
            Some((to, n)) => {
                out.push_str(k1.get(run..i).unwrap_or(""));
                match *to.as_bytes() {
                    [x] if x == last && x.is_ascii_alphabetic() => {}
                    _ => {
                        out.push_str(to);
                        last = to.as_bytes().last().copied().unwrap_or(last);
                    }
                }
                i += n;
                run = i;
            }
        }
    }
    out.push_str(k1.get(run..).unwrap_or(""));
}

/// The rewrite of [`push_vkey`] at byte `i` of `b`, if any: (replacement, bytes replaced).
#[inline]
fn rewrite_at(b: &[u8], i: usize) -> Option<(&'static str, usize)> {
    let rest = b.get(i..).unwrap_or(&[]);
    match rest.first()? {
        b't' if rest.starts_with(b"tsch") => Some(("ch", 4)),
        b't' if rest.starts_with(b"tch") || rest.starts_with(b"tsh") => Some(("ch", 3)),
        b's' if rest.starts_with(b"sch") => Some(("sh", 3)),
        b'k' if rest.starts_with(b"kh") => Some(("h", 2)),
        b'p' if rest.starts_with(b"ph") => Some(("f", 2)),
        b'o' if rest.starts_with(b"ou") => Some(("u", 2)),
        b'c' if rest.starts_with(b"ck") => Some(("k", 2)),
        b'k' if rest.starts_with(b"ks") => Some(("x", 2)),
        b'y' | b'i' if matches!(rest.get(1), Some(b'y' | b'i')) && rest.get(..2) != Some(b"yi") => {
            Some(("i", 2))
        }
        b'q' => Some(("k", 1)),
        b'w' => Some(("v", 1)),
        b'y' if i > 0
            && b.get(i - 1).is_some_and(|&p| !is_vowel(p))
            && b.get(i + 1).is_none_or(|&n| !is_vowel(n)) =>
        {
            Some(("i", 1))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn surfaces(text: &str, lang: Lang) -> Vec<Vec<String>> {
        let an = Analysis::new(text, Some(lang));
        let (mut out, mut buf) = (Vec::new(), String::new());
        each_mention(
            &an,
            &mut MentionScratch::default(),
            &mut |parts, particle| {
                let mut forms = Vec::new();
                each_form_surface(text, parts, particle, &mut buf, &mut |f| {
                    forms.push(f.to_string())
                });
                out.push(forms);
            },
        );
        out
    }

    /// The char-by-char definitions the fast paths must agree with.
    fn reference_strip_elision(w: &str) -> (usize, &str) {
        if let Some(i) = w.find(['’', '\'', 'ʼ']) {
            let head = &w[..i];
            let apo = w[i..].chars().next().map_or(1, char::len_utf8);
            if ELISIONS.iter().any(|e| e.eq_ignore_ascii_case(head)) {
                return (i + apo, &w[i + apo..]);
            }
        }
        (0, w)
    }

    fn check_token(w: &str) {
        assert_eq!(strip_elision(w), reference_strip_elision(w), "{w:?}");
        assert_eq!(is_name_token(w), is_name_token_chars(w), "{w:?}");
        let (cut, rest) = reference_strip_elision(w);
        assert_eq!(
            name_start(w),
            is_name_token_chars(rest).then_some(cut),
            "{w:?}"
        );
        // The quick tests never rule out a name or an elision.
        if strip_elision(w).0 > 0 {
            assert!(may_be_elided(w.as_bytes()), "{w:?}");
        }
        if name_start(w).is_some() {
            assert!(may_start_name(w.as_bytes(), 0, w.len()), "{w:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn title_case_stops_early_only_when_the_answer_is_known(
            line in "([A-Z]?[a-z]{0,5}|Éa|àbcd|[ ,]){0,24}",
        ) {
            let an = Analysis::new(&line, Some(Lang::EN));
            let (mut long, mut caps) = (0, 0);
            for t in an.words() {
                if t.end - t.start >= 4 {
                    long += 1;
                    caps += usize::from(starts_uppercase(t.text(&line)));
                }
            }
            let expected = long >= 3 && caps * 5 >= long * 4;
            let max_caps = an
                .tokens
                .iter()
                .filter(|t| t.is_word() && may_start_name(line.as_bytes(), t.start as usize, t.end as usize))
                .count();
            proptest::prop_assert_eq!(is_title_case(&line, &an.tokens, max_caps), expected);
        }
    }

    #[test]
    fn memo_agrees_with_function_words() {
        let mut memo = FunctionWordMemo::default();
        let (mut a, mut b) = (String::new(), String::new());
        let mut words: Vec<String> = [
            "Le",
            "La",
            "Les",
            "The",
            "Selon",
            "Mais",
            "Kim",
            "Paris",
            "LE",
            "De",
            "Der",
            "Él",
            "Ça",
            "Alors",
            "Nevertheless",
            "Néanmoins",
            "Abcdefghijklmn",
            "Abcdefghijklmno",
        ]
        .iter()
        .map(|w| w.to_string())
        .collect();
        // Enough words for slots to be shared.
        words.extend((0..2000).map(|i| format!("W{i}")));
        for round in 0..2 {
            for (i, w) in words.iter().enumerate() {
                for lang in [Lang::FR, Lang::EN, Lang::DE] {
                    let expected = is_function_word(lang, w, &mut a);
                    assert_eq!(
                        memo.is_function_word(lang, w, &mut b),
                        expected,
                        "{w} {round} {i}"
                    );
                }
            }
        }
    }

    #[test]
    fn fast_token_tests_agree_with_the_definitions() {
        assert!(PARTICLES.iter().all(|p| (2..=3).contains(&p.len())));
        // `ELISION_ENDS` has a bit per length.
        assert!(ELISIONS.iter().all(|e| !e.is_empty() && e.len() < 8));
        assert!(ELISIONS.iter().all(|e| e.len() <= ELISION_MAX_LEN));
        for w in [
            "",
            "a",
            "A",
            "d’Ukraine",
            "d'Ukraine",
            "dʼUkraine",
            "D’Ukraine",
            "l’ONU",
            "l’une",
            "qu’Emmanuel",
            "jusqu’à",
            "lorsqu’Anne",
            "Lorsqu’Anne",
            "QU’Il",
            "quoiqu’Il",
            "Jusqu'Ici",
            "puisqu’Il",
            "O’Brien",
            "aujourd’hui",
            "Un’s",
            "Kim",
            "KCNA",
            "K2",
            "Jong-un",
            "Été",
            "ÉTÉ",
            "été",
            "Łódź",
            "Ærø",
            "à",
            "À",
            "Àla",
            "ßa",
            "Þor",
            "÷",
            "×Ab",
            "2023",
            "x’Y",
            "xy’Z",
            "abcdef’G",
            "abcdefg’H",
            "lorsqu'",
            "l’",
            "’",
            "'Abc",
            "Zelenskyy",
            "MacDonald",
            "Mc2",
            "Россия",
            "россия",
            "ǅemal",
        ] {
            check_token(w);
        }
    }

    proptest::proptest! {
        #[test]
        fn fast_token_tests_agree_on_any_token(w in "[a-zA-Z’'ʼéÉàÀßÞÿ÷0-9ǅ-]{0,10}") {
            check_token(&w);
        }

        #[test]
        fn fast_token_tests_agree_on_elided_tokens(
            e in 0..ELISIONS.len(),
            caps in 0u8..4,
            apo in "['’ʼ]",
            rest in "[a-zA-ZéÉ0-9’]{0,5}",
        ) {
            // An entry of `ELISIONS` in some case, or with one letter less or more.
            let mut head = ELISIONS[e].to_string();
            match caps {
                1 => head.make_ascii_uppercase(),
                2 => head = head[..head.len() - 1].to_string(),
                3 => head.insert(0, 'x'),
                _ => {}
            }
            check_token(&format!("{head}{apo}{rest}"));
        }
    }

    /// The byte-by-byte definition [`push_vkey`] must agree with.
    fn reference_vkey(k1: &str) -> String {
        let b = k1.as_bytes();
        let mut out: Vec<u8> = Vec::new();
        let mut i = 0;
        while i < b.len() {
            let rest = &b[i..];
            let rule: &[(&[u8], &[u8])] = &[
                (b"tsch", b"ch"),
                (b"tch", b"ch"),
                (b"tsh", b"ch"),
                (b"sch", b"sh"),
                (b"kh", b"h"),
                (b"ph", b"f"),
                (b"ou", b"u"),
                (b"ck", b"k"),
                (b"ks", b"x"),
                (b"yy", b"i"),
                (b"iy", b"i"),
                (b"ii", b"i"),
                (b"q", b"k"),
                (b"w", b"v"),
            ];
            if let Some((from, to)) = rule.iter().find(|(from, _)| rest.starts_with(from)) {
                out.extend_from_slice(to);
                i += from.len();
            } else if b[i] == b'y'
                && i > 0
                && !is_vowel(b[i - 1])
                && b.get(i + 1).is_none_or(|&c| !is_vowel(c))
            {
                out.push(b'i');
                i += 1;
            } else {
                out.push(b[i]);
                i += 1;
            }
            let n = out.len();
            if n >= 2 && out[n - 1] == out[n - 2] && out[n - 1].is_ascii_alphabetic() {
                out.pop();
            }
        }
        String::from_utf8(out).unwrap()
    }

    /// The general definition of [`k1`].
    fn reference_k1(surface: &str) -> String {
        let mut folded = String::new();
        normalize::fold_key(surface, &mut folded);
        folded.retain(|c| !(c.is_whitespace() || matches!(c, '-' | '‐' | '‑' | '\'' | '’' | '.')));
        folded
    }

    proptest::proptest! {
        #[test]
        fn keys_agree_with_the_definitions(
            s in "[a-zA-Z éÉüšŁ’'.\t\u{b}\u{1c}-]{0,12}",
            k in "[tschkpyiouqwaeéü1ßh]{0,12}",
        ) {
            proptest::prop_assert_eq!(k1(&s), reference_k1(&s));
            proptest::prop_assert_eq!(vkey(&k), reference_vkey(&k));
            // Appending keeps what is already there, doubled letters included.
            let mut out = String::from("tt");
            push_vkey(&k, &mut out);
            proptest::prop_assert_eq!(out, format!("tt{}", reference_vkey(&k)));
        }
    }

    #[test]
    fn keys() {
        assert_eq!(k1("Kim Jong Un"), "kimjongun");
        assert_eq!(k1("Kim Jong-un"), "kimjongun");
        assert_eq!(k1("KIM JONG-UN"), "kimjongun");
        assert_eq!(k1("María-José Lorente"), "mariajoselorente");
        assert_eq!(vkey(&k1("Vostochni")), vkey(&k1("Vostotchny")));
        assert_eq!(vkey("zelensky"), "zelenski");
        assert_eq!(vkey("zelenskyy"), "zelenski");
        assert_eq!(vkey("zelenskiy"), "zelenski");
        assert_eq!(vkey("oleksandr"), vkey("olexandr"));
        assert_eq!(vkey("maarten"), vkey("marten"));
        assert_ne!(vkey("michel"), vkey("michele"));
        assert_ne!(vkey("jongun"), vkey("jongnam"));
        assert_eq!(vkey("été"), "été");
        // The ASCII path agrees with the general one.
        for cp in 0u8..0x80 {
            let surface = format!("Ab{}c D", char::from(cp));
            let mut general = String::new();
            normalize::fold_key(&format!("{surface}\u{e9}"), &mut general);
            general.retain(|c| {
                !(c.is_whitespace() || matches!(c, '-' | '‐' | '‑' | '\'' | '’' | '.'))
            });
            general.pop();
            assert_eq!(k1(&surface), general, "{cp:#x}");
        }
    }

    #[test]
    fn mentions_and_forms() {
        let t = "Le dirigeant nord-coréen Kim Jong Un à l’une des étapes de son voyage.";
        assert_eq!(surfaces(t, Lang::FR), [["Kim Jong Un", "Jong Un", "Un"]]);
        let t = "Le Français Jean Baptiste Ferrand a gagné samedi.";
        assert_eq!(
            surfaces(t, Lang::FR),
            [[
                "Français Jean Baptiste Ferrand",
                "Jean Baptiste Ferrand",
                "Baptiste Ferrand",
                "Ferrand"
            ]]
        );
        let t = "Il a vu Mohammed ben Salmane et le général de Gaulle d’Ukraine.";
        assert_eq!(
            surfaces(t, Lang::FR),
            vec![
                vec!["Mohammed ben Salmane", "Salmane"],
                vec!["Gaulle"],
                vec!["Ukraine"]
            ]
        );
        // A lone capitalised word opening a sentence is not a mention; capitals are not names.
        assert!(surfaces("Hier, la KCNA a parlé.", Lang::FR).is_empty());
        assert_eq!(
            surfaces("Kim Jong Un’s train left. The NATO summit.", Lang::EN),
            [["Kim Jong Un", "Jong Un", "Un"]]
        );
        // Title-case headlines are skipped.
        assert!(surfaces("Kim Jong Un Returns Home After Long Russia Visit", Lang::EN).is_empty());
    }
}

#[cfg(test)]
mod index_tests {
    use crate::document::Document;
    use crate::index::{Index, IndexView, from_bytes, to_bytes};
    use crate::lang::Lang;
    use crate::tokenize::Analysis;

    fn build(texts: &[&str]) -> Index {
        let mut index = Index::default();
        for t in texts {
            let mut doc = Document::plain("x.txt", *t);
            doc.lang = Some(Lang::FR);
            index.add_document(&doc, &Analysis::new(t, Some(Lang::FR)));
        }
        index
    }

    #[test]
    fn names_merge_exactly_and_round_trip() {
        let a = [
            "Le dirigeant Kim Jong-un est arrivé, puis Kim Jong-un a parlé.",
            "Le dirigeant Kim Jong Un est parti.",
        ];
        let b = ["Vladimir Poutine a reçu Kim Jong-un au cosmodrome de Vostotchny."];
        let all: Vec<&str> = a.iter().chain(b.iter()).copied().collect();
        let union = build(&all);
        let mut ab = build(&a);
        ab.merge(build(&b));
        let mut ba = build(&b);
        ba.merge(build(&a));
        assert_eq!(to_bytes(&union), to_bytes(&ab));
        assert_eq!(to_bytes(&union), to_bytes(&ba));
        let back = from_bytes(&to_bytes(&union)).unwrap();
        assert_eq!(back, union);
        let fr = &union.langs[&Lang::FR];
        let kim = fr.names["Kim Jong-un"];
        assert_eq!((kim.mentions, kim.df), (3, 2));
        assert_eq!(fr.names["Kim Jong Un"].df, 1);
        // Derived groups, computed on first use, over the own and a reference index.
        let view = IndexView::new(&ab, None);
        let group = view.names_by_k1(Lang::FR, "kimjongun");
        assert_eq!(
            group.iter().map(|g| g.0).collect::<Vec<_>>(),
            ["Kim Jong Un", "Kim Jong-un"]
        );
        let own = build(&["Le dirigeant Kim Jong Un est revenu."]);
        let view = IndexView::new(&own, Some(&union));
        let group = view.names_by_k1(Lang::FR, "kimjongun");
        assert_eq!(group[0].1.mentions, 2);
        assert_eq!(group[1].1.mentions, 3);
        // Merging after a look-up recomputes the derived groups.
        let mut grown = build(&b);
        assert_eq!(
            IndexView::new(&grown, None)
                .names_by_k1(Lang::FR, "kimjongun")
                .len(),
            1
        );
        grown.merge(build(&a));
        assert_eq!(
            IndexView::new(&grown, None)
                .names_by_k1(Lang::FR, "kimjongun")
                .len(),
            2
        );
    }
}
