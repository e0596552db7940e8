//! `repetition/ngram-loop`: a word or a short n-gram repeated in a loop, the signature of an
//! oscillatory hallucination in machine translation or text generation (`te te te te`,
//! `de l’utérus de l’utérus de l’utérus`).

use hashbrown::HashMap;

use crate::diagnostic::Severity;
use crate::rules::builtin::text;
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};
use crate::span::Span;
use crate::tokenize::{Token, TokenKind};

pub struct NgramLoop;

/// Longest n-gram looked for.
const MAX_N: usize = 4;
/// Consecutive occurrences that make a loop: 4 for a single word, 3 for 2- to 4-grams.
fn min_repeats(n: usize) -> usize {
    if n == 1 { 4 } else { 3 }
}
/// Lines of at least this many words get the top-n-gram check.
const TOP_NGRAM_MIN_WORDS: usize = 50;
/// Share of word characters covered by the most frequent 2-, 3- and 4-gram above which a line is
/// a loop. These are twice the document-level "top n-gram character fraction" filters of Rae et
/// al. 2021 (0.20, 0.18, 0.16): on single paragraphs those flag enumerations (`background to high
/// concentrations in…`) and anaphora in speeches.
const TOP_NGRAM_SHARE: [f64; 3] = [0.40, 0.36, 0.32];

/// One element of the word sequence of a line: a word's hash and token index, or a break.
#[derive(Clone, Copy)]
struct Item {
    /// Hash of the case-folded word; `None` for a break (punctuation other than a comma, a
    /// number, a symbol, or a word inside quotation marks).
    hash: Option<u64>,
    token: usize,
}

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
        let mut items: Vec<Item> = Vec::new();
        let mut counts: HashMap<u64, (u32, usize)> = HashMap::new();
        let mut buf = String::new();
        // Lines and tokens both run forward: walk them together.
        let mut from = 0usize;
        for line in &cx.an.lines {
            while from < tokens.len() && tokens[from].end <= line.start {
                from += 1;
            }
            items.clear();
            let to = line_items(text, tokens, from, line.end, &mut buf, &mut items);
            if from >= to {
                continue;
            }
            from = to;
            let found = loops(text, tokens, &items, out);
            if !found {
                top_ngram(text, tokens, &items, *line, &mut counts, out);
            }
        }
    }
}

/// Fills `items` with the words of the tokens from `from` up to the line end `end` (one line),
/// breaks elsewhere; returns the index of the first token after the line.
fn line_items(
    text: &str,
    tokens: &[Token],
    from: usize,
    end: u32,
    buf: &mut String,
    items: &mut Vec<Item>,
) -> usize {
    let mut depth = 0i32;
    let mut straight_open = false;
    let mut to = from;
    for (k, t) in tokens.iter().enumerate().skip(from) {
        if t.start >= end {
            break;
        }
        to = k + 1;
        match t.kind {
            TokenKind::Space => {}
            TokenKind::Word if depth == 0 && !straight_open => {
                items.push(Item {
                    hash: Some(word_hash(t.text(text), buf)),
                    token: k,
                });
            }
            TokenKind::Punct
                if t.end == t.start + 1 && text.as_bytes()[t.start as usize] == b',' => {}
            _ => {
                match t.text(text) {
                    "«" | "“" => depth += 1,
                    "»" | "”" => depth = (depth - 1).max(0),
                    "\"" => straight_open = !straight_open,
                    _ => {}
                }
                if items.last().is_none_or(|i| i.hash.is_some()) {
                    items.push(Item {
                        hash: None,
                        token: k,
                    });
                }
            }
        }
    }
    to
}

/// A case-insensitive hash of a word: the hash of its lowercase form (`normalize::fold`), so two
/// words get the same hash when they fold to the same string.
fn word_hash(word: &str, buf: &mut String) -> u64 {
    text::fold_hash(word, buf)
}

