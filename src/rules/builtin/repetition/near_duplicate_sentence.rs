//! `repetition/near-duplicate-sentence`: the same sentence, or a paraphrase of it, twice in one
//! document (a standfirst translated twice), and sentences that recur across many documents.

use hashbrown::HashMap;

use crate::diagnostic::Severity;
use crate::index::MIN_SENTENCE_WORDS;
use crate::lang::words;
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};
use crate::span::Span;
use crate::tokenize::{Analysis, Sentence, Token, TokenKind, normalize};

pub struct NearDuplicateSentence {
    /// Documents (this one included) a sentence must occur in to be reported as a cross-document
    /// duplicate. Several translations of one source legitimately share sentences, so this is high.
    pub cross_doc_min_df: u64,
}

/// Token-set Jaccard from which two sentences are near duplicates.
const TOKEN_JACCARD: f64 = 0.60;
/// Character-5-gram Jaccard from which two sentences are near duplicates.
const CHAR_JACCARD: f64 = 0.50;
/// Above this many eligible sentences, only exact duplicates are looked for.
const MAX_PAIRWISE: usize = 300;
/// A recurring line this long or shorter is `fragment/boilerplate-line`'s (same constants there).
const BOILERPLATE_MAX_CHARS: usize = 200;
const BOILERPLATE_MIN_DF: u64 = 50;
// `check` keeps only the line and sentence counts of at least `spill::MIN_DF` documents.
const _: () = assert!(BOILERPLATE_MIN_DF >= crate::index::spill::MIN_DF);
/// A sentence found in this many documents is reported as copied across the corpus.
const CROSS_DOC_MIN_DF: u64 = 20;
const _: () = assert!(CROSS_DOC_MIN_DF >= crate::index::spill::MIN_DF);

impl NearDuplicateSentence {
    pub fn new() -> Self {
        NearDuplicateSentence {
            cross_doc_min_df: CROSS_DOC_MIN_DF,
        }
    }
}

impl Default for NearDuplicateSentence {
    fn default() -> Self {
        Self::new()
    }
}

/// One sentence prepared for comparison.
struct Prepared {
    index: usize,
    span: Span,
    /// The index's sentence fingerprint (`crate::index::sentence_fingerprint`).
    fingerprint: u64,
    /// Number of distinct normalised words.
    words: usize,
    /// Where the normalised sentence is in the shared buffer of all of them: key-folded words
    /// (`normalize::fold_key`), each followed by a space.
    norm: std::ops::Range<usize>,
    /// Sorted, deduplicated hashes of the character 5-grams of `norm`, computed on demand.
    grams: Option<Vec<u64>>,
}

/// Prepares sentence `s` (number `k` among the eligible ones): appends its normalised form to
/// `norms` and the hash of each of its normalised words, with `k`, to `words`.
fn prepare(
    an: &Analysis<'_>,
    index: usize,
    s: &Sentence,
    k: u32,
    words: &mut Vec<(u64, u32)>,
    norms: &mut Vec<u8>,
) -> Prepared {
    let start = norms.len();
    for t in an
        .sentence_tokens(s)
        .iter()
        .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
    {
        let from = norms.len();
        normalize::push_fold_key_bytes(t.text(an.text), norms);
        words.push((xxhash_rust::xxh3::xxh3_64(&norms[from..]), k));
        norms.push(b' ');
    }
    // The same key as `sentence_fingerprint` builds, so the corpus counts apply.
    let fingerprint = xxhash_rust::xxh3::xxh3_64(&norms[start..]);
    Prepared {
        index,
        span: s.span,
        fingerprint,
        words: 0,
        norm: start..norms.len(),
        grams: None,
    }
}

/// The character 5-grams of a normalised sentence, hashed, sorted and deduplicated.
fn grams(norm: &[u8]) -> Vec<u64> {
    // Key-folded words are whole characters, so this never fails.
    let norm = std::str::from_utf8(norm).unwrap_or_default().trim_end();
    let bounds: Vec<usize> = norm
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(norm.len()))
        .collect();
    let mut grams: Vec<u64> = bounds
        .windows(6)
        .map(|w| xxhash_rust::xxh3::xxh3_64(&norm.as_bytes()[w[0]..w[5]]))
        .collect();
    grams.sort_unstable();
    grams.dedup();
    grams
}

