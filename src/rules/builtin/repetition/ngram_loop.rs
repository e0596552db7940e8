//! `repetition/ngram-loop`: a word or a short n-gram repeated in a loop, the signature of an
//! oscillatory hallucination in machine translation or text generation (`te te te te`,
//! `de l’utérus de l’utérus de l’utérus`).

use hashbrown::HashMap;

use crate::diagnostic::Severity;
use crate::lang::words::ascii_lower8;
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};
use crate::span::Span;
use crate::tokenize::{Token, TokenKind};

pub struct NgramLoop;

/// Longest n-gram looked for.
const MAX_N: usize = 4;
/// Consecutive occurrences that make a loop: 4 for a single word, 3 for 2- to 4-grams.
const fn min_repeats(n: usize) -> usize {
    if n == 1 { 4 } else { 3 }
}
/// Lines of at least this many words get the top-n-gram check.
const TOP_NGRAM_MIN_WORDS: usize = 50;
/// Share of word characters covered by the most frequent 2-, 3- and 4-gram above which a line is
/// a loop. These are twice the document-level "top n-gram character fraction" filters of Rae et
/// al. 2021 (0.20, 0.18, 0.16): on single paragraphs those flag enumerations (`background to high
/// concentrations in…`) and anaphora in speeches.
const TOP_NGRAM_SHARE: [f64; 3] = [0.40, 0.36, 0.32];

/// The word sequence of a line: for each element, the key of a case-folded word ([`key_of`])
/// or [`BREAK`] for a break (punctuation other than a comma, a number, a symbol, or a word inside
/// quotation marks), and, when asked for, the token index of each element.
struct Items {
    /// The first `len` elements are the line's (the buffers keep the size of the longest line).
    keys: Vec<u64>,
    tokens: Vec<u32>,
    len: usize,
    /// Scratch space for folding words.
    folder: super::Folder,
    folded: Vec<u8>,
    scratch: String,
}

impl Items {
    fn new(capacity: usize) -> Items {
        Items {
            keys: Vec::with_capacity(capacity),
            tokens: Vec::new(),
            len: 0,
            folder: super::Folder::lower(),
            folded: Vec::new(),
            scratch: String::new(),
        }
    }

    fn keys(&self) -> &[u64] {
        self.keys.get(..self.len).unwrap_or_default()
    }
}

/// The element of [`Items`] that stands for a break (no word key: packed keys have no high bit
/// set, hashed ones are below it).
const BREAK: u64 = u64::MAX;

impl Rule for NgramLoop {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "repetition/ngram-loop".into(),
            severity: Severity::Error,
            summary: "a word or a short phrase repeated in a loop".into(),
            explanation: "Machine translation and text generation sometimes fall into a loop and repeat a \
                word or a phrase (`te te te te te`, `and investment and investment and investment`): an \
                oscillatory hallucination, which usually replaces the real content. Within a sentence, \
                over words with commas ignored, the rule looks for a word repeated 4 times in a row or \
                a 2- to 4-word n-gram repeated 3 times in a row (`loop`); in a line of 50 words or more, \
                for a 2-, 3- or 4-gram covering more than 40, 36 or 32 % of the word characters \
                (`top-ngram`; twice the document-level thresholds of the Gopher filters, since a single \
                paragraph with an enumeration or an anaphora easily passes those). Words inside quotation marks (chants, slogans) are skipped. Two or three \
                repeated words are `repetition/repeated-word`'s. The suggestion keeps one occurrence."
                .into(),
            flagged: examples(&[
                ("fr", "Le ministre a déclaré que le pays est prêt à à à à à négocier."),
                (
                    "en",
                    "The deal covers trade and investment and investment and investment and investment in the region.",
                ),
                (
                    "fr",
                    "Le vaccin protège contre le cancer de l’utérus de l’utérus de l’utérus chez les jeunes filles.",
                ),
            ]),
            allowed: examples(&[
                ("fr", "Il a répété : « Non, non et non. »"),
                ("en", "They talked and talked for hours."),
                ("fr", "La foule scandait « Liberté, liberté, liberté, liberté ! » devant le palais."),
                (
                    "fr",
                    "Le ministre de l’Intérieur, le ministre de la Justice et le ministre des Armées étaient présents.",
                ),
            ]),
            languages: Vec::new(),
            default_enabled: true,
            origin: file!().into(),
        }
    }

    fn check(&self, cx: &Ctx<'_>, out: &mut Sink<'_>) {
        let text = cx.text();
        let tokens = &cx.an.tokens;
        let mut items = Items::new(tokens.len().min(256));
        let mut counts: HashMap<u64, (u32, usize)> = HashMap::new();
        // Lines and tokens both run forward: walk them together.
        let mut from = 0usize;
        for line in &cx.an.lines {
            while from < tokens.len() && tokens[from].end <= line.start {
                from += 1;
            }
            // A first pass only counts the words and looks for a hint of a loop.
            let (to, words, hint) = line_items::<false>(text, tokens, from, line.end, &mut items);
            if from >= to {
                continue;
            }
            // Most lines have no n-gram repeated right after itself: no loop to look for.
            if hint || words >= TOP_NGRAM_MIN_WORDS {
                // Again, with the keys and the tokens this time.
                line_items::<true>(text, tokens, from, line.end, &mut items);
                let may = hint && may_loop(items.keys());
                let found = may && loops(text, tokens, &items, out);
                if !found && words >= TOP_NGRAM_MIN_WORDS {
                    top_ngram(text, tokens, &items, *line, &mut counts, out);
                }
            }
            from = to;
        }
    }
}