/// Whether the n-gram `g` is itself a repetition of a shorter period (`x x`, `x y x y`).
fn periodic(g: &[Item]) -> bool {
    (1..g.len())
        .any(|p| g.len().is_multiple_of(p) && (p..g.len()).all(|i| g[i].hash == g[i - p].hash))
}

/// Reports consecutive loops; returns whether any was found.
fn loops(text: &str, tokens: &[Token], items: &[Item], out: &mut Sink<'_>) -> bool {
    let mut found = false;
    let mut i = 0;
    while i < items.len() {
        let mut advanced = false;
        for n in 1..=MAX_N {
            if i + n > items.len() {
                break;
            }
            // A loop repeats its first word `n` items later: most positions stop here.
            if items.get(i + n).is_none_or(|x| x.hash != items[i].hash) {
                continue;
            }
            let gram = &items[i..i + n];
            if gram.iter().any(|it| it.hash.is_none()) || (n > 1 && periodic(gram)) {
                continue;
            }
            let mut reps = 1;
            while i + (reps + 1) * n <= items.len()
                && (0..n).all(|k| items[i + reps * n + k].hash == gram[k].hash)
            {
                reps += 1;
            }
            if reps < min_repeats(n) {
                continue;
            }
            let first = tokens[gram[0].token];
            let last = tokens[items[i + reps * n - 1].token];
            let span = Span::new(first.start, last.end);
            let one = Span::new(first.start, tokens[gram[n - 1].token].end).text(text);
            out.report_kind(
                "loop",
                false,
                span,
                format!("`{one}` repeated {reps} times in a row: a generation loop"),
                Some(one.to_string()),
            );
            found = true;
            i += reps * n;
            advanced = true;
            break;
        }
        if !advanced {
            i += 1;
        }
    }
    found
}

/// Reports a line of 50 words or more dominated by one 2-, 3- or 4-gram.
fn top_ngram(
    text: &str,
    tokens: &[Token],
    items: &[Item],
    line: Span,
    counts: &mut HashMap<u64, (u32, usize)>,
    out: &mut Sink<'_>,
) {
    if items.iter().filter(|i| i.hash.is_some()).count() < TOP_NGRAM_MIN_WORDS {
        return;
    }
    let words: Vec<&Item> = items.iter().filter(|i| i.hash.is_some()).collect();
    let chars = |it: &Item| tokens[it.token].text(text).chars().count();
    let total: usize = words.iter().map(|w| chars(w)).sum();
    if total == 0 {
        return;
    }
    // An n-gram seen `count` times covers `count * gram_chars` characters, and each of its words
    // occurs at least `count` times: that is at most `n * most`, with `most` the largest
    // (occurrences × characters) of a word. When even that is under an n's threshold, the n-gram
    // counts below cannot report anything for that n (the share only grows with its numerator).
    counts.clear();
    for w in &words {
        let e = counts.entry(w.hash.unwrap_or(0)).or_insert((0, 0));
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
            let key = w.iter().fold(n as u64, |acc, it| {
                acc.rotate_left(17) ^ it.hash.unwrap_or(0)
            });
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
        let gram_chars: usize = words[start..start + n].iter().map(|w| chars(w)).sum();
        let share = (count as usize * gram_chars) as f64 / total as f64;
        if share > TOP_NGRAM_SHARE[slot] {
            let g = Span::new(
                tokens[words[start].token].start,
                tokens[words[start + n - 1].token].end,
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
    fn word_hash_is_the_hash_of_the_folded_word() {
        let mut buf = String::new();
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
        ];
        for w in words {
            crate::tokenize::normalize::fold(w, &mut folded);
            let of_folded = word_hash(&folded.clone(), &mut buf);
            assert_eq!(word_hash(w, &mut buf), of_folded, "{w}");
        }
        for (i, a) in words.iter().enumerate() {
            for b in &words[..i] {
                assert_ne!(word_hash(a, &mut buf), word_hash(b, &mut buf), "{a} {b}");
            }
        }
    }
}
