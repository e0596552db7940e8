//! `consistency/name-variant`: one name spelled several ways, within a document (`Kim Jong Un` /
//! `Kim Jong-un`) or against the corpus majority (`Vostochni` where the corpus writes
//! `Vostotchny`). Mentions, forms and keys come from `crate::index::names` (`rules.md` §4.2).

use std::sync::Arc;

use hashbrown::HashMap;
use xxhash_rust::xxh3::xxh3_64;

use crate::diagnostic::Severity;
use crate::index::names::{self, MIN_V_LETTERS};
use crate::index::{IndexView, NameStats, NameVerdicts};
use crate::lang::Lang;
use crate::rules::{Ctx, Rule, RuleMeta, Settings, Sink, examples};
use crate::span::Span;

/// Corpus-minority thresholds (`rules.md` §4.2): the cluster has at least this many mentions...
pub const CLUSTER_MIN_MENTIONS: u64 = 30;
/// ...the flagged form has at most this share of them (percent)...
pub const MINORITY_MAX_PERCENT: u64 = 10;
/// ...the majority form at least this share (percent)...
pub const MAJORITY_MIN_PERCENT: u64 = 60;
/// ...and occurs in at least this many documents. Below `SPELLING_MAX_DF` documents the minority
/// form is reported as a `spelling` slip rather than a `corpus-minority` variant.
pub const MAJORITY_MIN_DF: u64 = 5;
pub const SPELLING_MAX_DF: u64 = 3;
/// Tokens that differ between two V-linked forms have at least this many letters.
const V_TOKEN_MIN_LETTERS: usize = 5;

#[derive(Default)]
pub struct NameVariant {
    settings: Arc<Settings>,
}

/// A byte range of [`Keys::arena`].
#[derive(Clone, Copy, Default)]
struct Slot {
    start: u32,
    end: u32,
}

/// The strings of one document's name forms, in one buffer: part keys, form surfaces and keys.
#[derive(Default)]
struct Keys {
    arena: String,
}

impl Keys {
    fn get(&self, s: Slot) -> &str {
        self.arena
            .get(s.start as usize..s.end as usize)
            .unwrap_or("")
    }

    /// Appends what `f` writes and returns its slot.
    fn push(&mut self, f: impl FnOnce(&mut String)) -> Slot {
        let start = self.arena.len() as u32;
        f(&mut self.arena);
        Slot {
            start,
            end: self.arena.len() as u32,
        }
    }
}

/// One part (token) of a mention: its K1 key and, when some form needs it, its V key.
#[derive(Clone, Copy)]
struct Part {
    k1: Slot,
    v: Slot,
}

/// One occurrence of a form in the document.
struct Occ {
    span: Span,
    surface: Slot,
    tokens: usize,
    k1: Slot,
    /// Index of its first part in the part list.
    part: usize,
}

/// True when `s` has at least `n` chars.
fn has_chars(s: &str, n: usize) -> bool {
    s.len() >= n && (s.is_ascii() || s.chars().count() >= n)
}