/// Fills `items`, when `TOKENS` is set, with the words of the tokens from `from` up to the line
/// end `end` (one line), breaks elsewhere, and with their token indices; returns the index of the
/// first token after the line, the number of words, and whether the line may hold a loop (when
/// not, it cannot; when it may, [`may_loop`] tells).
///
/// A loop of n words makes `keys[p] == keys[p + n]` for several `p` in a row, so at least twice
/// in a row: the last `MAX_N` elements are kept as 16-bit fingerprints in the lanes of an integer,
/// compared with each new one at once, and two matches in a row in the same lane (at the same
/// distance) make a hint. Without `TOKENS`, a word's fingerprint is made from [`token_prefix`]
/// (cheaper than the key, and the same for two words with the same key), not from its key.
fn line_items<const TOKENS: bool>(
    text: &str,
    tokens: &[Token],
    from: usize,
    end: u32,
    items: &mut Items,
) -> (usize, usize, bool) {
    const LANES: u64 = 0x0001_0001_0001_0001;
    const _: () = assert!(MAX_N == 4);
    let bytes = text.as_bytes();
    let mut depth = 0i32;
    let mut straight_open = false;
    let mut k = from;
    let mut words = 0;
    let mut len = 0;
    let mut after_break = false;
    let (mut ring, mut matched, mut hint) = (u64::MAX, 0u64, 0u64);
    while let Some(t) = tokens.get(k) {
        if t.start >= end {
            break;
        }
        let index = k as u32;
        k += 1;
        let key = match t.kind {
            TokenKind::Space => continue,
            TokenKind::Word if depth == 0 && !straight_open => {
                // Spaces do nothing here: the one after a word is skipped at once.
                if tokens
                    .get(k)
                    .is_some_and(|s| s.kind == TokenKind::Space && s.start < end)
                {
                    k += 1;
                }
                words += 1;
                after_break = false;
                if TOKENS {
                    token_key(text, t, items)
                } else {
                    token_prefix(text, t, items)
                }
            }
            _ => {
                let first = bytes.get(t.start as usize).copied().unwrap_or(0);
                if t.kind == TokenKind::Punct && first == b',' && t.end == t.start + 1 {
                    continue;
                }
                // Quotation marks start with one of these bytes.
                if matches!(first, b'"' | 0xC2 | 0xE2) {
                    match t.text(text) {
                        "«" | "“" => depth += 1,
                        "»" | "”" => depth = (depth - 1).max(0),
                        "\"" => straight_open = !straight_open,
                        _ => {}
                    }
                }
                if after_break {
                    continue;
                }
                after_break = true;
                BREAK
            }
        };
        let fp = key.wrapping_mul(super::HASH_K) >> 48;
        let x = ring ^ fp.wrapping_mul(LANES);
        // The lanes equal to `fp` (and maybe some above one that is: a hint is only a hint).
        let equal = x.wrapping_sub(LANES) & !x & (LANES << 15);
        hint |= equal & matched;
        matched = equal;
        ring = ring << 16 | fp;
        // Written in place, the buffers growing to the longest line.
        if TOKENS {
            match items.keys.get_mut(len) {
                Some(slot) => *slot = key,
                None => items.keys.push(key),
            }
            match items.tokens.get_mut(len) {
                Some(slot) => *slot = index,
                None => items.tokens.push(index),
            }
            len += 1;
        }
    }
    if TOKENS {
        items.len = len;
    }
    (k, words, hint != 0)
}