/// Jaccard index of two sorted, deduplicated lists.
fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    inter as f64 / (a.len() + b.len() - inter) as f64
}

/// Sets each sentence's count of distinct words and returns, for each pair of sentences `a < b`
/// (at `a * n + b`), the number of words they share. `words` holds (word hash, sentence) in
/// sentence order. Each word keeps the list of sentences it was seen in (an open-addressing table
/// keyed by the hash, lists chained in one vector), so only sentences that share a word are ever
/// paired.
fn shared_words(eligible: &mut [Prepared], words: &[(u64, u32)]) -> Vec<u32> {
    const NIL: u32 = u32::MAX;
    let n = eligible.len();
    let mut shared = vec![0u32; n * n];
    let cap = (words.len() * 2).next_power_of_two().max(16);
    let mask = cap - 1;
    // (word hash, last sentence that had it or NIL when the slot is free, head of its list)
    let mut slots: Vec<(u64, u32, u32)> = vec![(0, NIL, NIL); cap];
    // (sentence, next node)
    let mut nodes: Vec<(u32, u32)> = Vec::with_capacity(words.len());
    for &(hash, k) in words {
        let mut i = hash as usize & mask;
        while slots[i].1 != NIL && slots[i].0 != hash {
            i = (i + 1) & mask;
        }
        let slot = &mut slots[i];
        if slot.1 == k {
            continue; // the same word again in this sentence
        }
        let mut p = slot.2;
        while let Some(&(a, next)) = nodes.get(p as usize) {
            if let Some(c) = shared.get_mut(a as usize * n + k as usize) {
                *c += 1;
            }
            p = next;
        }
        nodes.push((k, slot.2));
        *slot = (hash, k, (nodes.len() - 1) as u32);
        if let Some(e) = eligible.get_mut(k as usize) {
            e.words += 1;
        }
    }
    shared
}

/// Token-set Jaccard under which the character 5-grams are not even computed: no pair of the
/// catalog's tests or of the seed reaches the character threshold below it.
const MIN_TOKEN_JACCARD_FOR_CHARS: f64 = 0.30;

/// The two similarity scores of sentences `a` and `b` (`a` < `b`), or `None` when they are not near
/// duplicates. The character score is -1 when the word score alone decided.
fn similar(
    eligible: &mut [Prepared],
    norms: &[u8],
    a: usize,
    b: usize,
    common: usize,
) -> Option<(f64, f64)> {
    let ratio = |x: usize, y: usize| x.min(y) as f64 / x.max(y).max(1) as f64;
    let (pa, pb) = (&eligible[a], &eligible[b]);
    if ratio(pa.words, pb.words) < MIN_TOKEN_JACCARD_FOR_CHARS
        || ratio(pa.norm.len(), pb.norm.len()) < CHAR_JACCARD
    {
        return None;
    }
    // The Jaccard index of the two word sets, from the count of shared words.
    let tj = common as f64 / (pa.words + pb.words - common) as f64;
    if tj >= TOKEN_JACCARD {
        return Some((tj, -1.0));
    }
    if tj < MIN_TOKEN_JACCARD_FOR_CHARS {
        return None;
    }
    for k in [a, b] {
        if eligible[k].grams.is_none() {
            eligible[k].grams = Some(grams(norms.get(eligible[k].norm.clone()).unwrap_or(&[])));
        }
    }
    let empty = Vec::new();
    let ga = eligible[a].grams.as_ref().unwrap_or(&empty);
    let gb = eligible[b].grams.as_ref().unwrap_or(&empty);
    let cj = jaccard(ga, gb);
    (cj >= CHAR_JACCARD).then_some((tj, cj))
}

