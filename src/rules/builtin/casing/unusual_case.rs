//! `casing/unusual-case`: (a) ALL-CAPS runs in body text, (b) English-style Title Case on French
//! (and other sentence-case) lines, (c) erratic inner capitals (`FRance`, `pArIs`).

use crate::diagnostic::Severity;
use crate::index::IndexView;
use crate::lang::{Lang, words};
use crate::rules::builtin::text;
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};
use crate::span::Span;
use crate::tokenize::{Analysis, Token, TokenKind, normalize};

use super::is_capitalized;

pub struct UnusualCase;

/// (a): a run needs this many all-caps words of 2 letters or more.
pub const MIN_CAPS_RUN: usize = 4;

/// Mixed-case names that look erratic (`CNews`).
const MIXED_NAMES: &[&str] = &["CNews", "DJing", "DJed", "KOed", "OKed", "IDed"];

/// Languages whose headlines are in sentence case, for (b).
fn sentence_case_headlines(lang: Lang) -> bool {
    matches!(lang, Lang::FR | Lang::ES | Lang::IT | Lang::PT)
}

/// Function words that stay lowercase inside a sentence-case line.
fn lowercase_function_word(lang: Lang, low: &str) -> bool {
    if lang == Lang::PT {
        return matches!(
            low,
            "de" | "da" | "do" | "das" | "dos" | "e" | "em" | "para" | "com" | "por" | "a" | "o"
        );
    }
    // Articles, prepositions and conjunctions; pronouns too, but `Il`/`Elle` are never inside a
    // name, so a capitalised one mid-line is just as unusual.
    words::is_function_word(lang, low)
}

impl Rule for UnusualCase {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "casing/unusual-case".into(),
            severity: Severity::Warning,
            summary: "all-caps runs, title case on a french line, or erratic capitals inside a word".into(),
            explanation: "(a) Sub-kind `all-caps`: 4 or more consecutive all-caps words of 2 letters or \
                more (single letters neither count nor break the run) that include a function word of the \
                language and at least two words of 4 letters or more, so acronym lists (`OTAN, ONU, UE`) \
                are left alone; runs right after an opening quote (slogans) are skipped. (b) Sub-kind \
                `title-case` (French, Spanish, Italian, Portuguese): a line of 4 words or more, with no \
                sentence break inside, where 80% of the content words after the first are capitalised \
                and so is at least one function word (`Kim Revient De Russie Après Une Visite`). (c) \
                Sub-kind `inner-caps`: a word with two capitals then lowercase letters (`FRance`, a \
                shift-key slip) or alternating case (`pArIs`). Names like `McDonald`, `iPhone`, `YouTube`, \
                `DiCaprio`, Roman ordinals (`IIème`) and Dutch `IJ` are left alone."
                .into(),
            flagged: examples(&[
                ("fr", "Kim Revient De Russie Après Une Visite Historique"),
                ("fr", "LE GOUVERNEMENT A ANNONCÉ DE NOUVELLES MESURES CE MATIN."),
                ("fr", "La FRance a gagné le match."),
            ]),
            allowed: examples(&[
                ("fr", "Kim revient de Russie après une visite historique"),
                ("en", "The OECD and NATO issued a joint statement."),
                ("fr", "Les délégués de l’OTAN, de l’ONU, de l’UE et du FMI se sont réunis."),
                ("en", "McDonald’s sells iPhone cases on YouTube, said DiCaprio."),
            ]),
            languages: Vec::new(),
            default_enabled: true,
            origin: file!().into(),
        }
    }

    fn check(&self, cx: &Ctx<'_>, out: &mut Sink<'_>) {
        let an = cx.an;
        let lang = an.lang;
        // One scan of the text's capitals finds (c) and the words that may start an (a) run.
        let caps_words = inner_caps(an, cx.index, out);
        all_caps_runs(an, &caps_words, out);
        if sentence_case_headlines(lang) && (words::has_lists(lang) || lang == Lang::PT) {
            title_case_lines(an, out);
        }
    }

    fn needs_index(&self) -> bool {
        true
    }
}