impl Rule for NameVariant {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "consistency/name-variant".into(),
            severity: Severity::Warning,
            summary: "a name spelled in several ways (hyphen, case, accents or transliteration)".into(),
            explanation: "Machine translation and copy from several wires leave one person or place \
                spelled two ways: `Kim Jong Un` and `Kim Jong-un`, `María José` and `María-José`, \
                `Zelensky` and `Zelenskyy`. Name mentions are runs of capitalised words (particles \
                such as `de` or `ben` allowed inside); each mention and its shorter endings are \
                compared through a key that ignores case, hyphens, spaces and accents (K1), and for \
                surnames and same-surname first names a transliteration-neutral key (V: `tch`=`ch`, \
                `y`=`i`, `ks`=`x`, doubled letters...).\n\
                (a) `intra-document` (error): within one document the less frequent spelling is \
                flagged and the majority one suggested; a tie is broken by the corpus counts, else \
                the first spelling used is taken as the reference and no fix is offered.\n\
                (b) `corpus-minority` (warning): with a corpus (the run's documents and `--index`), a \
                spelling that has at most 10% of a name's mentions, where another has at least 60% \
                of at least 30 mentions over 5 documents or more, is flagged with the majority \
                suggested; seen in fewer than 3 documents it is reported as `spelling`.\n\
                Limits: capitals-only words and title-case headlines are ignored (styling), a lone \
                capitalised word opening a sentence is not a mention, different people whose names \
                differ only by hyphens or case are not told apart.\n\
                (c) `house-spelling` (warning): a spelling pinned in the configuration (`[names]` \
                `preferred = [\"Kim Jong Un\"]`) wins over both: its other spellings by case, \
                hyphens, spaces and accents are flagged with it as the fix, and it is never flagged \
                itself."
                .into(),
            flagged: examples(&[
                (
                    "fr",
                    "Le dirigeant Kim Jong Un est arrivé. Plus tard, Kim Jong-un a parlé avec Kim Jong-un.",
                ),
                (
                    "fr",
                    "Volodymyr Zelensky a reçu le chancelier. Plus tard, Zelenskyy a remercié ses alliés, puis Zelensky est reparti.",
                ),
                (
                    "fr",
                    "La ministre María José Lorente est arrivée. La ministre, María-José Lorente est rentrée.",
                ),
                (
                    "en",
                    "The minister, Oleksandr Hrytsenko, said on Monday. Later Olexandr Hrytsenko added that Oleksandr Hrytsenko agreed.",
                ),
            ]),
            allowed: examples(&[
                ("fr", "Kim Jong-un a rencontré sa sœur Kim Yo-jong."),
                ("fr", "Mohammed ben Salmane a reçu Mahmoud Abbas."),
                ("fr", "Le dirigeant Kim Jong-un est arrivé. Plus tard, Kim Jong-un a parlé."),
                ("fr", "Louis Martin a vu Luis Martin. Ensuite, Michel Dupont a vu Michèle Dupont."),
                ("en", "KIM JONG UN VISITS RUSSIA\n\nKim Jong-un left on Monday."),
            ]),
            languages: Vec::new(),
            default_enabled: true,
            origin: file!().into(),
        }
    }

    fn needs_index(&self) -> bool {
        true
    }

    fn configure(&mut self, settings: &Arc<Settings>) {
        self.settings = settings.clone();
    }

    fn check(&self, cx: &Ctx<'_>, out: &mut Sink<'_>) {
        let mut scratch = SCRATCH.with(|s| s.take());
        self.check_with(cx, out, &mut scratch);
        scratch.trim();
        SCRATCH.with(|s| s.replace(scratch));
    }
}

/// Buffers reused from one document to the next (kept per thread).
#[derive(Default)]
struct Scratch {
    mentions: names::MentionScratch,
    all_parts: Vec<Span>,
    all_particle: Vec<bool>,
    ends: Vec<usize>,
    keys: Keys,
    buf: String,
    v: String,
    parts: Vec<Part>,
    occs: Vec<Occ>,
    probe: Vec<u64>,
}