/// For each sentence, whether it is mostly quoted (half of its words or more inside quotation
/// marks), and its number of word tokens. One pass over the tokens; the quotation state is reset
/// at each line break.
fn quoted_sentences(an: &Analysis<'_>) -> Vec<(bool, usize)> {
    let text = an.text;
    let mut out = Vec::with_capacity(an.sentences.len());
    let (mut depth, mut straight) = (0i32, false);
    let mut next = 0usize;
    for s in &an.sentences {
        let (from, to) = (s.tokens.start as usize, s.tokens.end as usize);
        // Tokens between the previous sentence and this one.
        for t in an.tokens.get(next..from).unwrap_or(&[]) {
            quote_step(t, text, &mut depth, &mut straight);
        }
        let (mut inside, mut total, mut words) = (0usize, 0usize, 0usize);
        for t in an.tokens.get(from..to).unwrap_or(&[]) {
            match t.kind {
                TokenKind::Word | TokenKind::Number => {
                    total += 1;
                    words += usize::from(t.kind == TokenKind::Word);
                    if depth > 0 || straight {
                        inside += 1;
                    }
                }
                TokenKind::Punct | TokenKind::Newline => {
                    quote_step(t, text, &mut depth, &mut straight)
                }
                _ => {}
            }
        }
        next = to.max(next);
        out.push((total > 0 && inside * 2 >= total, words));
    }
    out
}

fn quote_step(t: &crate::tokenize::Token, text: &str, depth: &mut i32, straight: &mut bool) {
    match t.kind {
        TokenKind::Newline => {
            *depth = 0;
            *straight = false;
        }
        TokenKind::Punct => match t.text(text) {
            "«" | "“" => *depth += 1,
            "»" | "”" => *depth = (*depth - 1).max(0),
            "\"" => *straight = !*straight,
            _ => {}
        },
        _ => {}
    }
}

fn line_number(text: &str, offset: u32) -> usize {
    memchr::memchr_iter(b'\n', &text.as_bytes()[..offset as usize]).count() + 1
}

/// A short quotation of a sentence for messages.
fn excerpt(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

/// The span of the first non-blank line when it is a title: one sentence of fewer than 30 words,
/// not ending with a period, with more text after it.
fn title_span(an: &Analysis<'_>) -> Option<Span> {
    let (i, line) = an
        .lines
        .iter()
        .enumerate()
        .find(|(_, l)| !l.text(an.text).trim().is_empty())?;
    let more = an.lines[i + 1..]
        .iter()
        .any(|l| !l.text(an.text).trim().is_empty());
    let mut inside = an.sentences.iter().filter(|s| line.contains(s.span));
    let first = inside.next()?;
    let short = an
        .sentence_tokens(first)
        .iter()
        .filter(|t| t.is_word())
        .count()
        < 30;
    let period = line.text(an.text).trim_end().ends_with('.');
    (more && short && !period && inside.next().is_none()).then_some(*line)
}

/// `headline-echo` looks for the headline's words in the sentences of this many lines after it.
const ECHO_LEAD_LINES: usize = 12;
/// The headline needs this many distinct content words, and the echo this many of them and at
/// least half.
const ECHO_MIN_TITLE_WORDS: usize = 4;
const ECHO_MIN_SHARED: usize = 3;

/// The accent- and case-folded keys of the content words (3 letters or more, not function words)
/// among `tokens`, each once.
fn content_keys(an: &Analysis<'_>, tokens: &[Token], buf: &mut String) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for t in tokens.iter().filter(|t| t.is_word()) {
        let w = t.text(an.text);
        normalize::fold(w, buf);
        if buf.chars().nth(2).is_none() || words::is_function_word(an.lang, buf) {
            continue;
        }
        normalize::fold_key(w, buf);
        if !keys.iter().any(|k| k == buf) {
            keys.push(buf.clone());
        }
    }
    keys
}