/// (a) All-caps runs. A run starts at a word in capitals of two letters or more: `caps_words`
/// holds the index of each such token, in order ([`inner_caps`] finds them), so the tokens in
/// between are not looked at; a run then takes the tokens that follow as long as they are words
/// in capitals or may stand between two.
fn all_caps_runs(an: &Analysis<'_>, caps_words: &[u32], out: &mut Sink<'_>) {
    let text = an.text;
    let lang = an.lang;
    let tokens = &an.tokens;
    let bytes = text.as_bytes();
    // A word starting with an ASCII lowercase letter (most words) is not in capitals: it ends a run
    // like any other word that is not, without looking at its text.
    let maybe_caps =
        |t: &Token| t.kind == TokenKind::Word && !bytes[t.start as usize].is_ascii_lowercase();
    let mut buf = String::new();
    let mut ti = 0usize;
    // A run starts at a word in capitals of two letters or more (`A`, `À`, `L’` alone neither
    // count nor break one), the first one from `ti` on.
    for &first in caps_words {
        let first = first as usize;
        if first < ti {
            continue;
        }
        ti = first;
        let start = ti;
        let quoted = prev_significant(an, start)
            .is_some_and(|p| matches!(p.text(text), "«" | "“" | "\"" | "‘"));
        let (mut count, mut long, mut function) = (0usize, 0usize, 0usize);
        let mut end = start;
        // The run goes on up to the first token that is none of these.
        while let Some(t) = tokens.get(ti) {
            match t.kind {
                TokenKind::Space | TokenKind::Number => {}
                TokenKind::Word if maybe_caps(t) => {
                    let w = t.text(text);
                    match caps_letters(w) {
                        None => break,
                        Some(1) => {}
                        Some(letters) => {
                            end = ti;
                            count += 1;
                            long += usize::from(letters >= 4);
                            function += usize::from(caps_function_word(lang, w, &mut buf));
                        }
                    }
                }
                TokenKind::Punct
                    if matches!(
                        &bytes[t.start as usize..t.end as usize],
                        b"," | b"'" | b"-" | [0xE2, 0x80, 0x99] // `’`
                    ) => {}
                _ => break,
            }
            ti += 1;
        }
        let enough_words = if words::has_lists(lang) {
            function >= 1 && long >= 2
        } else {
            long >= 3
        };
        if count >= MIN_CAPS_RUN && enough_words && !quoted && !inside_quotes(an, start) {
            let span = Span::new(tokens[start].start, tokens[end].end);
            out.report_kind(
                "all-caps",
                false,
                span,
                format!("{count} words in capitals: write body text in sentence case"),
                None,
            );
        }
        // The search goes on from the token that ended the run (if any), which starts none.
    }
}

/// Whether a capitals-only word is a function word of `lang` (`LE`, `D’UNE`: the part after an
/// elision counts too); `buf` is scratch space.
fn caps_function_word(lang: Lang, w: &str, buf: &mut String) -> bool {
    text::fold(w, buf);
    let last = buf.rsplit(['’', '\'']).next().unwrap_or(buf);
    words::is_function_word(lang, last) || words::is_function_word(lang, buf)
}

/// The number of letters of a word in capitals (no lowercase letter, one letter or more), or
/// `None` for any other word. Short-circuits on the first lowercase letter (the first or second
/// character of almost every word).
fn caps_letters(w: &str) -> Option<usize> {
    // Most words looked at are capitalised: their second byte is a lowercase ASCII letter.
    if w.as_bytes().get(1).is_some_and(u8::is_ascii_lowercase) || w.chars().any(char::is_lowercase)
    {
        return None;
    }
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    (letters >= 1).then_some(letters)
}

/// The last token before token `ti` that is not a space, a number or a one-letter word in
/// capitals (`A`, `L’`, which neither count in a run nor break it).
fn prev_significant<'t>(an: &'t Analysis<'_>, ti: usize) -> Option<&'t Token> {
    an.tokens.get(..ti)?.iter().rev().find(|t| match t.kind {
        TokenKind::Space | TokenKind::Number => false,
        TokenKind::Word => {
            an.text.as_bytes()[t.start as usize].is_ascii_lowercase()
                || caps_letters(t.text(an.text)) != Some(1)
        }
        _ => true,
    })
}

/// Whether token `ti` is inside quotation marks opened earlier on its line.
fn inside_quotes(an: &Analysis<'_>, ti: usize) -> bool {
    let (start, _) = super::line_of(&an.tokens, ti);
    let mut depth = 0i32;
    let mut straight = false;
    for t in &an.tokens[start..ti] {
        match t.text(an.text) {
            "«" | "“" | "„" => depth += 1,
            "»" | "”" => depth -= 1,
            "\"" => straight = !straight,
            _ => {}
        }
    }
    depth > 0 || straight
}