impl Scratch {
    /// Drops buffers a very long document has grown.
    fn trim(&mut self) {
        if self.keys.arena.capacity() > 1 << 22 || self.occs.capacity() > 1 << 16 {
            *self = Scratch::default();
        }
    }
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

impl NameVariant {
    fn check_with(&self, cx: &Ctx<'_>, out: &mut Sink<'_>, scratch: &mut Scratch) {
        let text = cx.text();
        let lang = cx.an.lang;
        let Scratch {
            mentions,
            all_parts,
            all_particle,
            ends,
            keys,
            buf,
            v: vbuf,
            parts,
            occs,
            probe,
        } = scratch;
        // Every mention's parts and particle flags, end to end, and where each mention ends.
        all_parts.clear();
        all_particle.clear();
        ends.clear();
        names::each_mention(cx.an, mentions, &mut |m_parts, particle| {
            all_parts.extend_from_slice(m_parts);
            all_particle.extend_from_slice(particle);
            ends.push(all_parts.len());
        });
        if ends.is_empty() {
            return;
        }
        // Keys are computed once per part; a form's K1 key is the concatenation of its parts'
        // (K1 maps each character on its own, and drops the spaces between parts).
        keys.arena.clear();
        parts.clear();
        occs.clear();
        let mut mention_start = 0;
        for &end in ends.iter() {
            let (m_parts, m_particle) = (
                &all_parts[mention_start..end],
                &all_particle[mention_start..end],
            );
            mention_start = end;
            let n = m_parts.len();
            let first = n.saturating_sub(names::MAX_FORM_TOKENS);
            let base = parts.len();
            for (i, p) in m_parts.iter().enumerate().skip(first) {
                let k1 = keys.push(|a| names::push_k1(p.text(text), buf, a));
                // V keys: of every part but the last (multi-token forms), and of a last part long
                // enough for the single-token test.
                let long = i + 1 < n || has_chars(keys.get(k1), MIN_V_LETTERS);
                let v = if long {
                    vbuf.clear();
                    names::push_vkey(keys.get(k1), vbuf);
                    keys.push(|a| a.push_str(vbuf))
                } else {
                    Slot::default()
                };
                parts.push(Part { k1, v });
            }
            for start in first..n {
                if m_particle[start] {
                    continue;
                }
                let surface = keys.push(|a| {
                    for (i, p) in m_parts[start..].iter().enumerate() {
                        if i > 0 {
                            a.push(' ');
                        }
                        a.push_str(p.text(text));
                    }
                });
                let part = base + start - first;
                let k1 = {
                    let from = keys.arena.len() as u32;
                    for pk in &parts[part..base + n - first] {
                        let s = pk.k1;
                        keys.arena
                            .extend_from_within(s.start as usize..s.end as usize);
                    }
                    Slot {
                        start: from,
                        end: keys.arena.len() as u32,
                    }
                };
                occs.push(Occ {
                    span: Span::new(m_parts[start].start, m_parts[n - 1].end),
                    surface,
                    tokens: n - start,
                    k1,
                    part,
                });
            }
        }
        let v_keys = v_keys(occs, parts, keys, text);
        let (occs, parts, keys) = (&*occs, &*parts, &*keys);
        let k = |s: Slot| keys.get(s);
        let mut handled: Vec<Span> = Vec::new();

        // (c) House spellings first, longest forms first: they decide every form they cover.
        if self.settings.has_preferred_names() {
            let mut order: Vec<usize> = (0..occs.len()).collect();
            order.sort_by_key(|&i| (std::cmp::Reverse(occs[i].tokens), occs[i].span.start));
            for i in order {
                let o = &occs[i];
                if handled.iter().any(|h| h.contains(o.span)) {
                    continue;
                }
                let Some(pinned) = self.settings.preferred_name(k(o.k1)) else {
                    continue;
                };
                handled.push(o.span);
                if k(o.surface) != pinned {
                    out.report_kind(
                        "house-spelling",
                        false,
                        o.span,
                        format!(
                            "`{}` is spelled `{pinned}` in this project (`[names]` in the configuration)",
                            o.span.text(text)
                        ),
                        Some(pinned.to_string()),
                    );
                }
            }
        }

        // (a) K1 groups, longest key first. Most documents spell each name one way: a sort of
        // the occurrences by a hash of their K1 key shows it without building the groups.
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let k1_keyed = occs
            .iter()
            .enumerate()
            .filter(|(_, o)| o.k1.end > o.k1.start)
            .map(|(i, o)| (k(o.k1), i));
        if may_differ(probe, k1_keyed, |i| k(occs[i].surface)) {
            let mut by_k1: HashMap<&str, Vec<usize>> = HashMap::new();
            for (i, o) in occs.iter().enumerate() {
                if o.k1.end > o.k1.start {
                    by_k1.entry(k(o.k1)).or_default().push(i);
                }
            }
            groups.extend(by_k1.into_values().filter(|g| {
                g.iter()
                    .any(|&i| k(occs[i].surface) != k(occs[g[0]].surface))
            }));
        }
        // V groups: same-length multi-token forms whose last tokens are K1-equal and whose other
        // tokens are V-equal; single-token last names of `MIN_V_LETTERS` letters or more.
        let v_keyed = v_keys
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| (k(v), i)));
        if may_differ(probe, v_keyed, |i| k(occs[i].k1)) {
            groups.extend(v_groups(occs, parts, keys, &v_keys));
        }
        groups.sort_by_key(|g| {
            let o = &occs[g[0]];
            (
                std::cmp::Reverse(o.tokens),
                std::cmp::Reverse(o.k1.end - o.k1.start),
                o.span.start,
            )
        });
        for g in groups {
            let live: Vec<usize> = g
                .into_iter()
                .filter(|&i| !handled.iter().any(|h| h.contains(occs[i].span)))
                .collect();
            // Distinct spellings: K1 classes for V groups (a K1 variant inside is a K1 group's job).
            let mut classes: Vec<(&str, &str, u64, u32)> = Vec::new(); // (k1, surface, count, first)
            for &i in &live {
                let o = &occs[i];
                let surface = k(o.surface);
                match classes.iter_mut().find(|c| c.1 == surface) {
                    Some(c) => c.2 += 1,
                    None => classes.push((k(o.k1), surface, 1, o.span.start)),
                }
            }
            if classes.len() < 2 {
                continue;
            }
            let reference = pick_majority(&classes, cx.index, lang);
            let (ref_surface, ref_count, unique) = reference;
            for &i in &live {
                let o = &occs[i];
                handled.push(o.span);
                if k(o.surface) == ref_surface {
                    continue;
                }
                let message = format!(
                    "`{}` is spelled `{ref_surface}` elsewhere in this document ({ref_count}×)",
                    o.span.text(text)
                );
                out.report_kind(
                    "intra-document",
                    true,
                    o.span,
                    message,
                    unique.then(|| ref_surface.to_string()),
                );
            }
        }