/// Sub-kind `headline-echo` (informational): the sentence of the lead that repeats at least half
/// of the headline's content words, reworded or not (`rules.md` D30). News leads often do this on
/// purpose; in translated text a reworded echo shows the headline and the body were translated
/// apart.
fn headline_echo(an: &Analysis<'_>, title: Span, out: &mut Sink<'_>) {
    let mut buf = String::new();
    let head = content_keys(an, an.tokens_in(title), &mut buf);
    if head.len() < ECHO_MIN_TITLE_WORDS {
        return;
    }
    let mut firsts = [false; 128];
    for k in &head {
        match k.as_bytes().first() {
            Some(&b) if b < 0x80 => firsts[usize::from(b)] = true,
            _ => firsts.iter_mut().for_each(|f| *f = true), // a non-ASCII key: no filter
        }
    }
    let lead_end = an
        .lines
        .iter()
        .position(|l| l.start >= title.end)
        .and_then(|i| an.lines.get(i + ECHO_LEAD_LINES))
        .map_or(u32::MAX, |l| l.end);
    let mut best: Option<(usize, Span)> = None;
    for s in an
        .sentences
        .iter()
        .filter(|s| s.span.start >= title.end && s.span.end <= lead_end)
    {
        // Which headline words the sentence has, as bits (the first 64 words of the headline).
        let mut hit = 0u64;
        for t in an.sentence_tokens(s).iter().filter(|t| t.is_word()) {
            let w = t.text(an.text);
            // Most words are ruled out by their first byte (keys of ASCII-initial words start
            // with that letter, lowercased).
            match w.as_bytes().first() {
                Some(&b) if b < 0x80 && !firsts[usize::from(b.to_ascii_lowercase())] => continue,
                None => continue,
                _ => {}
            }
            normalize::fold_key(w, &mut buf);
            if let Some(i) = head.iter().take(64).position(|k| *k == buf) {
                hit |= 1 << i;
            }
        }
        let shared = hit.count_ones() as usize;
        if best.is_none_or(|(n, _)| shared > n) {
            best = Some((shared, s.span));
        }
    }
    if let Some((shared, span)) = best
        && shared >= ECHO_MIN_SHARED
        && shared * 2 >= head.len()
    {
        out.report_kind_at(
            "headline-echo",
            Severity::Info,
            span,
            format!(
                "this sentence echoes the headline ({shared} of its {} content words)",
                head.len()
            ),
        );
    }
}