/// (b) Title Case lines in sentence-case languages.
fn title_case_lines(an: &Analysis<'_>, out: &mut Sink<'_>) {
    let text = an.text;
    let lang = an.lang;
    let mut buf = String::new();
    for line in &an.lines {
        let s = line.text(text);
        let trimmed = s.trim();
        if trimmed.len() < 12 || !mostly_capitalized(trimmed) {
            continue;
        }
        // One sentence only: no terminal mark followed by more text.
        let body = trimmed.trim_end_matches(['.', '!', '?', '…', ' ', '»', '"']);
        if body.contains(". ") || body.contains("! ") || body.contains("? ") {
            continue;
        }
        let mut first = true;
        let (mut total, mut content, mut content_caps) = (0usize, 0usize, 0usize);
        let mut caps_function: Vec<&str> = Vec::new();
        let mut all_upper = true;
        for w in trimmed
            .split(|c: char| !(c.is_alphanumeric() || c == '’' || c == '\'' || c == '-'))
            .filter(|w| w.chars().any(char::is_alphabetic))
        {
            total += 1;
            let upper_word = !w.chars().any(char::is_lowercase);
            if !upper_word {
                all_upper = false;
            }
            if first {
                first = false;
                continue;
            }
            // Acronyms and all-caps words are (a)'s business, not evidence of Title Case.
            if upper_word {
                continue;
            }
            normalize::fold(w, &mut buf);
            if lowercase_function_word(lang, &buf) {
                if is_capitalized(w) && w.chars().skip(1).all(|c| !c.is_uppercase()) {
                    caps_function.push(w);
                }
            } else if w.chars().next().is_some_and(char::is_alphabetic) {
                content += 1;
                content_caps += usize::from(is_capitalized(w));
            }
        }
        if total >= 4
            && !all_upper
            && content >= 2
            && content_caps * 5 >= content * 4
            && !caps_function.is_empty()
        {
            let start = line.start as usize + (s.len() - s.trim_start().len());
            let span = Span::from_usize(start, start + trimmed.len());
            let shown: Vec<String> = caps_function
                .iter()
                .take(3)
                .map(|w| format!("`{w}`"))
                .collect();
            out.report_kind(
                "title-case",
                false,
                span,
                format!(
                    "title case on a {lang} line: {} and most words are capitalised; use sentence case",
                    shown.join(", ")
                ),
                None,
            );
        }
    }
}

/// A cheap first look at a line: at least half of its space-separated words start with a capital.
/// Words start at the line start and after each space, unless another space follows. Eight bytes
/// at a time (see [`WordStarts`]).
fn mostly_capitalized(line: &str) -> bool {
    let mut starts = WordStarts {
        words: 0,
        caps: 0,
        after_space: 0x80,
    };
    let mut chunks = line.as_bytes().chunks_exact(8);
    let mut at = 0;
    for c in &mut chunks {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        starts.add(line, at, u64::from_le_bytes(a), u64::MAX);
        at += 8;
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        // Padded with zeros, which `valid` leaves out.
        let valid = u64::MAX >> (64 - 8 * rest.len());
        starts.add(line, at, words::read_partial(rest), valid);
    }
    starts.caps * 2 >= starts.words
}

/// The word starts of a line and how many are capitals, eight bytes at a time: the bytes that
/// follow a space (or start the line) and are no space. Those that are not ASCII go to the char
/// test.
struct WordStarts {
    words: u32,
    caps: u32,
    /// The high bit of byte 0 is set when the byte before the next chunk is a space (or the line
    /// starts there).
    after_space: u64,
}

impl WordStarts {
    /// Adds the bytes `x` of `line` from `at` on (`valid`: the bytes of the line, the others
    /// zero).
    #[inline(always)]
    fn add(&mut self, line: &str, at: usize, x: u64, valid: u64) {
        let spaces = words::zero_bytes8(x ^ (u64::from(b' ') * ONES)) & valid;
        let starts = ((spaces << 8) | self.after_space) & !spaces & valid & HIGH;
        self.after_space = spaces >> 56;
        self.words += flagged_bytes(starts);
        self.caps += flagged_bytes(starts & words::ascii_capitals8(x));
        let mut other = starts & x & HIGH;
        while other != 0 {
            let i = at + (other.trailing_zeros() / 8) as usize;
            let upper = line
                .get(i..)
                .and_then(|r| r.chars().next())
                .is_some_and(char::is_uppercase);
            self.caps += u32::from(upper);
            other &= other - 1;
        }
    }
}

/// Eight ones, one a byte (for tests on eight bytes at once).
const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of each byte.
const HIGH: u64 = 0x80 * ONES;

/// How many bytes of `mask` (high bits only) are flagged: a multiply that adds them up in the top
/// byte.
#[inline]
fn flagged_bytes(mask: u64) -> u32 {
    ((mask >> 7).wrapping_mul(ONES) >> 56) as u32
}