/// What the first pass of [`line_items`] compares instead of the key of the word of token `t`:
/// the first eight bytes of its lowercase form, zero-padded (so two words with the same key have
/// the same one, and most words are told apart), made in registers for most words
/// ([`super::fold_prefix8`]). Never [`BREAK`] (UTF-8 has no byte 0xFF).
#[inline(always)]
fn token_prefix(text: &str, t: &Token, items: &mut Items) -> u64 {
    let (s, e) = (t.start as usize, t.end as usize);
    match super::fold_prefix8(text.as_bytes(), s, e) {
        Some(x) => x,
        None => fold_prefix(text, s, e, items),
    }
}

/// [`token_prefix`] by the whole lowercase form of the word `text[start..end]`.
#[inline(never)]
fn fold_prefix(text: &str, start: usize, end: usize, items: &mut Items) -> u64 {
    let folded = match items.folder.fold(text.as_bytes(), start, end) {
        Some(n) => items.folder.folded(n),
        None => {
            items.folded.clear();
            super::push_lower(text, start, end, &mut items.folded, &mut items.scratch);
            &items.folded
        }
    };
    super::load8(folded, 0)
}

/// The key of the word of token `t` ([`key_of`]): short ASCII words (most of them) are keyed in
/// registers.
#[inline(always)]
fn token_key(text: &str, t: &Token, items: &mut Items) -> u64 {
    let (s, e) = (t.start as usize, t.end as usize);
    match super::short_ascii(text.as_bytes(), s, e) {
        Some(x) => ascii_lower8(x),
        None => key_of(text, s, e, items),
    }
}

/// The key of the word `text[start..end]`: [`super::word_key`] of its lowercase form
/// (`normalize::fold`), so two words get the same key when they fold to the same string. Never
/// [`BREAK`].
#[inline(never)]
fn key_of(text: &str, start: usize, end: usize, items: &mut Items) -> u64 {
    // Long ASCII words are keyed without being copied.
    if let Some(key) = super::long_ascii_key(text.as_bytes(), start, end) {
        return key.min(BREAK - 1);
    }
    let key = match items.folder.fold(text.as_bytes(), start, end) {
        Some(n) => items.folder.key_of(n),
        None => {
            items.folded.clear();
            super::push_lower(text, start, end, &mut items.folded, &mut items.scratch);
            super::word_key(&items.folded)
        }
    };
    key.min(BREAK - 1)
}

/// [`key_of`] with buffers of its own.
#[cfg(test)]
fn word_hash(word: &str) -> u64 {
    key_of(word, 0, word.len(), &mut Items::new(0))
}

/// Whether the n-gram `g` is itself a repetition of a shorter period (`x x`, `x y x y`).
fn periodic(g: &[u64]) -> bool {
    (1..g.len()).any(|p| g.len().is_multiple_of(p) && (p..g.len()).all(|i| g[i] == g[i - p]))
}