        // (b) Corpus minority, longest forms first (only forms with a verdict are ever flagged,
        // so only they are ordered).
        let Some(verdicts) = cx.index.name_verdicts(all_verdicts).get(&lang) else {
            return;
        };
        let mut found: Vec<(usize, &Verdict)> = occs
            .iter()
            .enumerate()
            .filter_map(|(i, o)| Some((i, verdicts.get(k(o.surface))?)))
            .collect();
        found.sort_by_key(|&(i, _)| {
            (
                std::cmp::Reverse(occs[i].tokens),
                std::cmp::Reverse(occs[i].k1.end - occs[i].k1.start),
                occs[i].span.start,
            )
        });
        for (i, (majority, own, total, df)) in found {
            let o = &occs[i];
            if handled.iter().any(|h| h.contains(o.span)) {
                continue;
            }
            let (own, total, df) = (*own, *total, *df);
            handled.push(o.span);
            let kind = if df < SPELLING_MAX_DF {
                "spelling"
            } else {
                "corpus-minority"
            };
            out.report_kind(
                kind,
                false,
                o.span,
                format!(
                    "`{}` is a rare spelling in the corpus ({own} of {total} mentions): the usual one is `{majority}`",
                    o.span.text(text)
                ),
                Some(majority.to_string()),
            );
        }
    }
}

/// The corpus-minority verdict of every name form of the view (see [`group_verdicts`]), computed
/// once per run: far fewer forms than mentions. Sequential on purpose: it runs inside a `OnceLock`
/// initialiser, where a rayon join could steal another document's job that waits on the same lock.
fn all_verdicts(index: &IndexView<'_>) -> NameVerdicts {
    let mut out = NameVerdicts::new();
    let mut scratch = VerdictScratch::default();
    index.each_name_group(&mut |lang, k1, group| {
        group_verdicts(
            index,
            lang,
            k1,
            group,
            &mut scratch,
            &mut |form, verdict| {
                out.entry(lang).or_default().insert(form.into(), verdict);
            },
        );
    });
    out
}

/// Reusable buffers for [`group_verdicts`].
#[derive(Default)]
struct VerdictScratch<'a> {
    cluster: Vec<(&'a str, NameStats)>,
    v: String,
    k1: String,
    buf: String,
}

/// A corpus-minority verdict: (majority form, the form's mentions, cluster total, the form's df).
type Verdict = (Box<str>, u64, u64, u64);