/// (c) Erratic capitals inside a word. Only a word with an uppercase char after its first one can
/// have them, and such a char has a byte that [`maybe_capitals`] finds: the text is scanned for
/// those bytes, and only the words holding one (past their first byte) are looked at.
///
/// Returns the indices of the words in capitals of two letters or more, in order, for
/// [`all_caps_runs`]: the second letter of such a word is not lowercase, so it is an ASCII
/// capital, a Latin-1 capital (0xC3 then 0x80..=0x9E) or another non-ASCII char (a lead byte
/// other than 0xC3), and the scan finds a byte of it past the word's first byte.
fn inner_caps(an: &Analysis<'_>, index: &IndexView<'_>, out: &mut Sink<'_>) -> Vec<u32> {
    let text = an.text;
    let tokens = &an.tokens;
    let mut caps_words = Vec::new();
    // The token holding the byte looked at; the text before `done` needs no more look.
    let mut ti = 0usize;
    let mut done = 0usize;
    let bytes = text.as_bytes();
    let mut at_byte = |p: usize| {
        if p < done {
            return;
        }
        // After a byte that no word holds (words hold letters, digits, marks and `'`, `’`, `-`
        // only: a space, most punctuation), `p` starts its token: a capital that starts a word
        // (the most common case), or no word at all.
        let Some(&before) = p.checked_sub(1).and_then(|i| bytes.get(i)) else {
            return;
        };
        if before.is_ascii() && !(before.is_ascii_alphanumeric() || matches!(before, b'\'' | b'-'))
        {
            return;
        }
        ti = token_at(tokens, ti, p);
        let Some(t) = tokens.get(ti) else { return };
        if t.kind != TokenKind::Word {
            done = t.end as usize;
            return;
        }
        // A capital that starts the word: a later byte of the word may still be one.
        if p == t.start as usize {
            return;
        }
        done = t.end as usize;
        let w = t.text(text);
        // A word without a lowercase letter has no erratic capitals (see [`erratic`]).
        if let Some(letters) = caps_letters(w) {
            if letters >= 2 {
                caps_words.push(ti as u32);
            }
            return;
        }
        if !upper_after_first(w) {
            return;
        }
        let mut offset = 0usize;
        for seg in w.split(['’', '\'', '-']) {
            let seg_start = t.start as usize + offset;
            offset += seg.len() + seg_end_len(w, offset + seg.len());
            if let Some((kind, fix)) = erratic(seg) {
                if MIXED_NAMES.contains(&seg) || consistent_name(index, an.lang, seg) {
                    continue;
                }
                let span = Span::from_usize(seg_start, seg_start + seg.len());
                let msg = format!("erratic capitals in `{seg}`");
                out.report_kind(kind, false, span, msg, fix);
            }
        }
    };
    maybe_capitals(text.as_bytes(), &mut at_byte);
    caps_words
}

/// The index of the first token from `from` on that ends after byte `p` (the one holding it, as
/// tokens tile the text), or the number of tokens: steps doubling from `from`, then a binary
/// search, so that the next token is found at once and a far one in a few steps.
fn token_at(tokens: &[Token], from: usize, p: usize) -> usize {
    let ends_before = |t: &Token| t.end as usize <= p;
    if !tokens.get(from).is_some_and(ends_before) {
        return from;
    }
    // The tokens before `lo` end before `p`.
    let (mut lo, mut step) = (from + 1, 1);
    while tokens.get(lo + step - 1).is_some_and(ends_before) {
        lo += step;
        step *= 2;
    }
    let hi = (lo + step).min(tokens.len());
    lo + tokens
        .get(lo..hi)
        .map_or(0, |t| t.partition_point(ends_before))
}

/// Calls `f` with the position of each byte of `b` that is an ASCII capital or a non-ASCII byte
/// other than 0xC3 and 0x9F..=0xBF, in order. Every uppercase char has such a byte: ASCII
/// capitals; `À` to `Þ` are 0xC3 then 0x80..=0x9E; any other non-ASCII char starts with 0xC2 or
/// 0xC4 and up. Lowercase Latin-1 letters (`é`: 0xC3 0xA9, `ß`: 0xC3 0x9F) have none, so most
/// French words give nothing. Eight bytes at a time.
fn maybe_capitals(b: &[u8], f: &mut impl FnMut(usize)) {
    let mut bits = |at: usize, mut mask: u64| {
        while mask != 0 {
            f(at + (mask.trailing_zeros() / 8) as usize);
            mask &= mask - 1;
        }
    };
    let mut chunks = b.chunks_exact(8);
    let mut at = 0;
    for c in &mut chunks {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        bits(at, capital_bytes8(u64::from_le_bytes(a)));
        at += 8;
    }
    // The last bytes, padded with zeros (never flagged).
    bits(at, capital_bytes8(words::read_partial(chunks.remainder())));
}