impl Rule for NearDuplicateSentence {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "repetition/near-duplicate-sentence".into(),
            severity: Severity::Error,
            summary: "the same sentence, or a close paraphrase, twice in one document".into(),
            explanation: "A page extracted with its standfirst, or a segment translated twice, repeats a \
                sentence: `Ce voyage, qui a retenu Kim en Russie pendant sept jours, est le plus long…` \
                and later `Ce voyage, qui a retenu Kim en Russie pendant sept jours, a été le plus \
                long…`. Sentences of 8 words or more are compared after case folding and accent and \
                punctuation stripping: sub-kind `exact` for equal sentences, `near` when the word-set \
                Jaccard index reaches 0.60 or the character-5-gram Jaccard index 0.50, and \
                `paragraph-dup` for a whole repeated line. The later occurrence is reported. Quoted \
                sentences are skipped. A headline echoed by a sentence of the lead (at least half of \
                the headline's content words, and 3 or more, within 12 lines) is sub-kind \
                `headline-echo`, at info level whatever the rule's severity: normal in news, worth a \
                look in translated text, where the headline and the body are often translated apart. All pairs are \
                compared up to 300 sentences per document, exact duplicates only above. With a corpus, \
                a sentence found in 20 documents or more is reported as `cross-document` (lines that \
                `fragment/boilerplate-line` already reports as recurring are left to it)."
                .into(),
            flagged: examples(&[
                (
                    "fr",
                    "Le sommet a duré trois heures et s’est achevé sans déclaration commune. Les deux délégations ont quitté Genève dans la soirée. Le sommet, qui a duré trois heures, s’est terminé sans déclaration commune.",
                ),
                (
                    "en",
                    "The visit was the longest trip abroad since he took power more than a decade ago.\n\nHe met the president twice.\n\nThe trip was the longest visit abroad since he took power more than ten years ago.",
                ),
                (
                    "fr",
                    "La réunion s’est tenue à huis clos dans la capitale samedi.\n\nLa réunion s’est tenue à huis clos dans la capitale samedi.",
                ),
            ]),
            allowed: examples(&[
                (
                    "fr",
                    "Le taux de chômage a baissé de 0,2 point en mars. Le taux d’inflation a augmenté de 0,4 point en avril.",
                ),
                (
                    "fr",
                    "Kim rentre de Russie\n\nLe dirigeant est arrivé mardi à Pyongyang après une visite de six jours.",
                ),
                (
                    "fr",
                    "Il a répété : « Nous ne céderons jamais devant la menace des terroristes. » Puis, plus fort : « Nous ne céderons jamais devant la menace des terroristes. »",
                ),
            ]),
            languages: Vec::new(),
            default_enabled: true,
            origin: file!().into(),
        }
    }

    fn needs_index(&self) -> bool {
        true
    }

    fn check(&self, cx: &Ctx<'_>, out: &mut Sink<'_>) {
        let an = cx.an;
        let text = cx.text();
        let title = title_span(an);
        if let Some(t) = title {
            headline_echo(an, t, out);
        }
        let mut norms: Vec<u8> = Vec::with_capacity(text.len() + 64);
        let quoted = quoted_sentences(an);
        let mut words: Vec<(u64, u32)> = Vec::with_capacity(an.tokens.len() / 2);
        let mut eligible: Vec<Prepared> = Vec::new();
        for (i, s) in an.sentences.iter().enumerate() {
            if quoted[i].1 >= MIN_SENTENCE_WORDS
                && !quoted[i].0
                && !title.is_some_and(|t| t.contains(s.span))
            {
                let k = eligible.len() as u32;
                eligible.push(prepare(an, i, s, k, &mut words, &mut norms));
            }
        }
        let mut reported = vec![false; eligible.len()];

        // Whole lines repeated (two sentences or more): one finding for the line.
        // (line index, range of the eligible sentences on it): sentences run in text order, so
        // the sentences of one line are consecutive.
        let mut by_line: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
        if eligible.len() >= 2 {
            for (k, p) in eligible.iter().enumerate() {
                let li = an.lines.partition_point(|l| l.end < p.span.start);
                match by_line.last_mut() {
                    Some((l, ks)) if *l == li => ks.end = k + 1,
                    _ => by_line.push((li, k..k + 1)),
                }
            }
        }
        let mut lines_seen: HashMap<u64, usize> = HashMap::new();
        for (li, inside) in by_line.iter().filter(|(_, ks)| ks.len() >= 2) {
            let Some(&line) = an.lines.get(*li) else {
                continue;
            };
            let raw = line.text(text);
            let fp = normalize::fingerprint_with(raw, &mut Vec::new());
            if let Some(&first) = lines_seen.get(&fp) {
                let body = raw.trim();
                let start = line.start + (raw.len() - raw.trim_start().len()) as u32;
                let span = Span::new(start, start + body.len() as u32);
                out.report_kind(
                    "paragraph-dup",
                    false,
                    span,
                    format!("this paragraph repeats line {}", first + 1),
                    None,
                );
                inside.clone().for_each(|k| reported[k] = true);
            } else {
                lines_seen.insert(fp, *li);
            }
        }

        // Exact duplicates (any number of sentences), then near duplicates pairwise.
        let first_of = first_occurrences(&eligible);
        for k in 0..eligible.len() {
            let p = &eligible[k];
            match Some(first_of[k]).filter(|&j| j != k) {
                Some(j) if !reported[k] => {
                    reported[k] = true;
                    let line = line_number(text, eligible[j].span.start);
                    out.report_kind(
                        "exact",
                        false,
                        p.span,
                        format!(
                            "this sentence repeats the one on line {line} (`{}`)",
                            excerpt(eligible[j].span.text(text))
                        ),
                        None,
                    );
                }
                _ => {}
            }
        }
        if (2..=MAX_PAIRWISE).contains(&eligible.len()) {
            let shared = shared_words(&mut eligible, &words);
            let n = eligible.len();
            for k in 1..n {
                if reported[k] {
                    continue;
                }
                for a in 0..k {
                    // No word in common: a word Jaccard of 0, under every threshold.
                    let common = shared[a * n + k];
                    if common == 0 || eligible[a].fingerprint == eligible[k].fingerprint {
                        continue;
                    }
                    let Some((tj, cj)) = similar(&mut eligible, &norms, a, k, common as usize)
                    else {
                        continue;
                    };
                    let (a, b) = (&eligible[a], &eligible[k]);
                    reported[k] = true;
                    let line = line_number(text, a.span.start);
                    let score = if cj < 0.0 {
                        format!("word overlap {tj:.2}")
                    } else {
                        format!("character overlap {cj:.2}")
                    };
                    out.report_kind(
                        "near",
                        false,
                        b.span,
                        format!(
                            "this sentence nearly repeats the one on line {line} (`{}`, {score}): the same content twice",
                            excerpt(a.span.text(text))
                        ),
                        None,
                    );
                    break;
                }
            }
        }

        // Sentences that recur across the corpus.
        if cx.index.documents() < self.cross_doc_min_df {
            return;
        }
        for (k, p) in eligible.iter().enumerate() {
            if reported[k] || first_of[k] != k {
                continue;
            }
            let df = cx.index.sentence_df(p.fingerprint);
            if df < self.cross_doc_min_df {
                continue;
            }
            let sentence = &an.sentences[p.index];
            if boilerplate_line(cx, sentence.span) {
                continue;
            }
            out.report_kind(
                "cross-document",
                false,
                p.span,
                format!("this sentence occurs in {df} documents of the corpus: copied or boilerplate text"),
                None,
            );
        }
    }
}