/// Calls `found` with the forms of one K1 group (all of `lang` with the K1 key `k1`) that are
/// corpus-minority spellings (`rules.md` §4.2), and their verdicts. A form's cluster is its K1
/// group, plus, for a single token of `MIN_V_LETTERS` letters or more, the forms of its V key
/// that differ by more than doubled consonants. Most groups hold a single multi-token or short
/// form, which has no cluster to be a minority in.
fn group_verdicts<'a>(
    index: &IndexView<'a>,
    lang: Lang,
    k1: &str,
    group: &[(&'a str, NameStats)],
    scratch: &mut VerdictScratch<'a>,
    found: &mut dyn FnMut(&str, Verdict),
) {
    let long = has_chars(k1, MIN_V_LETTERS);
    let single = |f: &str| long && !f.contains(' ');
    if group.len() >= 2 {
        cluster_verdicts(group, group.iter().filter(|(f, _)| !single(f)), found);
    }
    if !group.iter().any(|(f, _)| single(f)) {
        return;
    }
    let VerdictScratch {
        cluster,
        v,
        k1: fk,
        buf,
    } = scratch;
    cluster.clear();
    cluster.extend_from_slice(group);
    let own = undoubled(k1);
    v.clear();
    names::push_vkey(k1, v);
    for (f, s) in index.names_by_v(lang, v) {
        // Doubled consonants alone are not a transliteration (Mohammed / Mohamed).
        fk.clear();
        names::push_k1(f, buf, fk);
        if fk != k1 && undoubled(fk) == own {
            continue;
        }
        if !cluster.iter().any(|(g, _)| *g == f) {
            cluster.push((f, s));
        }
    }
    cluster_verdicts(cluster, group.iter().filter(|(f, _)| single(f)), found);
}

/// Calls `found` with each of `forms` (members of `cluster`) that is a corpus-minority spelling in
/// `cluster`, and its verdict.
fn cluster_verdicts<'f>(
    cluster: &[(&str, NameStats)],
    forms: impl Iterator<Item = &'f (&'f str, NameStats)>,
    found: &mut dyn FnMut(&str, Verdict),
) {
    if cluster.len() < 2 {
        return;
    }
    let total: u64 = cluster.iter().map(|(_, s)| s.mentions).sum();
    let Some(&(majority, ms)) = cluster.iter().max_by_key(|(f, s)| (s.mentions, *f)) else {
        return;
    };
    if total < CLUSTER_MIN_MENTIONS
        || ms.mentions * 100 < total * MAJORITY_MIN_PERCENT
        || ms.df < MAJORITY_MIN_DF
    {
        return;
    }
    for &(form, own) in forms {
        if form == majority || own.mentions * 100 > total * MINORITY_MAX_PERCENT {
            continue;
        }
        found(form, (majority.into(), own.mentions, total, own.df));
    }
}

/// The reference spelling of a group: the most frequent in the document, ties broken by the
/// corpus counts, then by first use. Returns (surface, count in the document, whether the choice is
/// clear enough to suggest).
fn pick_majority<'s>(
    classes: &[(&str, &'s str, u64, u32)],
    index: &IndexView<'_>,
    lang: Lang,
) -> (&'s str, u64, bool) {
    let top = classes.iter().map(|c| c.2).max().unwrap_or(0);
    let tied: Vec<&(&str, &str, u64, u32)> = classes.iter().filter(|c| c.2 == top).collect();
    if let [only] = tied.as_slice() {
        return (only.1, only.2, true);
    }
    let corpus: Vec<u64> = tied
        .iter()
        .map(|c| index.name(lang, c.1).mentions)
        .collect();
    let best = corpus.iter().copied().max().unwrap_or(0);
    if corpus.iter().filter(|&&n| n == best).count() == 1
        && let Some(pos) = corpus.iter().position(|&n| n == best)
    {
        return (tied[pos].1, tied[pos].2, true);
    }
    let first = tied.iter().min_by_key(|c| c.3).map_or(tied[0], |c| *c);
    (first.1, first.2, false)
}

/// The V-group key of each occurrence (`None` for forms that take no part in V groups): for a
/// multi-token form, the V key of each token but the last and the K1 key of the last, separated by
/// spaces; for a single token of `MIN_V_LETTERS` letters or more ending its mention, its V key.
fn v_keys(occs: &[Occ], parts: &[Part], keys: &mut Keys, text: &str) -> Vec<Option<Slot>> {
    let mut out = Vec::with_capacity(occs.len());
    for o in occs {
        if o.tokens >= 2 {
            let ps = &parts[o.part..o.part + o.tokens];
            let from = keys.arena.len();
            for p in &ps[..ps.len() - 1] {
                keys.arena
                    .extend_from_within(p.v.start as usize..p.v.end as usize);
                keys.arena.push(' ');
            }
            if let Some(last) = ps.last() {
                keys.arena
                    .extend_from_within(last.k1.start as usize..last.k1.end as usize);
            }
            out.push(Some(Slot {
                start: from as u32,
                end: keys.arena.len() as u32,
            }));
        } else {
            if !has_chars(keys.get(o.k1), MIN_V_LETTERS) {
                out.push(None);
                continue;
            }
            // Only a mention's last token (a surname), not a first name cut off its mention.
            let after = &text[o.span.end as usize..];
            if after.starts_with([' ', '\u{a0}']) && next_is_capitalised(after) {
                out.push(None);
                continue;
            }
            out.push(Some(parts[o.part].v));
        }
    }
    out
}

/// Whether two of `items` (key, occurrence) with the same key have different values (`value` of
/// the occurrence): when false, no group of equal keys holds two values, so there is no group to
/// build. Keys are compared by hash and values exactly, so a hash collision can only answer true.
///
/// Each item is one integer, the high bits of its key's hash above its occurrence's number, so
/// that a plain sort of integers brings equal keys together (a document with more occurrences than
/// the low bits can number answers true).
fn may_differ<'a>(
    probe: &mut Vec<u64>,
    items: impl Iterator<Item = (&'a str, usize)>,
    value: impl Fn(usize) -> &'a str,
) -> bool {
    const INDEX_BITS: u32 = 24;
    const INDEX_MASK: u64 = (1 << INDEX_BITS) - 1;
    probe.clear();
    for (key, i) in items {
        let Ok(i) = u64::try_from(i) else {
            return true;
        };
        if i > INDEX_MASK {
            return true;
        }
        probe.push(xxh3_64(key.as_bytes()) & !INDEX_MASK | i);
    }
    probe.sort_unstable();
    // Within a run of equal hashes, two values differ only if two neighbours do.
    let occ = |x: u64| (x & INDEX_MASK) as usize;
    probe
        .windows(2)
        .any(|w| w[0] >> INDEX_BITS == w[1] >> INDEX_BITS && value(occ(w[0])) != value(occ(w[1])))
}

/// Groups of occurrences linked by the V key but not by K1 (see `check`).
fn v_groups(occs: &[Occ], parts: &[Part], keys: &Keys, v_keys: &[Option<Slot>]) -> Vec<Vec<usize>> {
    let mut by_key: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, key) in v_keys.iter().enumerate() {
        if let Some(key) = key {
            by_key.entry(keys.get(*key)).or_default().push(i);
        }
    }
    let k = |s: Slot| keys.get(s);
    by_key
        .into_values()
        .filter(|g| {
            // At least two K1 classes, every differing token long enough; single tokens that
            // differ only by doubled consonants may be two people (Weizmann / Weizman).
            let first = &occs[g[0]];
            let single = first.tokens == 1;
            g.iter().any(|&i| k(occs[i].k1) != k(first.k1))
                && g.iter().all(|&i| {
                    k(occs[i].k1) == k(first.k1)
                        || (tokens_differ_long(parts, keys, first, &occs[i])
                            && !(single && undoubled(k(occs[i].k1)) == undoubled(k(first.k1))))
                })
        })
        .collect()
}