/// The bytes of `x` that [`maybe_capitals`] looks for: the high bit of each is set.
#[inline]
fn capital_bytes8(x: u64) -> u64 {
    let upper = words::ascii_capitals8(x);
    let high = x & HIGH;
    if high == 0 {
        return upper;
    }
    let c3 = words::zero_bytes8(x ^ (0xC3 * ONES));
    // Bytes from 0x9F to 0xBF (of those with the high bit): low 7 bits from 0x1F to 0x3F.
    let low7 = x & (0x7f * ONES);
    let cont = (low7 + 0x61 * ONES) & !(low7 + 0x40 * ONES) & HIGH;
    upper | (high & !(c3 | cont))
}

/// Whether a char after the first one of `w` is uppercase, as `w.chars().skip(1).any(is_uppercase)`
/// but byte by byte for ASCII and for the Latin-1 letters of French and other Western European
/// words (`é`, `à`, `ç`: lead byte 0xC3, uppercase from 0x80 to 0x9E but 0x97, `×`); any other
/// non-ASCII char goes to the char test.
fn upper_after_first(w: &str) -> bool {
    let b = w.as_bytes();
    let mut i = w.chars().next().map_or(b.len(), char::len_utf8);
    while let Some(&c) = b.get(i) {
        if c < 0x80 {
            if c.is_ascii_uppercase() {
                return true;
            }
            i += 1;
        } else if c == 0xC3 {
            if matches!(b.get(i + 1), Some(&n) if (0x80..=0x9E).contains(&n) && n != 0x97) {
                return true;
            }
            i += 2;
        } else {
            return w
                .get(i..)
                .is_some_and(|rest| rest.chars().any(char::is_uppercase));
        }
    }
    false
}

/// Whether the corpus spells `seg` in mixed case consistently (`MBundestag` in 3 documents or
/// more): a name, not a slip. The index keeps case-folded counts with their capitalised and
/// upper-case shares, so a word that is neither capitalised nor upper case 80% of the time is one
/// written lowercase or mixed; erratic slips of common words (`FRance`) drown in the capitalised
/// occurrences of the word.
fn consistent_name(index: &IndexView<'_>, lang: Lang, seg: &str) -> bool {
    let mut folded = String::with_capacity(seg.len());
    normalize::fold(seg, &mut folded);
    let s = index.word(lang, &folded);
    let other = s.count.saturating_sub(s.capitalized + s.upper);
    s.count >= 5 && s.df >= 3 && other * 5 >= s.count * 4
}

/// The byte length of the separator at `at` in `w` (0 at the end).
fn seg_end_len(w: &str, at: usize) -> usize {
    w[at..].chars().next().map_or(0, char::len_utf8)
}

