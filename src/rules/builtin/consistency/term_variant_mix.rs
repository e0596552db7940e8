//! `consistency/term-variant-mix`: one common word or term written or translated several ways in one
//! document: (a) hyphenation variants (`cessez-le-feu` / `cessez le feu`, `e-mail` / `email`);
//! (b) members of a curated variant set (`term_sets.toml`: `dirigeant` / `leader` with the same
//! modifier, British and American spellings).

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use hashbrown::HashMap;
use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::lang::{Lang, detect::is_stopword};
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};
use crate::span::Span;
use crate::tokenize::{Analysis, Token, TokenKind};

const SETS_TOML: &str = include_str!("term_sets.toml");

/// Hyphenated words whose joined or spaced form is another word, never a variant.
const HYPHEN_EXCEPTIONS: &[&str] = &[
    "peut-être",
    "sur-le-champ",
    "pot-de-vin",
    "pots-de-vin",
    "re-sign",
    "re-signed",
    "re-creation",
    "re-cover",
    "re-covered",
    "re-form",
    "re-formed",
    "re-press",
    "re-count",
    "re-lease",
    "re-sort",
    "re-serve",
    "re-solve",
    "re-collect",
    "re-mark",
    "re-treat",
    "re-search",
    "re-present",
    "re-sent",
    "re-act",
    "re-tire",
    "re-store",
    "re-place",
    "re-mount",
    "re-strain",
    "re-fuse",
    "co-op",
    "un-ionized",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SetsFile {
    set: Vec<SetDef>,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
enum SetKind {
    Head,
    Spelling,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SetDef {
    lang: String,
    kind: SetKind,
    members: Vec<Vec<String>>,
    #[serde(default)]
    #[allow(dead_code)]
    note: String,
}

/// Where a pattern of the automaton comes from: (set, member, form position).
type FormId = (usize, usize, usize);

struct Sets {
    defs: Vec<(Lang, SetKind, Vec<Vec<String>>)>,
    /// Per language: automaton over every form, and pattern id → (set, member, form position).
    by_lang: HashMap<Lang, (AhoCorasick, Vec<FormId>)>,
}

fn load_sets() -> Sets {
    let file: SetsFile = match toml::from_str(SETS_TOML) {
        Ok(f) => f,
        Err(e) => unreachable!("term_sets.toml does not parse: {e}"),
    };
    let defs: Vec<(Lang, SetKind, Vec<Vec<String>>)> = file
        .set
        .into_iter()
        .filter_map(|d| Some((Lang::parse(&d.lang)?, d.kind, d.members)))
        .collect();
    let mut pats: HashMap<Lang, (Vec<String>, Vec<FormId>)> = HashMap::new();
    for (si, (lang, _, members)) in defs.iter().enumerate() {
        let e = pats.entry(*lang).or_default();
        for (mi, forms) in members.iter().enumerate() {
            for (fi, f) in forms.iter().enumerate() {
                e.0.push(f.clone());
                e.1.push((si, mi, fi));
            }
        }
    }
    let by_lang = pats
        .into_iter()
        .filter_map(|(lang, (p, ids))| {
            let ac = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                // A full DFA: a few hundred patterns, scanned over every document.
                .kind(Some(AhoCorasickKind::DFA))
                .build(&p)
                .ok()?;
            Some((lang, (ac, ids)))
        })
        .collect();
    Sets { defs, by_lang }
}

static SETS: LazyLock<Sets> = LazyLock::new(load_sets);

pub struct TermVariantMix;

impl Rule for TermVariantMix {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "consistency/term-variant-mix".into(),
            severity: Severity::Warning,
            summary: "one term written or translated in several ways in one document".into(),
            explanation: "A document should write a term one way. Two kinds of mix are flagged, the \
                less frequent variant with the majority one suggested:\n\
                (a) `spelling`: a lowercase hyphenated word next to its joined form (`e-mail` / \
                `email`) or, for compounds of three parts or more, its spaced form (`cessez-le-feu` / \
                `cessez le feu`; not in English, where `state of the art` is correct after a noun). On a tie the corpus counts decide, else the hyphenated form. Pairs \
                where both forms are words (`peut-être` / `peut être`, `re-sign` / `resign`) are \
                exempt.\n\
                (b) `term-set`: members of a curated set (`term_sets.toml`) used together: \
                `dirigeant nord-coréen` and `leader nord-coréen` (same following modifier: stylistic \
                synonyms with different modifiers are left alone), or British and American spellings \
                (`organisation` / `organization`). A tie goes to the set's first member.\n\
                Not covered yet: corpus-majority agreement pairs such as `drones kamikaze` / `drones \
                kamikazes` (they need bigram counts)."
                .into(),
            flagged: examples(&[
                ("fr", "Le cessez-le-feu est fragile. Hier, le cessez le feu a été violé."),
                ("en", "The e-mail was leaked on Monday; the email contained passwords."),
                (
                    "fr",
                    "Le dirigeant nord-coréen est arrivé. Le dirigeant nord-coréen a parlé. Le leader nord-coréen est reparti.",
                ),
                ("en", "The organization said the organisation would appeal."),
            ]),
            allowed: examples(&[
                ("fr", "Le cessez-le-feu est fragile. Hier, le cessez-le-feu a été violé."),
                ("fr", "La ministre du Travail a visité le ministère du Travail."),
                ("fr", "Il viendra peut-être. Cela peut être long."),
                (
                    "fr",
                    "Le dirigeant nord-coréen est arrivé. Le leader du parti socialiste a parlé.",
                ),
                ("en", "He will re-sign the contract, he said, and will not resign."),
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
        hyphen_variants(cx, out);
        set_variants(cx, out);
    }
}

/// One spelling of a hyphenation key in the document.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Variant {
    Hyphen,
    Joined,
    Spaced,
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

fn lowercase_word(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_lowercase) && !w.chars().any(char::is_uppercase)
}

/// One bit of 64 for a word, from its length and first byte: a look-up filter (a word whose bit is
/// not among the bits of a map's keys is no key).
#[inline]
fn sketch_bit(len: usize, first: u8) -> u64 {
    1u64 << (usize::from(first).wrapping_mul(7).wrapping_add(len) & 63)
}

/// [`sketch_bit`] of a string.
fn sketch_of(w: &str) -> u64 {
    sketch_bit(w.len(), w.as_bytes().first().copied().unwrap_or(0))
}

/// (a) Hyphenated words against their joined or spaced forms.
fn hyphen_variants(cx: &Ctx<'_>, out: &mut Sink<'_>) {
    let an = cx.an;
    let text = an.text;
    // Joined key → (parts count, the hyphenated surface, occurrences per variant).
    struct Entry<'t> {
        parts: Vec<&'t str>,
        occ: Vec<(Variant, Span, &'t str)>,
    }
    let mut keys: HashMap<String, Entry<'_>> = HashMap::new();
    let mut sketch = 0u64; // the keys' [`sketch_bit`]s
    let bytes = text.as_bytes();
    let toks = &an.tokens;
    // The words holding a hyphen, found from the hyphens of the text (a search for the token of
    // each hyphen, not a scan of every word). Tokens before `done` are seen.
    let mut done = 0;
    for at in memchr::memchr2_iter(b'-', 0xE2, bytes) {
        // `‐` and `‑` are E2 80 90 and E2 80 91; the other characters that start with E2 (`’`, `–`)
        // are no hyphen.
        if bytes.get(at) == Some(&0xE2)
            && !matches!(bytes.get(at + 1..at + 3), Some([0x80, 0x90 | 0x91]))
        {
            continue;
        }
        let rest = toks.get(done..).unwrap_or_default();
        let k = done + rest.partition_point(|t| (t.end as usize) <= at);
        // Tokens tile the text: `t` holds byte `at`, unless that token was seen already.
        let Some(t) = toks.get(k).filter(|t| (t.start as usize) <= at) else {
            continue;
        };
        done = k + 1;
        if !t.is_word() {
            continue;
        }
        let w = t.text(text);
        if !lowercase_word(w) || HYPHEN_EXCEPTIONS.contains(&w) {
            continue;
        }
        let parts: Vec<&str> = w.split(is_hyphen).collect();
        if parts
            .iter()
            .any(|p| p.is_empty() || p.chars().any(|c| c.is_numeric() || c == '\'' || c == '’'))
            || parts.len() > 5
        {
            continue;
        }
        let joined: String = parts.concat();
        sketch |= sketch_of(&joined);
        keys.entry(joined)
            .or_insert_with(|| Entry {
                parts,
                occ: Vec::new(),
            })
            .occ
            .push((Variant::Hyphen, t.span(), w));
    }
    if keys.is_empty() {
        return;
    }
    // First part → keys of three parts or more (spaced variants).
    // Not in English, where compound modifiers lose their hyphens after the noun (`a state-of-the-art
    // plant`, `the plant is state of the art`).
    let mut firsts: HashMap<&str, Vec<String>> = HashMap::new();
    let mut firsts_sketch = 0u64;
    for (k, e) in &keys {
        if e.parts.len() >= 3 && an.lang != Lang::EN {
            firsts_sketch |= sketch_of(e.parts[0]);
            firsts.entry(e.parts[0]).or_default().push(k.clone());
        }
    }
    // A word is looked up only when its sketch bit is among the keys' (or the first parts'): a
    // tight pass picks those words, then they are looked up.
    let wanted = sketch | firsts_sketch;
    let word_bit = |t: &Token| {
        let len = t.end.saturating_sub(t.start) as usize;
        sketch_bit(len, bytes.get(t.start as usize).copied().unwrap_or(0))
    };
    let candidates: Vec<usize> = toks
        .iter()
        .enumerate()
        .filter(|(_, t)| t.is_word() && wanted & word_bit(t) != 0)
        .map(|(i, _)| i)
        .collect();
    for i in candidates {
        let Some(t) = toks.get(i) else {
            continue;
        };
        let bit = word_bit(t);
        // A key holds no hyphen, so a word that is one holds none either.
        if sketch & bit != 0
            && let Some(e) = keys.get_mut(t.text(text))
        {
            e.occ.push((Variant::Joined, t.span(), t.text(text)));
            continue;
        }
        if firsts_sketch & bit != 0
            && let Some(ks) = firsts.get(t.text(text))
        {
            for k in ks {
                let Some(e) = keys.get_mut(k.as_str()) else {
                    continue;
                };
                if let Some(end) = spaced_match(an, i, &e.parts) {
                    let span = Span::new(t.start, end);
                    e.occ.push((Variant::Spaced, span, span.text(text)));
                }
            }
        }
    }
    let mut entries: Vec<&Entry<'_>> = keys
        .values()
        .filter(|e| {
            e.occ.iter().any(|o| o.0 != Variant::Hyphen)
                && e.occ.iter().any(|o| o.0 == Variant::Hyphen)
        })
        .collect();
    entries.sort_by_key(|e| e.occ.first().map(|o| o.1.start));
    for e in entries {
        let mut counts: Vec<(Variant, u64, &str, u32)> = Vec::new();
        for &(v, span, s) in &e.occ {
            match counts.iter_mut().find(|c| c.0 == v) {
                Some(c) => {
                    c.1 += 1;
                    c.3 = c.3.min(span.start);
                }
                None => counts.push((v, 1, s, span.start)),
            }
        }
        let top = counts.iter().map(|c| c.1).max().unwrap_or(0);
        let tied: Vec<&(Variant, u64, &str, u32)> = counts.iter().filter(|c| c.1 == top).collect();
        let (reference, clear) = if let [one] = tied.as_slice() {
            (**one, true)
        } else {
            // Corpus counts of the one-token forms; the spaced form has none.
            let corpus = |c: &(Variant, u64, &str, u32)| match c.0 {
                Variant::Spaced => 0,
                _ => cx.index.word(an.lang, c.2).count,
            };
            let best = tied.iter().map(|c| corpus(c)).max().unwrap_or(0);
            let winners: Vec<&&(Variant, u64, &str, u32)> =
                tied.iter().filter(|c| corpus(c) == best).collect();
            match winners.as_slice() {
                [one] if best > 0 => (***one, true),
                _ => match tied.iter().find(|c| c.0 == Variant::Hyphen) {
                    Some(h) if tied.iter().any(|c| c.0 == Variant::Spaced) => (**h, true),
                    _ => (**tied.iter().min_by_key(|c| c.3).unwrap_or(&tied[0]), false),
                },
            }
        };
        for &(v, span, s) in &e.occ {
            if v == reference.0 {
                continue;
            }
            out.report_kind(
                "spelling",
                false,
                span,
                format!(
                    "`{s}` is written `{}` elsewhere in this document ({}×)",
                    reference.2, reference.1
                ),
                clear.then(|| reference.2.to_string()),
            );
        }
    }
}

/// When tokens from `i` spell `parts` separated by single spaces, the end of the last one.
fn spaced_match(an: &Analysis<'_>, i: usize, parts: &[&str]) -> Option<u32> {
    let toks = &an.tokens;
    let mut j = i;
    for (n, p) in parts.iter().enumerate() {
        if n > 0 {
            let sp = toks.get(j + 1)?;
            if sp.kind != TokenKind::Space || sp.text(an.text) != " " {
                return None;
            }
            j += 2;
        }
        let t = toks.get(j)?;
        if !t.is_word() || t.text(an.text) != *p {
            return None;
        }
    }
    toks.get(j).map(|t| t.end)
}

/// An occurrence of a set member: (member, form position, span).
type Occurrence = (usize, usize, Span);

/// (b) Members of curated sets used together.
fn set_variants(cx: &Ctx<'_>, out: &mut Sink<'_>) {
    let sets = &*SETS;
    let lang = cx.an.lang;
    let Some((ac, ids)) = sets.by_lang.get(&lang) else {
        return;
    };
    let text = cx.text();
    // (set, modifier) → occurrences (member, form position, span).
    let mut groups: HashMap<(usize, String), Vec<Occurrence>> = HashMap::new();
    for m in ac.find_iter(text) {
        let (s, e) = (m.start(), m.end());
        let before = text[..s].chars().next_back();
        let after = text[e..].chars().next();
        if before.is_some_and(|c| c.is_alphanumeric() || is_hyphen(c))
            || after.is_some_and(|c| c.is_alphanumeric() || is_hyphen(c))
        {
            continue;
        }
        let Some(&(si, mi, fi)) = ids.get(m.pattern().as_usize()) else {
            continue;
        };
        let modifier = match sets.defs[si].1 {
            SetKind::Spelling => String::new(),
            SetKind::Head => match modifier_after(cx.an, e) {
                Some(m) => m,
                None => continue,
            },
        };
        groups
            .entry((si, modifier))
            .or_default()
            .push((mi, fi, Span::from_usize(s, e)));
    }
    let mut keys: Vec<&(usize, String)> = groups.keys().collect();
    keys.sort();
    for key in keys {
        let occ = &groups[key];
        let members = &sets.defs[key.0].2;
        let mut counts = vec![0u64; members.len()];
        for o in occ {
            counts[o.0] += 1;
        }
        if counts.iter().filter(|&&c| c > 0).count() < 2 {
            continue;
        }
        let top = counts.iter().copied().max().unwrap_or(0);
        let Some(major) = counts.iter().position(|&c| c == top) else {
            continue;
        };
        let major_word = occ
            .iter()
            .find(|o| o.0 == major)
            .map_or("", |o| o.2.text(text));
        for &(_, fi, span) in occ.iter().filter(|o| o.0 != major) {
            let suggestion = members[major].get(fi).cloned();
            let what = if key.1.is_empty() {
                String::new()
            } else {
                format!(" {}", key.1)
            };
            out.report_kind(
                "term-set",
                false,
                span,
                format!(
                    "`{}{what}` is `{major_word}{what}` elsewhere in this document ({top}×): pick one",
                    span.text(text)
                ),
                suggestion,
            );
        }
    }
}

/// The modifier after a head noun ending at byte `end`: the next word when it is a lowercase
/// content word (`nord-coréen`), or `du`/`de la`/`des` and the word after (`du pays`).
fn modifier_after(an: &Analysis<'_>, end: usize) -> Option<String> {
    let i = an.tokens.partition_point(|t| (t.end as usize) <= end);
    let toks = &an.tokens;
    let mut j = i;
    let mut words: Vec<&str> = Vec::new();
    while words.len() < 3 {
        let sp = toks.get(j)?;
        if sp.kind != TokenKind::Space {
            return None;
        }
        let w = toks.get(j + 1)?;
        if !w.is_word() {
            return None;
        }
        let s = w.text(an.text);
        if !lowercase_word(s) {
            return None;
        }
        words.push(s);
        if !is_stopword(an.lang, s) {
            break;
        }
        if !matches!(s, "du" | "de" | "la" | "des" | "of" | "the") {
            return None;
        }
        j += 2;
    }
    let last = words.last()?;
    if is_stopword(an.lang, last) {
        return None;
    }
    Some(words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_allows, assert_flags, run};

    #[test]
    fn sets_load() {
        assert!(SETS.defs.len() >= 10);
        for (_, _, members) in &SETS.defs {
            assert!(members.len() >= 2);
            for forms in members {
                for f in forms {
                    assert_eq!(f, &f.to_lowercase());
                }
            }
        }
    }

    #[test]
    fn hyphenation() {
        let r = TermVariantMix;
        let t = "Le cessez-le-feu est fragile. Hier, le cessez le feu a été violé.";
        let found = run(&r, Lang::FR, t);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span.text(t), "cessez le feu");
        assert_eq!(found[0].suggestion.as_deref(), Some("cessez-le-feu"));
        assert_flags(
            &r,
            Lang::EN,
            "The e-mail was leaked on Monday; the email contained passwords.",
            &["email"],
        );
        assert_flags(
            &r,
            Lang::EN,
            "The e-mail was leaked; the email and the email were read.",
            &["e-mail"],
        );
        assert_allows(
            &r,
            Lang::FR,
            "Le cessez-le-feu est fragile. Hier, le cessez-le-feu a été violé.",
        );
        assert_allows(
            &r,
            Lang::FR,
            "La ministre du Travail a visité le ministère du Travail.",
        );
        assert_allows(&r, Lang::FR, "Il viendra peut-être. Cela peut être long.");
        assert_allows(
            &r,
            Lang::EN,
            "A long-term plan. In the long term, it works.",
        );
        assert_allows(
            &r,
            Lang::EN,
            "He will re-sign the contract and will not resign.",
        );
        assert_allows(
            &r,
            Lang::EN,
            "A state-of-the-art plant. The plant is state of the art.",
        );
    }

    #[test]
    fn hyphens_among_other_dashes_and_apostrophes() {
        // `’` and `–` start with the byte of `‐` and `‑`; a word with two hyphens is one key.
        let t = "Aujourd’hui – selon l’AFP – le cessez-le-feu tient. L’arc-en-ciel. Le cessez le feu a été violé, l’arc en ciel aussi.";
        let found = run(&TermVariantMix, Lang::FR, t);
        let spans: Vec<&str> = found.iter().map(|d| d.span.text(t)).collect();
        assert_eq!(spans, ["cessez le feu"]);
    }

    #[test]
    fn curated_sets() {
        let r = TermVariantMix;
        let t = "Ce voyage est le plus long entrepris par le dirigeant nord-coréen. Le dirigeant nord-coréen Kim Jong Un. Le dirigeant nord-coréen, Kim Jong-un est de retour. Ce voyage est le plus long réalisé par le leader nord-coréen depuis dix ans.";
        let found = run(&r, Lang::FR, t);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span.text(t), "leader");
        assert_eq!(found[0].suggestion.as_deref(), Some("dirigeant"));
        assert_flags(
            &r,
            Lang::FR,
            "Les dirigeants du pays ont parlé. Les leaders du pays sont partis.",
            &["leaders"],
        );
        assert_allows(
            &r,
            Lang::FR,
            "Le dirigeant nord-coréen est arrivé. Le leader du parti socialiste a parlé.",
        );
        assert_flags(
            &r,
            Lang::EN,
            "The organization said on Monday that the organisation would appeal.",
            &["organisation"],
        );
        assert_allows(
            &r,
            Lang::EN,
            "The organization said the organization would appeal.",
        );
    }
}