/// Whether `keys` may hold a loop: an n-gram repeated [`min_repeats`] times in a row makes
/// `keys[p] == keys[p + n]` (words, not breaks) for `(min_repeats(n) - 1) * n` positions `p` in a
/// row.
fn may_loop(keys: &[u64]) -> bool {
    (1..=MAX_N).any(|n| {
        let need = (min_repeats(n) - 1) * n;
        let mut run = 0;
        keys.iter()
            .zip(keys.get(n..).unwrap_or_default())
            .any(|(a, b)| {
                run = if a == b && *a != BREAK { run + 1 } else { 0 };
                run >= need
            })
    })
}

/// Reports consecutive loops; returns whether any was found.
fn loops(text: &str, tokens: &[Token], items: &Items, out: &mut Sink<'_>) -> bool {
    let tok = |i: usize| tokens[items.tokens[i] as usize];
    let mut found = false;
    each_loop(items.keys(), |i, n, reps| {
        let first = tok(i);
        let last = tok(i + reps * n - 1);
        let span = Span::new(first.start, last.end);
        let one = Span::new(first.start, tok(i + n - 1).end).text(text);
        out.report_kind(
            "loop",
            false,
            span,
            format!("`{one}` repeated {reps} times in a row: a generation loop"),
            Some(one.to_string()),
        );
        found = true;
    });
    found
}

/// Calls `found(i, n, reps)` for each loop of `keys`, in order: the n-gram at `i` repeated `reps`
/// times in a row.
fn each_loop(keys: &[u64], mut found: impl FnMut(usize, usize, usize)) {
    let mut i = 0;
    while i < keys.len() {
        let mut advanced = false;
        for n in 1..=MAX_N {
            if i + n > keys.len() {
                break;
            }
            // A loop repeats its first word `n` items later: most positions stop here.
            if keys.get(i + n).is_none_or(|&x| x != keys[i]) {
                continue;
            }
            let gram = &keys[i..i + n];
            if gram.contains(&BREAK) || (n > 1 && periodic(gram)) {
                continue;
            }
            let mut reps = 1;
            while i + (reps + 1) * n <= keys.len()
                && (0..n).all(|k| keys[i + reps * n + k] == gram[k])
            {
                reps += 1;
            }
            if reps < min_repeats(n) {
                continue;
            }
            found(i, n, reps);
            i += reps * n;
            advanced = true;
            break;
        }
        if !advanced {
            i += 1;
        }
    }
}