/// Whether a word segment has erratic capitals; its sub-kind and fix. Only a segment with a
/// lowercase letter has them.
fn erratic(seg: &str) -> Option<(&'static str, Option<String>)> {
    if !seg.chars().skip(1).any(char::is_uppercase) {
        return None;
    }
    let chars: Vec<char> = seg.chars().collect();
    if chars.len() < 4 || !chars.iter().all(|c| c.is_alphabetic()) {
        return None;
    }
    // Shift-key slip: exactly two capitals, then 2+ lowercase letters (`FRance`).
    let upper_prefix = chars.iter().take_while(|c| c.is_uppercase()).count();
    if upper_prefix == 2 && chars[2..].iter().all(|c| c.is_lowercase()) && chars.len() >= 5 {
        // Dutch `IJssel`, Roman ordinals (`IIème`).
        if chars[..2] == ['I', 'J'] || chars[..2].iter().all(|c| "IVXLCDM".contains(*c)) {
            return None;
        }
        let fixed: String = std::iter::once(chars[0])
            .chain(chars[1..].iter().flat_map(|c| c.to_lowercase()))
            .collect();
        return Some(("inner-caps", Some(fixed)));
    }
    // Alternating case: `pArIs`, `FrAnCe`. Count single lowercase letters between two capitals.
    let mut transitions = 0;
    for pair in chars.windows(2) {
        if pair[0].is_uppercase() != pair[1].is_uppercase() {
            transitions += 1;
        }
    }
    let mut singles = 0;
    for i in 1..chars.len().saturating_sub(1) {
        if chars[i].is_lowercase() && chars[i - 1].is_uppercase() && chars[i + 1].is_uppercase() {
            singles += 1;
        }
    }
    // Dimensions (`LxTxH`, `BxHxT`).
    if chars.iter().filter(|c| c.is_lowercase()).all(|&c| c == 'x') {
        return None;
    }
    let starts_lower = chars[0].is_lowercase();
    if transitions >= 3 && (singles >= 2 || (starts_lower && singles >= 1)) {
        return Some(("inner-caps", None));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upper_after_first_agrees_with_the_char_test() {
        let words = [
            "",
            "a",
            "A",
            "Paris",
            "FRance",
            "pArIs",
            "été",
            "Été",
            "ÉTÉ",
            "étÉ",
            "x×y",
            "aÀ",
            "aÞ",
            "aß",
            "aÿ",
            "naïve",
            "ŁÓDŹ",
            "łódź",
            "aŁ",
            "Œuvre",
            "cœUr",
            "Ωmega",
            "ωΩ",
            "日本",
            "a日B",
            "l’État",
            "l’état",
            "rock-Star",
            "É",
            "éé",
            "e\u{301}E",
        ];
        for w in words {
            let expect = w.chars().skip(1).any(char::is_uppercase);
            assert_eq!(upper_after_first(w), expect, "{w}");
        }
        // Every char of the first two Unicode blocks after a letter, and as the first char.
        for cp in 0u32..0x250 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let w = format!("a{c}");
            assert_eq!(upper_after_first(&w), c.is_uppercase(), "U+{cp:04X}");
            let w = format!("{c}a");
            assert!(!upper_after_first(&w), "U+{cp:04X} first");
        }
    }
    use crate::rules::testing::{assert_allows, assert_flags, run};

    /// [`mostly_capitalized`] as it was written first: a word at the line start and after each
    /// space found by `memchr`.
    fn mostly_capitalized_memchr(line: &str) -> bool {
        let b = line.as_bytes();
        let (mut words, mut caps) = (0usize, 0usize);
        let mut word_at = |i: usize| {
            let Some(&c) = b.get(i) else { return };
            if c == b' ' {
                return;
            }
            words += 1;
            caps += usize::from(line[i..].chars().next().is_some_and(char::is_uppercase));
        };
        word_at(0);
        for sp in memchr::memchr_iter(b' ', b) {
            word_at(sp + 1);
        }
        caps * 2 >= words
    }

    #[test]
    fn mostly_capitalized_agrees_with_memchr() {
        let parts = [
            "Le", "la", " ", "  ", "État", "été", "Œuvre", "œuvre", "X", "y", "«", "1",
        ];
        // Every line of up to five parts (spaces at every place of two eight-byte chunks).
        let mut lines = vec![String::new()];
        let mut all = Vec::new();
        for _ in 0..5 {
            lines = lines
                .iter()
                .flat_map(|l| parts.iter().map(move |p| format!("{l}{p}")))
                .collect();
            all.extend(lines.iter().cloned());
        }
        for l in &all {
            assert_eq!(mostly_capitalized(l), mostly_capitalized_memchr(l), "{l:?}");
        }
        for l in [
            "Kim Revient De Russie Après Une Visite Historique",
            "Kim revient de Russie après une visite historique",
            "À Paris Le Président Émmanuel a dit",
        ] {
            assert_eq!(mostly_capitalized(l), mostly_capitalized_memchr(l), "{l:?}");
        }
    }

    #[test]
    fn maybe_capitals_finds_every_uppercase_char() {
        let byte_test = |x: u8| {
            x.is_ascii_uppercase() || (x >= 0x80 && x != 0xC3 && !(0x9F..=0xBF).contains(&x))
        };
        // Each byte value at each place of an eight-byte chunk, the text's end included.
        for x in 0..=255u8 {
            for len in 1..=17 {
                for at in 0..len {
                    let mut b = vec![b'a'; len];
                    b[at] = x;
                    let mut found = Vec::new();
                    maybe_capitals(&b, &mut |p| found.push(p));
                    let expect: Vec<usize> = (0..len).filter(|&i| byte_test(b[i])).collect();
                    assert_eq!(found, expect, "{x:#x} at {at} of {len}");
                }
            }
        }
        // Every uppercase char below U+3000 has a flagged byte; lowercase Latin-1 letters none.
        for c in (0u32..0x3000).filter_map(char::from_u32) {
            let s = c.to_string();
            let mut n = 0;
            maybe_capitals(s.as_bytes(), &mut |_| n += 1);
            if c.is_uppercase() {
                assert!(n > 0, "{c:?}");
            }
            if ('\u{DF}'..='\u{FF}').contains(&c) {
                assert_eq!(n, 0, "{c:?}");
            }
        }
    }

    /// The spans [`all_caps_runs`] reports in `text`.
    fn all_caps_spans(lang: Lang, text: &str, reference: bool) -> Vec<(u32, u32)> {
        let an = Analysis::new(text, Some(lang));
        let id: std::sync::Arc<str> = "casing/unusual-case".into();
        let mut found = Vec::new();
        let mut sink = Sink::new(&id, Severity::Warning, &mut found);
        if reference {
            all_caps_runs_token_by_token(&an, &mut sink);
        } else {
            let index = crate::index::Index::default();
            let view = IndexView::new(&index, None);
            let mut scratch = Vec::new();
            let caps_words = inner_caps(
                &an,
                &view,
                &mut Sink::new(&id, Severity::Warning, &mut scratch),
            );
            // The words in capitals of two letters or more, as defined.
            let expect: Vec<u32> = (0..an.tokens.len() as u32)
                .filter(|&i| {
                    let t = &an.tokens[i as usize];
                    t.kind == TokenKind::Word && matches!(caps_letters(t.text(text)), Some(2..))
                })
                .collect();
            assert_eq!(caps_words, expect, "{text:?}");
            all_caps_runs(&an, &caps_words, &mut sink);
        }
        found.iter().map(|d| (d.span.start, d.span.end)).collect()
    }

    /// [`all_caps_runs`] as it was written first: every token in turn, the last significant one
    /// kept on the way.
    fn all_caps_runs_token_by_token(an: &Analysis<'_>, out: &mut Sink<'_>) {
        let (text, lang, bytes) = (an.text, an.lang, an.text.as_bytes());
        let mut run_start: Option<usize> = None;
        let mut run_end = 0usize;
        let (mut count, mut long, mut function) = (0usize, 0usize, 0usize);
        let mut quoted = false;
        let mut prev_significant: Option<&Token> = None;
        let mut buf = String::new();
        let mut flush = |start: Option<usize>,
                         end: usize,
                         count: usize,
                         long: usize,
                         function: usize,
                         quoted: bool| {
            let Some(s) = start else { return };
            let enough_words = if words::has_lists(lang) {
                function >= 1 && long >= 2
            } else {
                long >= 3
            };
            if count >= MIN_CAPS_RUN && enough_words && !quoted && !inside_quotes(an, s) {
                let span = Span::new(an.tokens[s].start, an.tokens[end].end);
                out.report_kind("all-caps", false, span, "", None);
            }
        };
        for (ti, t) in an.tokens.iter().enumerate() {
            match t.kind {
                TokenKind::Space | TokenKind::Number => continue,
                TokenKind::Word if !bytes[t.start as usize].is_ascii_lowercase() => {
                    let w = t.text(text);
                    let all_upper = w.chars().all(|c| !c.is_lowercase());
                    let letters = if all_upper {
                        w.chars().filter(|c| c.is_alphabetic()).count()
                    } else {
                        0
                    };
                    let all_upper = all_upper && letters >= 1;
                    if all_upper && letters == 1 {
                        continue;
                    }
                    if all_upper {
                        if run_start.is_none() {
                            run_start = Some(ti);
                            quoted = prev_significant
                                .is_some_and(|p| matches!(p.text(text), "«" | "“" | "\"" | "‘"));
                            (count, long, function) = (0, 0, 0);
                        }
                        run_end = ti;
                        count += 1;
                        long += usize::from(letters >= 4);
                        function += usize::from(caps_function_word(lang, w, &mut buf));
                        prev_significant = Some(t);
                        continue;
                    }
                }
                TokenKind::Punct
                    if matches!(
                        &bytes[t.start as usize..t.end as usize],
                        b"," | b"'" | b"-" | [0xE2, 0x80, 0x99]
                    ) =>
                {
                    prev_significant = Some(t);
                    continue;
                }
                _ => {}
            }
            if run_start.is_some() {
                flush(run_start.take(), run_end, count, long, function, quoted);
            }
            prev_significant = Some(t);
        }
        flush(run_start.take(), run_end, count, long, function, quoted);
    }

    #[test]
    fn all_caps_runs_agree_with_the_token_by_token_scan() {
        let parts = [
            "LE", "A", "L’", "ÉTAT", "DE", "x", "Paris", "3", ",", "«", "\"", "\n", "À", "4X4",
            "日本", "ŁÓDŹ",
        ];
        // Up to three parts, each after a space or not, inside a run, then before one.
        let mut texts = Vec::new();
        let mut lines = vec![String::new()];
        for _ in 0..3 {
            lines = lines
                .iter()
                .flat_map(|l| {
                    parts
                        .iter()
                        .flat_map(move |p| [format!("{l} {p}"), format!("{l}{p}")])
                })
                .collect();
            texts.extend(
                lines
                    .iter()
                    .map(|l| format!("LE GOUVERNEMENT{l} NOUVELLES MESURES")),
            );
        }
        texts.extend(
            lines
                .iter()
                .map(|l| format!("{l} NOUVELLES MESURES ANNONCÉES")),
        );
        let mut flagged = 0;
        for text in &texts {
            for lang in [Lang::FR, Lang::EN, Lang::NL] {
                let found = all_caps_spans(lang, text, false);
                assert_eq!(found, all_caps_spans(lang, text, true), "{lang} {text:?}");
                flagged += found.len();
            }
        }
        assert!(flagged > 1000, "{flagged}");
    }

    #[test]
    fn token_at_finds_the_token_holding_a_byte() {
        let an = Analysis::new(
            "Le  MBundestag, l’État (et 3 pArIs) — « OK » fin.\nDeux lignes ici.",
            Some(Lang::FR),
        );
        for p in 0..an.text.len() {
            let expect = an.tokens.iter().position(|t| t.end as usize > p);
            for from in 0..=expect.unwrap_or(an.tokens.len()) {
                let found = token_at(&an.tokens, from, p);
                assert_eq!(Some(found), expect, "byte {p} from {from}");
            }
        }
        assert_eq!(token_at(&an.tokens, 0, an.text.len()), an.tokens.len());
    }

    #[test]
    fn inner_caps_after_other_capitals() {
        // Words that start with a capital or hold other flagged bytes before the erratic one.
        let text = "À l’ÉTAT, « FRance » et Éric pArIs FRance.";
        let found = run(&UnusualCase, Lang::FR, text);
        let spans: Vec<&str> = found
            .iter()
            .filter(|d| d.kind == Some("inner-caps"))
            .map(|d| d.span.text(text))
            .collect();
        assert_eq!(spans, ["FRance", "pArIs", "FRance"]);
    }

    #[test]
    fn catalog_cases() {
        let r = UnusualCase;
        assert_flags(
            &r,
            Lang::FR,
            "Kim Revient De Russie Après Une Visite Historique",
            &["Kim Revient De Russie Après Une Visite Historique"],
        );
        assert_flags(
            &r,
            Lang::FR,
            "LE GOUVERNEMENT A ANNONCÉ DE NOUVELLES MESURES CE MATIN.",
            &["LE GOUVERNEMENT A ANNONCÉ DE NOUVELLES MESURES CE MATIN"],
        );
        assert_allows(
            &r,
            Lang::FR,
            "Kim revient de Russie après une visite historique",
        );
        assert_allows(&r, Lang::EN, "The OECD and NATO issued a joint statement.");
    }

    #[test]
    fn kinds() {
        let found = run(&UnusualCase, Lang::FR, "La FRance a gagné.");
        assert_eq!(found[0].kind, Some("inner-caps"));
        assert_eq!(found[0].suggestion.as_deref(), Some("France"));
        let found = run(&UnusualCase, Lang::FR, "Il aime pArIs.");
        assert_eq!(found[0].kind, Some("inner-caps"));
        let found = run(
            &UnusualCase,
            Lang::FR,
            "Kim Revient De Russie Après Une Visite",
        );
        assert_eq!(found[0].kind, Some("title-case"));
    }

    #[test]
    fn acronyms_and_names() {
        let r = UnusualCase;
        assert_allows(
            &r,
            Lang::FR,
            "Les délégués de l’OTAN, de l’ONU, de l’UE et du FMI se sont réunis. OTAN ONU UE FMI.",
        );
        assert_allows(
            &r,
            Lang::EN,
            "McDonald’s sells iPhone cases on YouTube, said DiCaprio and MacKenzie of WiFi Inc.",
        );
        assert_allows(
            &r,
            Lang::FR,
            "Au XIXe siècle et au IIème siècle, sur l’IJssel, CNews et les CDs, la PME.",
        );
        // A slogan in quotes, dimensions.
        assert_allows(
            &r,
            Lang::FR,
            "Ils criaient « NON À LA RÉFORME DES RETRAITES » hier.",
        );
        assert_allows(
            &r,
            Lang::FR,
            "Il a écrit : « Merci : MERCI D’AVOIR TENU TÊTE À LA FOULE. » Taille (LxTxH) : 4x3x2.",
        );
    }

    #[test]
    fn names_spelled_the_same_across_the_corpus() {
        let doc = "Le serveur MBundestag fonctionne.";
        let found = crate::rules::testing::run_with_corpus(
            &UnusualCase,
            Lang::FR,
            doc,
            &[
                "Le MBundestag vote.",
                "Au MBundestag, on vote.",
                "Le MBundestag et le MBundestag.",
            ],
        );
        assert!(found.is_empty(), "{found:?}");
        // Not enough documents: flagged.
        assert_flags(&UnusualCase, Lang::FR, doc, &["MBundestag"]);
    }

    #[test]
    fn title_case_needs_a_capitalised_function_word_and_one_sentence() {
        let r = UnusualCase;
        // Names only: no function word capitalised.
        assert_allows(&r, Lang::FR, "Emmanuel Macron et Olaf Scholz à Berlin");
        // Two sentences with capitals after the period.
        assert_allows(
            &r,
            Lang::FR,
            "Kim Jong Un Est Parti. Le Train Est Arrivé En Russie.",
        );
        // English lines are not checked.
        assert_allows(
            &r,
            Lang::EN,
            "Kim Returns From Russia After A Historic Visit",
        );
    }
}