/// For each sentence, the first sentence with the same fingerprint (itself when none is earlier).
/// A short list is scanned; a long one goes through a map.
fn first_occurrences(eligible: &[Prepared]) -> Vec<usize> {
    const SCAN: usize = 48;
    if eligible.len() <= SCAN {
        return eligible
            .iter()
            .enumerate()
            .map(|(k, p)| {
                eligible[..k]
                    .iter()
                    .position(|q| q.fingerprint == p.fingerprint)
                    .unwrap_or(k)
            })
            .collect();
    }
    let mut first: HashMap<u64, usize> = HashMap::with_capacity(eligible.len());
    eligible
        .iter()
        .enumerate()
        .map(|(k, p)| *first.entry(p.fingerprint).or_insert(k))
        .collect()
}

/// Whether the line holding `span` is reported by `fragment/boilerplate-line` as recurring.
fn boilerplate_line(cx: &Ctx<'_>, span: Span) -> bool {
    let text = cx.text();
    let li = cx.an.lines.partition_point(|l| l.end < span.start);
    let Some(line) = cx.an.lines.get(li) else {
        return false;
    };
    let raw = line.text(text);
    raw.trim().chars().count() <= BOILERPLATE_MAX_CHARS
        && cx
            .index
            .line_df(normalize::fingerprint_with(raw, &mut Vec::new()))
            >= BOILERPLATE_MIN_DF
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::rules::testing::{assert_allows, assert_flags, run, run_with_corpus};

    const SEED_A: &str = "Ce voyage, qui a retenu Kim en Russie pendant sept jours, est le plus long jamais entrepris par le dirigeant nord-coréen depuis son arrivée au pouvoir il y a plus de dix ans.";
    const SEED_B: &str = "Ce voyage, qui a retenu Kim en Russie pendant sept jours, a été le plus long réalisé à ce jour par le leader nord-coréen depuis son arrivée au pouvoir il y a plus de dix ans.";

    #[test]
    fn flags_near_duplicates_on_the_later_one() {
        let r = NearDuplicateSentence::new();
        let text = format!(
            "Kim revient de Russie\n\n{SEED_A}\n\nLe train blindé a traversé la frontière par le seul passage terrestre.\n\n    {SEED_B}"
        );
        let found = run(&r, Lang::FR, &text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span.text(&text), SEED_B);
        assert_eq!(found[0].kind, Some("near"));
        assert_flags(
            &r,
            Lang::FR,
            "Le sommet a duré trois heures et s’est achevé sans déclaration commune. Ensuite. Le sommet, qui a duré trois heures, s’est terminé sans déclaration commune.",
            &["Le sommet, qui a duré trois heures, s’est terminé sans déclaration commune."],
        );
        assert_flags(
            &r,
            Lang::EN,
            "The visit was the longest trip abroad since he took power more than a decade ago.\n\nThe trip was the longest visit abroad since he took power more than ten years ago.",
            &["The trip was the longest visit abroad since he took power more than ten years ago."],
        );
    }

    #[test]
    fn exact_and_paragraph_duplicates() {
        let r = NearDuplicateSentence::new();
        let s = "La réunion s’est tenue à huis clos dans la capitale samedi.";
        let text = format!("{s}\n\nAutre chose.\n\n{s}\n\n{s}");
        let found = run(&r, Lang::FR, &text);
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|d| d.kind == Some("exact")));
        let para = "Le gouvernement a présenté son budget mercredi matin. Il prévoit une hausse des dépenses militaires de dix pour cent.";
        let text = format!("Titre\n\n{para}\n\nAutre chose.\n\n{para}");
        let found = run(&r, Lang::FR, &text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, Some("paragraph-dup"));
        assert_eq!(found[0].span.text(&text), para);
    }

    #[test]
    fn headline_echoes_are_info_only() {
        let r = NearDuplicateSentence::new();
        // The lead repeats the headline (not counted as a duplicate): one info finding.
        let text = "Kim rentre de Russie après une visite de six jours\n\nKim est rentré de Russie mardi après une visite de six jours.";
        let found = run(&r, Lang::FR, text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].kind, Some("headline-echo"));
        assert_eq!(found[0].severity, Severity::Info);
        assert_eq!(
            found[0].span.text(text),
            "Kim est rentré de Russie mardi après une visite de six jours."
        );
        // The seed's reworded echo (D30): at least half of the headline's content words.
        let text = "Kim revient de Russie après une visite qui a « ouvert une nouvelle page » dans les relations bilatérales\n\nUne autre phrase sur le train blindé.\n\nLe voyage « ouvrait une nouvelle page » en ce qui concerne les relations bilatérales, selon Kim.";
        let found = run(&r, Lang::FR, text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].span.text(text).starts_with("Le voyage"));
        // A headline and a lead on the same subject in other words: nothing.
        assert_allows(
            &r,
            Lang::FR,
            "Kim rentre de Russie\n\nLe dirigeant est arrivé mardi à Pyongyang après une visite de six jours.",
        );
        // Too short a headline to tell.
        assert_allows(
            &r,
            Lang::FR,
            "Kim en Russie\n\nKim est arrivé en Russie mardi.",
        );
    }

    #[test]
    fn allows_different_sentences_titles_and_quotes() {
        let r = NearDuplicateSentence::new();
        assert_allows(
            &r,
            Lang::FR,
            "Le taux de chômage a baissé de 0,2 point en mars. Le taux d’inflation a augmenté de 0,4 point en avril.",
        );
        assert_allows(
            &r,
            Lang::FR,
            "Il a répété : « Nous ne céderons jamais devant la menace des terroristes. » Puis : « Nous ne céderons jamais devant la menace des terroristes. »",
        );
        // Short sentences are not compared.
        assert_allows(&r, Lang::FR, "Il pleut. Il pleut. Il pleut.");
    }

    #[test]
    fn cross_document_duplicates() {
        let r = NearDuplicateSentence {
            cross_doc_min_df: 5,
        };
        let s = "Cet article a été traduit automatiquement par notre partenaire technique.";
        let doc = format!("Titre\n\nUn texte sur la météo du jour. {s}");
        let others: Vec<String> = (0..6)
            .map(|i| format!("Titre {i}\n\nAutre texte numéro {i}. {s}"))
            .collect();
        let corpus: Vec<&str> = others.iter().map(String::as_str).collect();
        let found = run_with_corpus(&r, Lang::FR, &doc, &corpus);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, Some("cross-document"));
        assert_eq!(found[0].span.text(&doc), s);
        // Below the threshold, nothing.
        let found = run_with_corpus(&r, Lang::FR, &doc, &corpus[..2]);
        assert!(found.is_empty());
    }

    #[test]
    fn fingerprints_match_the_index() {
        let text = "L’Élysée a confirmé la visite du président à Kiev, le 12 mars, selon l’AFP.";
        let an = Analysis::new(text, Some(Lang::FR));
        let (mut words, mut norms) = (Vec::new(), Vec::new());
        let p = prepare(&an, 0, &an.sentences[0], 0, &mut words, &mut norms);
        assert_eq!(
            p.fingerprint,
            crate::index::sentence_fingerprint(&an, &an.sentences[0])
        );
    }
}