/// Reports a line of 50 words or more dominated by one 2-, 3- or 4-gram.
fn top_ngram(
    text: &str,
    tokens: &[Token],
    items: &Items,
    line: Span,
    counts: &mut HashMap<u64, (u32, usize)>,
    out: &mut Sink<'_>,
) {
    // (hash of the key, token) of each word.
    let words: Vec<(u64, usize)> = items
        .keys()
        .iter()
        .zip(&items.tokens)
        .filter(|(h, _)| **h != BREAK)
        // Packed keys are mixed before n-gram keys are made of them.
        .map(|(&h, &t)| (super::hash_finish(h), t as usize))
        .collect();
    if words.len() < TOP_NGRAM_MIN_WORDS {
        return;
    }
    let chars = |w: &(u64, usize)| tokens[w.1].text(text).chars().count();
    let total: usize = words.iter().map(chars).sum();
    if total == 0 {
        return;
    }
    // An n-gram seen `count` times covers `count * gram_chars` characters, and each of its words
    // occurs at least `count` times: that is at most `n * most`, with `most` the largest
    // (occurrences × characters) of a word. When even that is under an n's threshold, the n-gram
    // counts below cannot report anything for that n (the share only grows with its numerator).
    counts.clear();
    for w in &words {
        let e = counts.entry(w.0).or_insert((0, 0));
        e.0 += 1;
        e.1 = e.1.max(chars(w));
    }
    let most = counts
        .values()
        .map(|&(c, ch)| c as usize * ch)
        .max()
        .unwrap_or(0);
    for (slot, n) in (2..=4).enumerate() {
        if (n * most) as f64 / total as f64 <= TOP_NGRAM_SHARE[slot] {
            continue;
        }
        counts.clear();
        for (start, w) in words.windows(n).enumerate() {
            let key = w
                .iter()
                .fold(n as u64, |acc, it| acc.rotate_left(17) ^ it.0);
            counts.entry(key).or_insert((0, start)).0 += 1;
        }
        // The most frequent n-gram; among equally frequent ones the first in the line, so the
        // result does not depend on the map's (randomly seeded) iteration order.
        let Some(&(count, start)) = counts
            .values()
            .max_by_key(|(c, start)| (*c, std::cmp::Reverse(*start)))
        else {
            continue;
        };
        if count < 2 {
            continue;
        }
        let gram_chars: usize = words[start..start + n].iter().map(chars).sum();
        let share = (count as usize * gram_chars) as f64 / total as f64;
        if share > TOP_NGRAM_SHARE[slot] {
            let g = Span::new(
                tokens[words[start].1].start,
                tokens[words[start + n - 1].1].end,
            );
            let gram = g.text(text);
            let body = line.text(text);
            let lead = body.len() - body.trim_start().len();
            let span = Span::new(
                line.start + lead as u32,
                line.start + body.trim_end().len() as u32,
            );
            out.report_kind(
                "top-ngram",
                false,
                span,
                format!(
                    "`{gram}` makes up {:.0} % of this paragraph's words: a generation loop",
                    share * 100.0
                ),
                None,
            );
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::rules::testing::{assert_allows, assert_flags, run};

    #[test]
    fn top_ngram_ties_pick_the_first_ngram() {
        // `blue van` and `red car` each occur 9 times in a 54-word line (no loop: the fillers
        // differ). The first, `blue van`, covers 47 % of the word characters and is reported;
        // `red car` would cover 40 %, under the threshold: the tie must go to the first n-gram,
        // whatever the order of the counting map.
        let line: Vec<String> = "bcdefghijklmnopqrs"
            .chars()
            .collect::<Vec<_>>()
            .chunks(2)
            .map(|f| format!("blue van {} red car {}", f[0], f[1]))
            .collect();
        let text = format!("{}.", line.join(" "));
        for _ in 0..5 {
            let found = run(&NgramLoop, Lang::EN, &text);
            assert_eq!(found.len(), 1, "{found:#?}");
            assert!(
                found[0].message.starts_with("`blue van` makes up 47 %"),
                "{}",
                found[0].message
            );
        }
    }

    #[test]
    fn flags_loops() {
        assert_flags(
            &NgramLoop,
            Lang::FR,
            "Le ministre a déclaré que le pays est prêt à à à à à négocier.",
            &["à à à à à"],
        );
        assert_flags(
            &NgramLoop,
            Lang::EN,
            "The deal covers trade and investment and investment and investment and investment in the region.",
            &["and investment and investment and investment and investment"],
        );
        let text = "Le vaccin protège contre le cancer de l’utérus de l’utérus de l’utérus chez les filles.";
        let found = run(&NgramLoop, Lang::FR, text);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].span.text(text),
            "de l’utérus de l’utérus de l’utérus"
        );
        assert_eq!(found[0].suggestion.as_deref(), Some("de l’utérus"));
        assert_flags(
            &NgramLoop,
            Lang::FR,
            "Une hausse de la température te te te te te te te te la vie.",
            &["te te te te te te te te"],
        );
        // Commas are ignored.
        assert_flags(
            &NgramLoop,
            Lang::FR,
            "Il a dit non, non, non, non à la réforme.",
            &["non, non, non, non"],
        );
    }

    #[test]
    fn flags_dominant_ngrams_in_long_lines() {
        let mut line = String::from("Le rapport annuel");
        for i in 0..12 {
            line.push_str(&format!(" de la commission numéro {i} et"));
        }
        line.push_str(" la fin.");
        let found = run(&NgramLoop, Lang::FR, &line);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].kind, Some("top-ngram"));
    }

    #[test]
    fn allows_quotes_enumerations_and_short_repeats() {
        assert_allows(&NgramLoop, Lang::FR, "Il a répété : « Non, non et non. »");
        assert_allows(&NgramLoop, Lang::EN, "They talked and talked for hours.");
        assert_allows(
            &NgramLoop,
            Lang::FR,
            "La foule scandait « Liberté, liberté, liberté, liberté ! » devant le palais.",
        );
        assert_allows(
            &NgramLoop,
            Lang::FR,
            "Le ministre de l’Intérieur, le ministre de la Justice et le ministre des Armées.",
        );
        assert_allows(
            &NgramLoop,
            Lang::FR,
            "Il est prêt à à négocier, très très vite.",
        );
        assert_allows(&NgramLoop, Lang::EN, "Scores were 1 1 1 1 at half-time.");
        assert_allows(&NgramLoop, Lang::EN, "He said \"go go go go\" to the team.");
    }

    #[test]
    fn may_loop_holds_for_every_loop() {
        // Random sequences over three words and a break: `may_loop` must hold wherever a loop
        // is found, and rule out most of the others.
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let (mut loops, mut maybe) = (0, 0);
        for _ in 0..200_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = 4 + (seed % 13) as usize;
            let keys: Vec<u64> = (0..len)
                .map(|k| match (seed >> (2 * k + 8)) & 3 {
                    3 => BREAK,
                    w => w,
                })
                .collect();
            let mut any = false;
            each_loop(&keys, |_, _, _| any = true);
            let may = may_loop(&keys);
            assert!(may || !any, "{keys:?}");
            loops += usize::from(any);
            maybe += usize::from(may);
        }
        assert!(loops > 1000 && maybe < 2 * loops, "{loops} {maybe}");
    }

    #[test]
    fn line_hints_hold_for_every_possible_loop() {
        // Random lines over a few words and punctuation: wherever `may_loop` holds (and so
        // wherever there is a loop), `line_items` must have given a hint.
        let vocabulary = ["x", "y", "X", "de", ",", ".", "«", "»", "été", "Été"];
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut text = String::new();
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            for k in 0..4 + (seed % 14) {
                text.push_str(
                    vocabulary[((seed >> (4 * k % 64)) % vocabulary.len() as u64) as usize],
                );
                text.push(' ');
            }
            text.push('\n');
        }
        let an = crate::tokenize::Analysis::new(&text, Some(Lang::FR));
        let mut items = Items::new(0);
        let (mut from, mut may) = (0, 0);
        for line in &an.lines {
            while from < an.tokens.len() && an.tokens[from].end <= line.start {
                from += 1;
            }
            let (to, words, hint) =
                line_items::<false>(&text, &an.tokens, from, line.end, &mut items);
            // The pass with the keys finds the same words and gives the same hint.
            let again = line_items::<true>(&text, &an.tokens, from, line.end, &mut items);
            assert_eq!(again, (to, words, hint));
            if may_loop(items.keys()) {
                may += 1;
                assert!(hint, "{}", line.text(&text));
            }
            from = to.max(from);
        }
        assert!(may > 50, "{may}");
    }

    #[test]
    fn word_hash_is_the_hash_of_the_folded_word() {
        let mut folded = String::new();
        let words = [
            "Été",
            "ÜBER",
            "straße",
            "İstanbul",
            "ΣΟΦΊΑ",
            "Kim",
            "l’Élysée",
            "ǅemal",
            "abcdefghij",
        ];
        for w in words {
            crate::tokenize::normalize::fold(w, &mut folded);
            assert_eq!(word_hash(w), word_hash(&folded.clone()), "{w}");
        }
        for (i, a) in words.iter().enumerate() {
            for b in &words[..i] {
                assert_ne!(word_hash(a), word_hash(b), "{a} {b}");
            }
        }
        // Tokens get the same key, by the short-word path or the general one.
        let text =
            "Été ÜBER über le LE Le abcdefgh ABCDEFGH abcdefghi ABCDEFGHI \u{212A}ilo kilo a";
        let an = crate::tokenize::Analysis::new(text, Some(Lang::FR));
        let mut items = Items::new(0);
        for t in an.tokens.iter().filter(|t| t.is_word()) {
            let key = token_key(text, t, &mut items);
            assert_eq!(key, word_hash(t.text(text)), "{}", t.text(text));
            assert_ne!(key, BREAK);
        }
        assert_eq!(word_hash("\u{212A}ilo"), word_hash("KILO"));
    }
}