fn next_is_capitalised(after: &str) -> bool {
    after
        .trim_start_matches([' ', '\u{a0}'])
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

/// Tokens that differ (by K1) between two forms of equal length all have `V_TOKEN_MIN_LETTERS`
/// letters or more.
fn tokens_differ_long(parts: &[Part], keys: &Keys, a: &Occ, b: &Occ) -> bool {
    let pa = &parts[a.part..a.part + a.tokens];
    let pb = &parts[b.part..b.part + b.tokens];
    pa.iter().zip(pb).all(|(x, y)| {
        let (kx, ky) = (keys.get(x.k1), keys.get(y.k1));
        kx == ky || (has_chars(kx, V_TOKEN_MIN_LETTERS) && has_chars(ky, V_TOKEN_MIN_LETTERS))
    })
}

/// `k1` with doubled consonants collapsed (`Weizmann` → `weizman`; `yy` is a transliteration, kept).
fn undoubled(k1: &str) -> String {
    let mut out = String::with_capacity(k1.len());
    let mut last = None;
    for c in k1.chars() {
        if last != Some(c) || matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y') {
            out.push(c);
            last = Some(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_allows, assert_flags, run, run_with_corpus};

    fn spans<'a>(text: &'a str, found: &[crate::Diagnostic]) -> Vec<&'a str> {
        found.iter().map(|d| d.span.text(text)).collect()
    }

    #[test]
    fn may_differ_finds_a_key_with_two_values() {
        let mut probe = Vec::new();
        let keys = ["kimjongun", "zelensky", "kimjongun", "paris", "zelensky"];
        let same = [
            "Kim Jong-un",
            "Zelensky",
            "Kim Jong-un",
            "Paris",
            "Zelensky",
        ];
        let differ = [
            "Kim Jong-un",
            "Zelensky",
            "Kim Jong Un",
            "Paris",
            "Zelensky",
        ];
        let items = || keys.iter().copied().zip(0..);
        assert!(!may_differ(&mut probe, items(), |i| same[i]));
        assert!(may_differ(&mut probe, items(), |i| differ[i]));
        // Different keys with different values are no group.
        assert!(!may_differ(&mut probe, items().take(2), |i| differ[i]));
        assert!(!may_differ(&mut probe, std::iter::empty(), |i| same[i]));
    }

    #[test]
    fn seed_hyphen_variant() {
        let t = "Le dirigeant nord-coréen Kim Jong Un à l’une des étapes de son voyage.STRAFP\n\n  • Le dirigeant nord-coréen, Kim Jong-un est déjà de retour.\n\n    « Grâce à sa visite, le respecté camarade Kim Jong-un a encore renforcé la camaraderie », indique le texte.";
        let found = run(&NameVariant::default(), Lang::FR, t);
        assert_eq!(spans(t, &found), ["Kim Jong Un"]);
        assert_eq!(found[0].suggestion.as_deref(), Some("Kim Jong-un"));
        assert_eq!(found[0].kind, Some("intra-document"));
        assert_eq!(found[0].severity, Severity::Error);
    }

    #[test]
    fn catalog_cases() {
        let r = NameVariant::default();
        assert_flags(
            &r,
            Lang::FR,
            "Volodymyr Zelensky a reçu le chancelier. Plus tard, Zelenskyy a remercié ses alliés.",
            &["Zelenskyy"],
        );
        assert_allows(&r, Lang::FR, "Kim Jong-un a rencontré sa sœur Kim Yo-jong.");
        assert_allows(&r, Lang::FR, "Mohammed ben Salmane a reçu Mahmoud Abbas.");
        assert_allows(
            &r,
            Lang::FR,
            "Mohammed ben Salmane a reçu Mohamed Bazoum. Mohammed a parlé, puis Mohamed a répondu.",
        );
    }

    #[test]
    fn planted_variants() {
        let r = NameVariant::default();
        assert_flags(
            &r,
            Lang::FR,
            "Tour de Savoie : Jean-Baptiste Ferrand remporte l’étape reine\n\nLe Français Jean Baptiste Ferrand a gagné samedi.",
            &["Jean Baptiste Ferrand"],
        );
        assert_flags(
            &r,
            Lang::FR,
            "Le ministre, Choi Hyun-woo, a achevé sa tournée. Selon lui, Choi Hyun-woo est satisfait. Enfin, Choi Hyun Woo a parlé.",
            &["Choi Hyun Woo"],
        );
        assert_flags(
            &r,
            Lang::EN,
            "The minister, Oleksandr Hrytsenko, said on Monday. Later Olexandr Hrytsenko added that Oleksandr Hrytsenko agreed.",
            &["Olexandr Hrytsenko"],
        );
    }

    #[test]
    fn ties_use_the_corpus_then_first_use() {
        let r = NameVariant::default();
        let doc = "L’ingénieur Marten Visscher a levé des fonds. Selon lui, Maarten Visscher est confiant.";
        let found = run(&r, Lang::FR, doc);
        assert_eq!(spans(doc, &found), ["Maarten Visscher"]);
        assert_eq!(found[0].suggestion, None);
        let corpus = [
            "La société de l’ingénieur Maarten Visscher lève des fonds.",
            "Fondée par Maarten Visscher, la société recycle.",
        ];
        let found = run_with_corpus(&r, Lang::FR, doc, &corpus);
        assert_eq!(spans(doc, &found), ["Marten Visscher"]);
        assert_eq!(found[0].suggestion.as_deref(), Some("Maarten Visscher"));
    }

    #[test]
    fn allows_styling_and_different_people() {
        let r = NameVariant::default();
        assert_allows(
            &r,
            Lang::EN,
            "KIM JONG UN VISITS RUSSIA\n\nKim Jong-un left on Monday.",
        );
        assert_allows(
            &r,
            Lang::EN,
            "Self-Driving Trucks Arrive In Texas Next Year\n\nSelf-driving trucks will arrive.",
        );
        assert_allows(
            &r,
            Lang::FR,
            "Louis Martin a vu Luis Martin. Ensuite, Michel Dupont a vu Michèle Dupont.",
        );
        assert_allows(&r, Lang::FR, "Kim Jong-un a vu Kim Jong-nam.");
        assert_allows(
            &r,
            Lang::FR,
            "L’institut Weizmann a reçu le président Weizman, puis Weizmann a publié.",
        );
    }

    #[test]
    fn corpus_minority_across_documents() {
        let r = NameVariant::default();
        let doc = "Ils ont tenu un sommet au cosmodrome de Vostochni, dans l’Amour.";
        let mut others: Vec<String> = (0..32)
            .map(|i| format!("Le lanceur {i} a décollé du cosmodrome de Vostotchny mardi."))
            .collect();
        others.push("Un autre lancement depuis Vostochni a eu lieu.".into());
        let corpus: Vec<&str> = others.iter().map(String::as_str).collect();
        let found = run_with_corpus(&r, Lang::FR, doc, &corpus);
        assert_eq!(spans(doc, &found), ["Vostochni"]);
        assert_eq!(found[0].kind, Some("spelling"));
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(found[0].suggestion.as_deref(), Some("Vostotchny"));
        // K1 variants too, from a form used in one document only.
        let doc = "Le dirigeant nord-coréen Kim Jong Un est rentré.";
        let others: Vec<String> = (0..31)
            .map(|i| format!("Le dirigeant Kim Jong-un a parlé le {i} mai."))
            .collect();
        let corpus: Vec<&str> = others.iter().map(String::as_str).collect();
        let found = run_with_corpus(&r, Lang::FR, doc, &corpus);
        assert_eq!(spans(doc, &found), ["Kim Jong Un"]);
        // Too small a corpus: nothing.
        let found = run_with_corpus(&r, Lang::FR, doc, &corpus[..5]);
        assert!(found.is_empty(), "{found:?}");
    }
    #[test]
    fn house_spellings_win_over_the_document_and_the_corpus() {
        let mut settings = Settings::default();
        settings.prefer_name("Kim Jong Un");
        let r = NameVariant {
            settings: Arc::new(settings),
        };
        // The document's majority is `Kim Jong-un`: the pinned form is kept, the others flagged.
        let text = "Kim Jong-un est arrivé. Plus tard, Kim Jong-un a parlé avec Kim Jong-Un. Kim Jong Un est reparti.";
        let found = run(&r, Lang::FR, text);
        assert_eq!(
            spans(text, &found),
            ["Kim Jong-un", "Kim Jong-un", "Kim Jong-Un"],
            "{found:#?}"
        );
        assert!(
            found.iter().all(|d| d.kind == Some("house-spelling")
                && d.suggestion.as_deref() == Some("Kim Jong Un"))
        );
        // One spelling only, the wrong one: still flagged, which needs the pin.
        let text = "Le dirigeant Kim Jong-un est arrivé lundi.";
        assert_eq!(spans(text, &run(&r, Lang::FR, text)), ["Kim Jong-un"]);
        assert!(run(&NameVariant::default(), Lang::FR, text).is_empty());
        // The pinned spelling itself and other names are left alone.
        assert!(run(&r, Lang::FR, "Kim Jong Un a rencontré Kim Yo-jong.").is_empty());
    }

    #[test]
    fn has_chars_counts_chars() {
        assert!(has_chars("zelensky", 7));
        assert!(!has_chars("zelensk", 8));
        assert!(has_chars("ššššššš", 7));
        assert!(!has_chars("šššššš", 7));
        assert!(!has_chars("", 1));
        assert!(has_chars("", 0));
    }

    #[test]
    fn undoubled_collapses_consonants_only() {
        assert_eq!(undoubled("weizmann"), "weizman");
        assert_eq!(undoubled("mohammed"), "mohamed");
        assert_eq!(undoubled("zelenskyy"), "zelenskyy");
        assert_eq!(undoubled("aabbbcc"), "aabc");
        assert_eq!(undoubled("ššéé"), "šé");
    }

    #[test]
    fn part_keys_concatenate_to_form_keys() {
        let mut buf = String::new();
        for surface in [
            "Kim Jong-un",
            "María-José Lorente",
            "Jean Baptiste O’Brien",
            "ÉLYSÉE St. Denis",
            "Ɛwe Ŀlobregat Œuvre",
        ] {
            let mut joined = String::new();
            for part in surface.split(' ') {
                names::push_k1(part, &mut buf, &mut joined);
            }
            assert_eq!(joined, names::k1(surface), "{surface}");
        }
    }
}
