//! `glue/glued-words`: two words fused without a space (`Russieselon`, `withthe`, `RussieSelon`).
//!
//! The index has unigram counts only (no bigram table), so this implements the parts of the
//! catalog's algorithm (rules.md §4.1) that unigram counts can decide:
//!
//! * **`function-word-glue`** (every corpus size): the token is a known word glued to a function
//!   word of a curated, per-side list (`Russie|selon`, `sommet|du`, `les|autorités`), or two
//!   function words that never form a word (`with|the`, `dans|la`).
//! * **`case-seam`**: a lowercase→uppercase seam inside the token (`RussieSelon`). Accepted when one
//!   side is a function word; with no function word only in a big corpus (see
//!   [`BIG_CORPUS_WORDS`]), when both sides are frequent and the right side is mostly lowercase.
//!
//! * **`dictionary-split`** (only with a word list for the language in the configuration's
//!   `[words]`): a token missing from the list and rare in the corpus that cuts in exactly one way
//!   into two listed words of 4 letters or more (`ministreannonce`). Without a list, splits of two
//!   content words need loose-bigram evidence that the index does not hold, and are left out.

use std::sync::{Arc, LazyLock};

use hashbrown::{HashMap, HashSet};

use crate::diagnostic::Severity;
use crate::index::IndexView;
use crate::lang::Lang;
use crate::lang::words::{self, WordSet};
use crate::rules::builtin::text;
use crate::rules::{Ctx, Rule, RuleMeta, Settings, Sink, examples};
use crate::span::Span;
use crate::tokenize::{Analysis, TokenKind};

/// Below this many words of the document's language in the corpus, the rule works from the
/// document and the corpus as a word list: a part is known when it occurs once as a word of its own.
pub const BIG_CORPUS_WORDS: u64 = 1_000_000;
/// In a big corpus, a part is known when it occurs at least this many times.
pub const K_KNOWN: u64 = 100;
/// The glued form itself may occur at most this many times in the corpus.
pub const T_RARE: u64 = 3;
/// Case-seam tokens seen this often, in this many documents, are names (`YouTube`, `PlayStation`).
pub const SEAM_LEGIT_COUNT: u64 = 20;
pub const SEAM_LEGIT_DF: u64 = 3;

/// Minimum length in characters of a glued token, and of its content (non-function-word) part.
const MIN_LEN: usize = 6;
const MIN_CONTENT: usize = 4;
/// Minimum length of two glued function words (`inthe`).
const MIN_FF_LEN: usize = 5;
/// A dictionary split needs a token of this many characters, cut into parts of at least
/// `DICT_MIN_PART` characters each.
const DICT_MIN_LEN: usize = 8;
const DICT_MIN_PART: usize = 4;

#[derive(Default)]
pub struct GluedWords {
    settings: Arc<Settings>,
}

/// The glue lists of one language.
struct GlueLists {
    /// Function words that may be glued after a word (`Russie|selon`): none is a common word ending.
    suffixes: &'static [&'static str],
    /// Function words that may be glued before a lowercase word (`les|autorités`).
    prefixes: &'static [&'static str],
    /// Function words that start a pair of glued function words (`with|the`, `dans|la`)...
    pair_first: &'static [&'static str],
    /// ...and those that end it.
    pair_second: &'static [&'static str],
    /// Real words these lists would split (`partisans` is not `parti sans`).
    exceptions: &'static [&'static str],
}

// Left out on purpose, because common words end with them: `le la les` (`couple`, `initiale`,
// `nouvelle`), `leur` (`travailleur`, `bailleur`), `chez` (`cherchez`), `au aux` (`tableau`,
// `régionaux`), `en on un une il elle et que ce son` (`citoyen`, `maison`, `fortune`, `profil`,
// `mortelle`, `cabinet`, `banque`, `police`, `Jackson`).
const FR: GlueLists = GlueLists {
    suffixes: &[
        "selon", "dans", "pour", "avec", "sans", "sur", "par", "vers", "entre", "contre", "depuis",
        "après", "avant", "pendant", "lors", "qui", "dont", "mais", "du", "des", "cette", "sous",
        "parmi", "malgré", "durant", "auprès", "où", "puis", "comme", "très", "ainsi", "aussi",
        "alors", "déjà",
    ],
    prefixes: &[
        "les", "des", "dans", "selon", "avec", "depuis", "chez", "pendant",
    ],
    pair_first: &[
        "dans", "pour", "avec", "sans", "sur", "sous", "selon", "vers", "chez", "entre", "contre",
        "depuis", "après", "avant", "pendant", "de", "à", "et", "mais",
    ],
    pair_second: &[
        "le", "la", "les", "un", "une", "des", "du", "ce", "cet", "cette", "ces", "son", "sa",
        "ses", "leur", "leurs", "notre", "nos", "votre", "vos",
    ],
    exceptions: &[
        "partisans",
        "partisane",
        "partisanes",
        "paysans",
        "artisans",
        "courtisans",
        "dessein",
        "desseins",
        "dessert",
        "desserts",
        "desserte",
        "dessertes",
        "desservir",
        "dessous",
        "dessus",
        "dessin",
        "dessins",
        "dessiner",
        "destin",
        "destins",
        "destinée",
        "destinées",
        "despote",
        "despotes",
        "descente",
        "descentes",
        "lesbienne",
        "lesbiennes",
        "lessive",
        "lessives",
        "angela",
        "nicola",
        "carla",
        "paola",
        "nicole",
        "amendes",
        "olympiades",
        "sursaut",
        "surplus",
        "surtout",
        "partout",
        "chacun",
        "chacune",
        "deces",
        "dansent",
    ],
};

// Left out on purpose: `in on at by to is as it or` (`Martin`, `format`, `Texas`, `sector`),
// `through` (`breakthrough`), `over` (`takeover`), `while` (`meanwhile`).
const EN: GlueLists = GlueLists {
    suffixes: &[
        "the", "and", "of", "for", "with", "from", "that", "this", "these", "those", "their",
        "which", "into", "after", "before", "between", "during", "against", "without", "because",
        "would", "could", "should", "were", "have",
    ],
    prefixes: &["the", "their", "these", "those", "from"],
    pair_first: &[
        "with", "from", "into", "onto", "for", "of", "in", "on", "at", "by", "to", "and", "that",
        "about", "over", "under", "after", "before", "between", "during", "against", "through",
        "among", "across", "behind", "is", "was", "are", "were", "but",
    ],
    pair_second: &[
        "the", "a", "an", "this", "these", "those", "their", "its", "his", "her", "our", "my",
        "your",
    ],
    exceptions: &[
        "therapist",
        "therapists",
        "therein",
        "thereof",
        "thereafter",
        "forthwith",
        "herewith",
        "therewith",
        "whereof",
        "hereof",
        "sandwich",
    ],
};

/// Camel-case names with a function word on one side (`YouTube`, `LinkedIn`): never split.
const SEAM_NAMES: &[&str] = &[
    "youtube",
    "yougov",
    "linkedin",
    "moveon",
    "onlyfans",
    "thestreet",
    "theguardian",
    "ontheroad",
    "forsale",
    "inbev",
    "byedit",
    "lesechos",
    "iphone",
    "ipad",
    "macbook",
    "macarthur",
    "macdonald",
    "mackenzie",
    "blackrock",
    "playstation",
    "powerpoint",
    "whatsapp",
    "javascript",
    "github",
    "gitlab",
    "fedex",
    "openai",
    "chatgpt",
    "tiktok",
    "biontech",
    "astrazeneca",
    "glaxosmithkline",
    "exxonmobil",
    "mastercard",
    "softbank",
    "harpercollins",
    "airbnb",
    "buzzfeed",
    "huffpost",
    "dreamworks",
    "arcelormittal",
    "totalenergies",
    "blablacar",
    "lafargeholcim",
    "essilorluxottica",
    "deepmind",
    "blackberry",
    "wikileaks",
    "propublica",
    "solarwinds",
    "doordash",
    "jetblue",
    "stubhub",
    "seaworld",
    "unitedhealth",
    "bytedance",
    "coindesk",
    "newsguard",
    "smartphone",
    "postfinance",
    "bnpparibas",
    "easyjet",
    "skyteam",
];

fn lists(lang: Lang) -> Option<&'static GlueLists> {
    if lang == Lang::FR {
        Some(&FR)
    } else if lang == Lang::EN {
        Some(&EN)
    } else {
        None
    }
}

impl Rule for GluedWords {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "glue/glued-words".into(),
            severity: Severity::Error,
            summary: "two words fused without a space".into(),
            explanation: "A lost space fuses two words (`Russieselon`, `withthe`, `RussieSelon`): an \
                extraction or machine-translation defect that also hides both words from search and \
                from every other check. Sub-kind `function-word-glue`: a word glued to a function word \
                (`Russie|selon`, `sommet|du`, `les|autorités`) or two function words glued together \
                (`with|the`, `dans|la`). Each side has a curated list of function words that no common \
                word ends or starts with (`selon`, `dans`, `du`, `the`; not `on`, `au` or `en`), the \
                other part must be known (a word of the document or the corpus on its own; in a corpus \
                of 1M words or more, seen 100 times) and at least 4 letters long, the glued form must be \
                rare (3 occurrences at most), and the case must fit (`Russieselon` needs `Russie` to be \
                mostly capitalised). Sub-kind `case-seam`: a lowercase→uppercase seam inside a word \
                (`RussieSelon`), accepted when one side is a function word, or in a corpus of 1M words \
                or more when both sides are frequent and the right one is mostly lowercase; camel-case \
                names (`YouTube`) and tokens seen 20 times in 3 documents are left alone. URLs, \
                e-mails, #tags, @handles, words with digits and all-caps words are skipped. Sub-kind \
                `dictionary-split`, only when the configuration's `[words]` gives a word list for the \
                language: a token of 8 letters or more, missing from the list and rare in the corpus, \
                that cuts in exactly one way into two listed words of 4 letters or more \
                (`ministreannonce`); listed words also count as known for the other sub-kinds, which \
                helps short texts. Without a list, two glued content words without a seam need bigram \
                counts the index does not keep, and are not attempted. French and English function-word \
                lists; the case seam also works with the function words of German, Spanish and Italian."
                .into(),
            flagged: examples(&[
                ("fr", "Le sommet s’est tenu en Russie. Il est rentré de Russieselon les médias officiels."),
                ("en", "The minister arrived at the summit withthe prime minister."),
                ("fr", "Kim est rentré de Russie. Il a quitté la RussieSelon KCNA."),
            ]),
            allowed: examples(&[
                ("fr", "Le portefeuille du ministre a été révisé."),
                ("en", "The town of Maryport was flooded overnight."),
                ("fr", "Les partisans du parti sans étiquette ont voté."),
                ("en", "Watch the video on YouTube or on the tube."),
            ]),
            languages: vec!["fr".into(), "en".into(), "de".into(), "es".into(), "it".into()],
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
        let lang = cx.an.lang;
        let listed = self.settings.words(lang);
        if !words::has_lists(lang) && listed.is_none() {
            return;
        }
        let glue = lists(lang);
        let text = cx.text();
        let mut checker = Checker {
            an: cx.an,
            lists: filter(lang),
            index: cx.index,
            lang,
            big: cx.index.words(lang) >= BIG_CORPUS_WORDS,
            local: None,
            low: String::with_capacity(32),
            listed,
        };
        for (ti, t) in cx.an.tokens.iter().enumerate() {
            if t.kind != TokenKind::Word || t.end - t.start < 3 {
                continue;
            }
            let range = t.start as usize..t.end as usize;
            let Some(bytes) = text.as_bytes().get(range.clone()) else {
                continue;
            };
            let classes = Classes::of(bytes);
            // Most words have no apostrophe or hyphen: one segment, no per-character split.
            if !classes.any(SEPARATOR) {
                if checker.is_candidate(glue, bytes, classes)
                    && let Some(word) = text.get(range)
                {
                    checker.check_segment(glue, ti, true, word, t.span(), out);
                }
                continue;
            }
            let word = t.text(text);
            // Segments between elision apostrophes and hyphens (`l’Allemagneselon` → `Allemagneselon`).
            each_segment(word, |from, to| {
                if let Some(seg) = word.get(from..to)
                    && seg.len() >= 3
                    && checker.is_candidate(glue, seg.as_bytes(), Classes::of(seg.as_bytes()))
                {
                    let span = Span::from_usize(t.start as usize + from, t.start as usize + to);
                    checker.check_segment(glue, ti, from == 0, seg, span, out);
                }
            });
        }
    }
}

/// Calls `f` with the byte range of each part of `word` between apostrophes (`'`, `’`) and hyphens,
/// empty parts included. Found on the bytes: `’` is E2 80 99, and 0xE2 only ever starts a
/// character.
fn each_segment(word: &str, mut f: impl FnMut(usize, usize)) {
    let b = word.as_bytes();
    let (mut from, mut i) = (0usize, 0usize);
    loop {
        let sep = match b.get(i..) {
            Some([b'\'' | b'-', ..]) => 1,
            Some([0xE2, 0x80, 0x99, ..]) => 3,
            Some([_, ..]) => {
                i += 1;
                continue;
            }
            _ => 0, // the end of the word
        };
        f(from, i);
        if sep == 0 {
            return;
        }
        from = i + sep;
        i = from;
    }
}

/// Byte-indexed views of the glue lists of a language, so that a segment is compared only with the
/// list entries that share its first (or last) byte. Bit `i` of a mask stands for entry `i` of the
/// list, so iterating the bits upwards visits entries in list order.
struct Filter {
    /// Last byte → suffix function words ending with it.
    suffix_by_last: [u64; 256],
    /// First byte → prefix function words starting with it.
    prefix_by_first: [u64; 256],
    /// First byte → first words of pairs starting with it.
    pair_by_first: [u64; 256],
    /// Which last two bytes end a listed suffix function word, and which (ASCII-lowercased) first
    /// two bytes start a prefix or a pair.
    tails: Vec<u64>,
    heads: Vec<u64>,
    /// Suffix function words by the (lowercased) last three bytes and last two bytes they end
    /// with, hashed into [`BUCKETS`] masks ([`bucket3`], [`bucket2`]): a sharper filter for ASCII
    /// segments than one byte or two (`-es` ends many words, `-des` few). Collisions only add
    /// entries to compare.
    ends: Box<[u64; BUCKETS]>,
    /// The same by the first three and first two bytes, prefix function words in the low 32 bits
    /// and first words of pairs in the high 32.
    starts: Box<[u64; BUCKETS]>,
    pair_second: WordSet,
    exceptions: WordSet,
}

/// Buckets of [`Filter::ends`] and [`Filter::starts`] (a power of two: the top bits of a hash).
const BUCKETS: usize = 1 << BUCKET_BITS;
const BUCKET_BITS: u32 = 12;

#[inline]
fn bucket_of(key: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B1) >> (32 - BUCKET_BITS)) as usize
}

/// The bucket of three bytes...
#[inline]
fn bucket3(a: u8, b: u8, c: u8) -> usize {
    bucket_of(2 << 24 | u32::from(a) << 16 | u32::from(b) << 8 | u32::from(c))
}

/// ...and of two (another key space).
#[inline]
fn bucket2(a: u8, b: u8) -> usize {
    bucket_of(1 << 24 | u32::from(a) << 8 | u32::from(b))
}

/// Sets bit `bit` in the bucket of the first (`at_end` false) or last three bytes of `w`, or of
/// its two bytes when it has only two.
fn set_bucket(table: &mut [u64; BUCKETS], w: &str, at_end: bool, bit: usize) {
    let b = w.as_bytes();
    let i = match (b, at_end) {
        ([x, y], _) => bucket2(*x, *y),
        ([x, y, z, ..], false) | ([.., x, y, z], true) => bucket3(*x, *y, *z),
        _ => return, // no listed word has fewer than two bytes (see the tests)
    };
    if let Some(m) = table.get_mut(i) {
        *m |= 1 << bit;
    }
}

// Bit `i` of a mask stands for entry `i` of a list: suffixes take 64 bits, prefixes and pairs 32.
const _: () = assert!(
    FR.suffixes.len() <= 64
        && EN.suffixes.len() <= 64
        && FR.prefixes.len() <= 32
        && EN.prefixes.len() <= 32
        && FR.pair_first.len() <= 32
        && EN.pair_first.len() <= 32
);

fn masks(list: &[&str], at: impl Fn(&[u8]) -> Option<u8>) -> [u64; 256] {
    let mut out = [0u64; 256];
    for (i, w) in list.iter().enumerate().take(64) {
        if let Some(b) = at(w.as_bytes()) {
            out[usize::from(b)] |= 1 << i;
        }
    }
    out
}

/// The entries of `list` whose mask in `masks` holds byte `b` (none without a byte).
fn by_byte<'l>(
    list: &'l [&'static str],
    masks: &[u64; 256],
    b: Option<&u8>,
) -> impl Iterator<Item = &'static str> + 'l {
    picked(list, b.map_or(0, |&b| masks[usize::from(b)]))
}

/// The entries of `list` picked by `mask`, in list order.
fn picked<'l>(list: &'l [&'static str], mut mask: u64) -> impl Iterator<Item = &'static str> + 'l {
    std::iter::from_fn(move || {
        if mask == 0 {
            return None;
        }
        let i = mask.trailing_zeros() as usize;
        mask &= mask - 1;
        list.get(i).copied()
    })
}

impl Filter {
    fn new(glue: Option<&GlueLists>) -> Filter {
        let first = |b: &[u8]| b.first().copied();
        let last = |b: &[u8]| b.last().copied();
        let mut f = Filter {
            suffix_by_last: [0; 256],
            prefix_by_first: [0; 256],
            pair_by_first: [0; 256],
            tails: vec![0; 1024],
            heads: vec![0; 1024],
            ends: Box::new([0; BUCKETS]),
            starts: Box::new([0; BUCKETS]),
            pair_second: WordSet::default(),
            exceptions: WordSet::default(),
        };
        if let Some(g) = glue {
            f.suffix_by_last = masks(g.suffixes, last);
            f.prefix_by_first = masks(g.prefixes, first);
            f.pair_by_first = masks(g.pair_first, first);
            f.pair_second = WordSet::new(g.pair_second.iter().copied());
            f.exceptions = WordSet::new(g.exceptions.iter().copied());
            for w in g.suffixes {
                let b = w.as_bytes();
                if b.len() >= 2 {
                    set(&mut f.tails, key(b[b.len() - 2], b[b.len() - 1]));
                }
            }
            for w in g.prefixes.iter().chain(g.pair_first) {
                let b = w.as_bytes();
                if b.len() >= 2 {
                    set(&mut f.heads, key(b[0], b[1]));
                }
            }
            for (i, w) in g.suffixes.iter().enumerate() {
                set_bucket(&mut f.ends, w, true, i);
            }
            for (i, w) in g.prefixes.iter().enumerate() {
                set_bucket(&mut f.starts, w, false, i);
            }
            for (i, w) in g.pair_first.iter().enumerate() {
                set_bucket(&mut f.starts, w, false, 32 + i);
            }
        }
        f
    }

    fn tail(&self, b: &[u8]) -> bool {
        b.len() >= 2 && get(&self.tails, key(b[b.len() - 2], b[b.len() - 1]))
    }

    fn head(&self, b: &[u8]) -> bool {
        b.len() >= 2 && get(&self.heads, key(b[0].to_ascii_lowercase(), b[1]))
    }

    /// The suffix function words that may end `low` (by its last byte), in list order.
    fn suffixes<'l>(
        &self,
        glue: &'l GlueLists,
        low: &str,
    ) -> impl Iterator<Item = &'static str> + 'l {
        by_byte(glue.suffixes, &self.suffix_by_last, low.as_bytes().last())
    }

    fn prefixes<'l>(
        &self,
        glue: &'l GlueLists,
        low: &str,
    ) -> impl Iterator<Item = &'static str> + 'l {
        by_byte(glue.prefixes, &self.prefix_by_first, low.as_bytes().first())
    }

    fn pair_firsts<'l>(
        &self,
        glue: &'l GlueLists,
        low: &str,
    ) -> impl Iterator<Item = &'static str> + 'l {
        by_byte(glue.pair_first, &self.pair_by_first, low.as_bytes().first())
    }
}

impl Filter {
    /// Whether an ASCII segment, lowercased, may give `find_split` a split: it starts with a listed
    /// prefix or first word of a pair, or ends with a listed suffix, with more after (or before)
    /// it, and with the lengths `find_split` then requires (one byte is one character here): a
    /// word glued to a prefix or a suffix needs `MIN_LEN` characters, `MIN_CONTENT` of them outside
    /// the function word; two glued function words need `MIN_FF_LEN` characters and a listed
    /// second word. Common words that merely start or end like a function word (`international`,
    /// `there`, `today`) fail these and go no further.
    #[inline]
    fn any_listed_ascii(&self, glue: &GlueLists, b: &[u8]) -> bool {
        let n = b.len();
        // Every split needs `MIN_FF_LEN` or `MIN_LEN` characters (see `listed_ascii`).
        if n < MIN_FF_LEN.min(MIN_LEN) {
            return false;
        }
        let lower = |i: usize| b[i].to_ascii_lowercase();
        let (z, y, x) = (lower(n - 1), lower(n - 2), lower(n - 3));
        let ends = self.ends[bucket3(x, y, z)] | self.ends[bucket2(y, z)];
        let (a, b1, c) = (lower(0), lower(1), lower(2));
        let starts = self.starts[bucket3(a, b1, c)] | self.starts[bucket2(a, b1)];
        (ends | starts) != 0 && self.listed_ascii(glue, b, ends, starts)
    }

    /// `any_listed_ascii` on the list entries picked by the masks of `ends` and `starts`.
    #[inline(never)]
    fn listed_ascii(&self, glue: &GlueLists, b: &[u8], ends: u64, starts: u64) -> bool {
        let n = b.len();
        let at_start = |w: &str| {
            let w = w.as_bytes();
            n > w.len() && b[..w.len()].eq_ignore_ascii_case(w)
        };
        let at_end = |w: &str| {
            let w = w.as_bytes();
            n > w.len() && b[n - w.len()..].eq_ignore_ascii_case(w)
        };
        let content_fits = |w: &str| n >= MIN_LEN && n >= w.len() + MIN_CONTENT;
        let pair_fits = |w: &str| {
            n >= MIN_FF_LEN
                && b.get(w.len()..)
                    .and_then(|rest| std::str::from_utf8(rest).ok())
                    .is_some_and(|rest| self.pair_second.contains_ascii_lowercase(rest))
        };
        (ends != 0 && picked(glue.suffixes, ends).any(|w| at_end(w) && content_fits(w)))
            || (starts != 0
                && (picked(glue.prefixes, starts & 0xFFFF_FFFF)
                    .any(|w| at_start(w) && content_fits(w))
                    || picked(glue.pair_first, starts >> 32).any(|w| at_start(w) && pair_fits(w))))
    }
}

impl Filter {
    /// For a segment with non-ASCII bytes: whether it may end with a listed suffix, or start with a
    /// listed prefix or first word of a pair, by its bytes (the first one lowercased when ASCII).
    /// A segment `find_split` cuts passes: it is lowercase after its first character, and
    /// lowercasing changes no byte there that a listed word could hold (only capitals and
    /// titlecase letters change), so the listed word is in the segment's own bytes. A non-ASCII
    /// first byte passes for a start (`À` is not `à`).
    fn may_have_listed_end(&self, glue: &GlueLists, b: &[u8]) -> bool {
        let n = b.len();
        let ends = match b {
            [.., x, y, z] => self.ends[bucket3(*x, *y, *z)] | self.ends[bucket2(*y, *z)],
            _ => return true,
        };
        if picked(glue.suffixes, ends).any(|w| n > w.len() && b.ends_with(w.as_bytes())) {
            return true;
        }
        match b {
            [a, ..] if !a.is_ascii() => true,
            [a, x, y, ..] => {
                let a = a.to_ascii_lowercase();
                self.starts[bucket3(a, *x, *y)] | self.starts[bucket2(a, *x)] != 0
            }
            _ => true,
        }
    }
}

fn key(a: u8, b: u8) -> usize {
    (usize::from(a) << 8) | usize::from(b)
}

fn set(bits: &mut [u64], k: usize) {
    if let Some(w) = bits.get_mut(k / 64) {
        *w |= 1 << (k % 64);
    }
}

fn get(bits: &[u64], k: usize) -> bool {
    bits.get(k / 64).is_some_and(|w| w >> (k % 64) & 1 == 1)
}

fn filter(lang: Lang) -> &'static Filter {
    static FR_FILTER: LazyLock<Filter> = LazyLock::new(|| Filter::new(Some(&FR)));
    static EN_FILTER: LazyLock<Filter> = LazyLock::new(|| Filter::new(Some(&EN)));
    static NONE: LazyLock<Filter> = LazyLock::new(|| Filter::new(None));
    if lang == Lang::FR {
        &FR_FILTER
    } else if lang == Lang::EN {
        &EN_FILTER
    } else {
        &NONE
    }
}

static SEAM_NAME_SET: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::new(SEAM_NAMES.iter().copied()));

/// Whether a capital letter follows the first character (`RussieSelon`). Characters of U+0080 to
/// U+00FF (two bytes, lead byte 0xC2 or 0xC3) are read from their bytes; others are decoded.
fn has_inner_capital(b: &[u8]) -> bool {
    // From the second character on (past the first byte and its continuation bytes).
    let mut i = 1 + b
        .iter()
        .skip(1)
        .take_while(|&&x| (0x80..0xC0).contains(&x))
        .count();
    while let Some(&x) = b.get(i) {
        match x {
            0..=0x7F => {
                if x.is_ascii_uppercase() {
                    return true;
                }
                i += 1;
            }
            // U+00C0–U+00FF: À–Þ are capitals, except × (U+00D7); U+0080–U+00BF have none.
            0xC2 | 0xC3 => {
                if x == 0xC3 && b.get(i + 1).is_some_and(|&y| y <= 0x9E && y != 0x97) {
                    return true;
                }
                i += 2;
            }
            _ => {
                let len = match x {
                    0xE0..=0xEF => 3,
                    0xF0.. => 4,
                    _ => 2,
                };
                let c = b
                    .get(i..i + len)
                    .and_then(|c| std::str::from_utf8(c).ok())
                    .and_then(|c| c.chars().next());
                match c {
                    Some(c) if c.is_uppercase() => return true,
                    Some(_) => i += len,
                    None => return false,
                }
            }
        }
    }
    false
}

/// Byte classes, for the one scan of a word that picks its path.
const NON_ASCII: u8 = 1;
const UPPER: u8 = 2;
/// An apostrophe, a hyphen, or the lead byte of `’` (and of other characters from U+2000).
const SEPARATOR: u8 = 4;

static BYTE_CLASSES: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b'A'..=b'Z' => UPPER,
            b'\'' | b'-' => SEPARATOR,
            0xE2 => NON_ASCII | SEPARATOR,
            0x80..=0xFF => NON_ASCII,
            _ => 0,
        };
        b += 1;
    }
    t
};

/// The classes of the bytes of a segment: of its first byte, and of the others together.
#[derive(Clone, Copy)]
struct Classes {
    first: u8,
    rest: u8,
}

impl Classes {
    #[inline]
    fn of(seg: &[u8]) -> Classes {
        let class = |b: &u8| BYTE_CLASSES[usize::from(*b)];
        match seg.split_first() {
            Some((first, rest)) => Classes {
                first: class(first),
                rest: rest.iter().fold(0, |a, b| a | class(b)),
            },
            None => Classes { first: 0, rest: 0 },
        }
    }

    /// Whether some byte has one of `classes`.
    #[inline]
    fn any(self, classes: u8) -> bool {
        (self.first | self.rest) & classes != 0
    }

    /// Whether an ASCII capital follows the first byte: one follows the first character too, since
    /// the other bytes of a character are not ASCII.
    #[inline]
    fn inner_ascii_capital(self) -> bool {
        self.rest & UPPER != 0
    }
}

/// What the rule found inside one token.
struct Split {
    /// Byte offset of the cut in the segment.
    at: usize,
    kind: &'static str,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Lower,
    Capitalized,
    /// A lowercase run of 2+ letters followed by a capital; the byte offset of the capital.
    Seam(usize),
}

/// Per-document counts of word segments (lowercased): occurrences and capitalised occurrences.
type Local = HashMap<String, (u32, u32)>;

struct Checker<'a> {
    an: &'a Analysis<'a>,
    lists: &'static Filter,
    index: &'a IndexView<'a>,
    lang: Lang,
    big: bool,
    local: Option<Local>,
    low: String,
    /// The configured word list of the language, lowercased.
    listed: Option<&'a HashSet<Box<str>>>,
}

impl Checker<'_> {
    /// Whether `check_segment` may find something in `seg` (with the byte classes of its bytes):
    /// the cheap test that most segments fail.
    #[inline(always)]
    fn is_candidate(&self, glue: Option<&GlueLists>, seg: &[u8], classes: Classes) -> bool {
        let lists = self.lists;
        // With a word list, long segments are candidates for a dictionary split whatever their ends.
        if self.listed.is_some() && seg.len() >= DICT_MIN_LEN {
            return true;
        }
        if !classes.any(NON_ASCII) {
            // Lowercasing an ASCII segment is byte by byte: a split needs a listed word at its
            // start or end (in any case), a seam a capital inside; most segments have neither.
            classes.inner_ascii_capital() || glue.is_some_and(|g| lists.any_listed_ascii(g, seg))
        } else {
            classes.inner_ascii_capital() || self.is_non_ascii_candidate(glue, seg)
        }
    }

    /// `is_candidate` for a segment with non-ASCII bytes and no ASCII capital after its first byte.
    #[inline(never)]
    fn is_non_ascii_candidate(&self, glue: Option<&GlueLists>, seg: &[u8]) -> bool {
        let lists = self.lists;
        // Cheap byte filters: a listed function word at either end, or a capital inside.
        glue.is_some_and(|g| {
            (lists.tail(seg) || lists.head(seg)) && lists.may_have_listed_end(g, seg)
        }) || has_inner_capital(seg)
    }

    /// The full checks of a segment that passed `is_candidate`.
    fn check_segment(
        &mut self,
        glue: Option<&GlueLists>,
        ti: usize,
        token_start: bool,
        seg: &str,
        span: Span,
        out: &mut Sink<'_>,
    ) {
        let dict = self.listed.is_some() && seg.len() >= DICT_MIN_LEN;
        let Some(shape) = shape(seg) else {
            return;
        };
        if let Shape::Seam(at) = shape {
            self.check_seam(seg, at, ti, span, out);
            return;
        }
        fold_into(seg, &mut self.low);
        let low = std::mem::take(&mut self.low);
        let split = glue
            .and_then(|g| self.find_split(g, &low, shape, ti, token_start))
            .or_else(|| dict.then(|| self.dictionary_split(&low)).flatten());
        if let Some(split) = split
            && !in_url_or_tag(self.an, ti)
        {
            self.report(seg, &low, split, span, out);
        }
        self.low = low;
    }

    /// The only cut of a lowercase segment missing from the word list into two listed words.
    fn dictionary_split(&mut self, low: &str) -> Option<Split> {
        let listed = self.listed?;
        if low.chars().count() < DICT_MIN_LEN || listed.contains(low) || self.count(low) > T_RARE {
            return None;
        }
        let mut found = None;
        for (at, _) in low.char_indices() {
            let (l, r) = low.split_at(at);
            if l.chars().count() < DICT_MIN_PART || r.chars().count() < DICT_MIN_PART {
                continue;
            }
            if listed.contains(l) && listed.contains(r) {
                if found.is_some() {
                    return None; // two readings: not sure enough to suggest one
                }
                found = Some(at);
            }
        }
        found.map(|at| Split {
            at,
            kind: "dictionary-split",
        })
    }

    /// The first acceptable cut of a lowercase or capitalised segment, if any.
    fn find_split(
        &mut self,
        glue: &GlueLists,
        low: &str,
        shape: Shape,
        ti: usize,
        token_start: bool,
    ) -> Option<Split> {
        let lang = self.lang;
        let lists = self.lists;
        // Each kind of split needs a listed word at the start or the end of the segment: most
        // segments have none, and nothing else is computed for them.
        let longer = |fw: &str| low.len() > fw.len();
        if !lists
            .pair_firsts(glue, low)
            .any(|f| longer(f) && has_prefix(low, f))
            && !lists
                .suffixes(glue, low)
                .any(|f| longer(f) && has_suffix(low, f))
            && !lists
                .prefixes(glue, low)
                .any(|f| longer(f) && has_prefix(low, f))
        {
            return None;
        }
        let n = low.chars().count();
        if n < MIN_FF_LEN.min(MIN_LEN) && !low.starts_with('à') {
            return None;
        }
        // Structural tests first (list look-ups only); counts only for what survives them.
        // Two function words: `withthe`, `dansla`, `àla`.
        let pair = lists.pair_firsts(glue, low).find(|first| {
            let min = if *first == "à" { 3 } else { MIN_FF_LEN };
            n >= min
                && low.len() > first.len()
                && has_prefix(low, first)
                && lists.pair_second.contains(&low[first.len()..])
                && !(*first == "de" && matches!(&low[2..], "ce" | "cet" | "ces"))
        });
        // A word then a function word: `Russieselon`, `sommetdu`.
        let suffix = lists
            .suffixes(glue, low)
            .filter(|fw| low.len() > fw.len() && has_suffix(low, fw))
            .max_by_key(|fw| fw.len())
            .map(|fw| &low[..low.len() - fw.len()])
            .filter(|content| {
                // `nouvel|le` is `nouvelle`: no split of a double `l`.
                let doubled = low[content.len()..].starts_with('l') && content.ends_with('l');
                n >= MIN_LEN
                    && content.chars().count() >= MIN_CONTENT
                    && !doubled
                    && !words::is_function_word(lang, content)
                    && !words::is_bound_prefix(lang, content)
            });
        // A function word then a lowercase word: `lesautorités`, `theminister`.
        let prefix = lists
            .prefixes(glue, low)
            .filter(|fw| low.len() > fw.len() && has_prefix(low, fw))
            .max_by_key(|fw| fw.len())
            .filter(|fw| {
                let content = &low[fw.len()..];
                shape == Shape::Lower
                    && n >= MIN_LEN
                    && content.chars().count() >= MIN_CONTENT
                    && !words::is_function_word(lang, content)
            });
        if suffix.is_none() && pair.is_none() && prefix.is_none() {
            return None;
        }
        if lists.exceptions.contains(low) || self.count(low) > T_RARE {
            return None;
        }
        let sentence_start = shape != Shape::Lower && token_start && starts_sentence(self.an, ti);
        if let Some(first) = pair
            && (shape == Shape::Lower || sentence_start)
        {
            return Some(Split {
                at: first.len(),
                kind: "function-word-glue",
            });
        }
        if let Some(content) = suffix {
            // A capitalised token needs a capitalised word (`Russie`), unless it starts a sentence.
            let case =
                (!sentence_start || shape == Shape::Lower).then_some(shape == Shape::Capitalized);
            if self.known_with_case(content, case) {
                return Some(Split {
                    at: content.len(),
                    kind: "function-word-glue",
                });
            }
        }
        if let Some(fw) = prefix
            && self.known_with_case(&low[fw.len()..], Some(false))
        {
            return Some(Split {
                at: fw.len(),
                kind: "function-word-glue",
            });
        }
        None
    }

    /// A lowercase→uppercase seam (`RussieSelon`).
    fn check_seam(&mut self, seg: &str, at: usize, ti: usize, span: Span, out: &mut Sink<'_>) {
        let (left, right) = seg.split_at(at);
        // An upper-case right side is an acronym or a credit (`voyageSTRAFP`): not ours.
        if right.chars().filter(|c| c.is_lowercase()).count() < 2
            || right.chars().skip(1).any(char::is_uppercase)
            || left.chars().skip(1).any(char::is_uppercase)
        {
            return;
        }
        let mut folded = String::with_capacity(seg.len());
        text::fold(seg, &mut folded);
        if SEAM_NAME_SET.contains(&folded) || in_url_or_tag(self.an, ti) {
            return;
        }
        let stats = self.index.word(self.lang, &folded);
        if stats.count >= SEAM_LEGIT_COUNT && stats.df >= SEAM_LEGIT_DF {
            return;
        }
        if self.count(&folded) > T_RARE {
            return;
        }
        let (l, r) = folded.split_at(folded.len() - fold_len(right));
        let lf = words::is_function_word(self.lang, l);
        let rf = words::is_function_word(self.lang, r);
        let accepted = match (lf, rf) {
            (true, true) => true,
            (true, false) => r.chars().count() >= 3 && self.known(r),
            (false, true) => l.chars().count() >= 3 && self.known(l),
            (false, false) => {
                self.big
                    && l.chars().count() >= 3
                    && r.chars().count() >= 3
                    && self.index.word(self.lang, l).count >= K_KNOWN
                    && mostly_lower(self.index.word(self.lang, r))
                    && self.index.word(self.lang, r).count >= K_KNOWN
            }
        };
        if !accepted {
            return;
        }
        // A function word on the right is lowercased in the fix (`Russie selon`).
        let right_fixed = if rf { r.to_string() } else { right.to_string() };
        let suggestion = format!("{left} {right_fixed}");
        out.report_kind(
            "case-seam",
            false,
            span,
            format!("`{seg}` looks like two words glued together: `{suggestion}`"),
            Some(suggestion),
        );
    }

    fn report(&self, seg: &str, low: &str, split: Split, span: Span, out: &mut Sink<'_>) {
        // `at` is a byte offset in the lowercased form; map it to the segment by characters.
        let chars = low[..split.at].chars().count();
        let cut = seg.char_indices().nth(chars).map_or(seg.len(), |(i, _)| i);
        let suggestion = format!("{} {}", &seg[..cut], &seg[cut..]);
        out.report_kind(
            split.kind,
            false,
            span,
            format!("`{seg}` looks like two words glued together: `{suggestion}`"),
            Some(suggestion),
        );
    }

    fn local(&mut self) -> &Local {
        let an = self.an;
        self.local.get_or_insert_with(|| local_counts(an))
    }

    /// Occurrences of a lowercase word: as a word in the corpus index, plus as a segment of this
    /// document's elided or hyphenated words.
    fn count(&mut self, low: &str) -> u64 {
        let indexed = self.index.word(self.lang, low).count;
        if indexed > T_RARE {
            return indexed; // enough to decide; the document's segments would only add
        }
        indexed + self.local().get(low).map_or(0, |c| u64::from(c.0))
    }

    /// Whether a lowercase part is a word of its own here: in the document, or in the corpus (with
    /// `K_KNOWN` occurrences in a big one).
    fn known(&mut self, low: &str) -> bool {
        let need = if self.big { K_KNOWN } else { 1 };
        self.index.word(self.lang, low).count >= need
            || self.local().contains_key(low)
            || self.listed.is_some_and(|l| l.contains(low))
    }

    /// `known`, and its usual case fits the glued token (`Some(true)`: mostly capitalised, like
    /// `Russie`; `Some(false)`: mostly lowercase, so not `Bonn|et`; `None`: any).
    fn known_with_case(&mut self, low: &str, capitalized: Option<bool>) -> bool {
        if !self.known(low) {
            return false;
        }
        let Some(capitalized) = capitalized else {
            return true;
        };
        let (lc, lcap) = self.local().get(low).copied().unwrap_or((0, 0));
        let s = self.index.word(self.lang, low);
        let count = s.count + u64::from(lc);
        if count == 0 {
            return true; // known from the word list only: its usual case is not known
        }
        let cap = s.capitalized + s.upper + u64::from(lcap);
        let mostly_cap = 2 * cap >= count && count > 0;
        if capitalized { mostly_cap } else { !mostly_cap }
    }
}

/// Counts the segments of the document's words that hold an apostrophe or a hyphen
/// (`l’Allemagne` → `allemagne`), lowercased. Plain words are in the corpus index already, which
/// always includes the document being checked.
fn local_counts(an: &Analysis<'_>) -> Local {
    let mut map: Local = HashMap::with_capacity(64);
    let mut buf = String::new();
    for t in an.words() {
        let w = t.text(an.text);
        if !w.bytes().any(|b| matches!(b, b'\'' | b'-' | 0xE2)) {
            continue;
        }
        for seg in w.split(['’', '\'', '-']).filter(|s| !s.is_empty()) {
            fold_into(seg, &mut buf);
            let cap = seg.chars().next().is_some_and(char::is_uppercase);
            match map.get_mut(buf.as_str()) {
                Some(e) => {
                    e.0 += 1;
                    e.1 += u32::from(cap);
                }
                None => {
                    map.insert(buf.clone(), (1, u32::from(cap)));
                }
            }
        }
    }
    map
}

fn fold_into(w: &str, out: &mut String) {
    text::fold(w, out);
}

/// `a` starts with `b` (a byte loop: the words are short).
fn has_prefix(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() >= b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// `a` ends with `b`.
fn has_suffix(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() >= b.len() && a[a.len() - b.len()..].iter().zip(b).all(|(x, y)| x == y)
}

/// Byte length of the lowercased form of `s`.
fn fold_len(s: &str) -> usize {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(char::len_utf8)
        .sum()
}

fn mostly_lower(s: crate::index::WordStats) -> bool {
    s.count > 0 && 2 * (s.capitalized + s.upper) < s.count
}

/// The case shape of a candidate segment; `None` for anything the rule skips (digits, marks,
/// all caps, other mixes).
fn shape(seg: &str) -> Option<Shape> {
    let mut chars = seg.char_indices();
    let (_, first) = chars.next()?;
    if !first.is_alphabetic() {
        return None;
    }
    let mut lower_run = usize::from(first.is_lowercase());
    let mut seam = None;
    let mut uppers = usize::from(first.is_uppercase());
    for (i, c) in chars {
        if !c.is_alphabetic() {
            return None;
        }
        if c.is_uppercase() {
            uppers += 1;
            if lower_run >= 2 && seam.is_none() {
                seam = Some(i);
            }
            lower_run = 0;
        } else {
            lower_run += 1;
        }
    }
    match (seam, uppers) {
        (Some(at), 2) if first.is_uppercase() => Some(Shape::Seam(at)),
        (Some(at), 1) => Some(Shape::Seam(at)),
        (Some(_), _) => None,
        (None, 0) => Some(Shape::Lower),
        (None, 1) if first.is_uppercase() => Some(Shape::Capitalized),
        _ => None,
    }
}

/// Whether token `ti` is part of a URL, an e-mail address, a domain, a #tag or an @handle: its
/// whitespace-delimited chunk holds `/`, `@`, `#`, `_`, or a period between two letters.
fn in_url_or_tag(an: &Analysis<'_>, ti: usize) -> bool {
    let toks = &an.tokens;
    let blank = |k: TokenKind| matches!(k, TokenKind::Space | TokenKind::Newline);
    let start = toks[..ti]
        .iter()
        .rposition(|t| blank(t.kind))
        .map_or(0, |i| i + 1);
    let end = toks[ti..]
        .iter()
        .position(|t| blank(t.kind))
        .map_or(toks.len(), |i| ti + i);
    let chunk = &toks[start..end];
    chunk.iter().enumerate().any(|(i, t)| {
        let s = t.text(an.text);
        matches!(s, "/" | "@" | "#" | "_" | "\\")
            || (s == "."
                && i > 0
                && chunk.get(i + 1).is_some_and(|n| n.kind == TokenKind::Word)
                && chunk[i - 1].kind == TokenKind::Word)
    })
}

/// Whether token `ti` starts a sentence or a line (nothing but opening punctuation before it).
fn starts_sentence(an: &Analysis<'_>, ti: usize) -> bool {
    for t in an.tokens[..ti].iter().rev() {
        match t.kind {
            TokenKind::Space => continue,
            TokenKind::Newline => return true,
            TokenKind::Punct | TokenKind::Symbol => {
                let p = t.text(an.text);
                if matches!(p, "." | "!" | "?" | "…" | ":") {
                    return true;
                }
                if matches!(
                    p,
                    "«" | "“" | "\"" | "(" | "—" | "–" | "•" | "-" | "*" | "‘"
                ) {
                    continue;
                }
                return false;
            }
            TokenKind::Word | TokenKind::Number => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_allows, assert_flags, run, run_with_corpus};

    #[test]
    fn catalog_cases() {
        let r = GluedWords::default();
        assert_flags(
            &r,
            Lang::FR,
            "Le sommet s’est tenu en Russie. Il est en Russieselon les médias officiels.",
            &["Russieselon"],
        );
        assert_flags(
            &r,
            Lang::EN,
            "The minister arrived at the summit withthe prime minister.",
            &["withthe"],
        );
        assert_allows(&r, Lang::FR, "Le portefeuille du ministre a été révisé.");
        assert_allows(&r, Lang::EN, "The town of Maryport was flooded overnight.");
    }

    fn with_words(lang: Lang, list: &str) -> GluedWords {
        let mut settings = Settings::default();
        settings.add_words(lang, list);
        GluedWords {
            settings: Arc::new(settings),
        }
    }

    #[test]
    fn dictionary_splits_need_a_word_list() {
        let fr = with_words(
            Lang::FR,
            "4\nministre/S\nannonce/S\nportefeuille/S\nporte/S\nfeuille/S\n",
        );
        let text = "Le ministreannonce une réforme du portefeuille.";
        let found = run(&fr, Lang::FR, text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].span.text(text), "ministreannonce");
        assert_eq!(found[0].kind, Some("dictionary-split"));
        assert_eq!(found[0].suggestion.as_deref(), Some("ministre annonce"));
        // Capitalised at the start of a sentence: the capital stays on the first word.
        assert_flags(&fr, Lang::FR, "Ministreannonce hier.", &["Ministreannonce"]);
        // Without a list, two content words are not split.
        assert_allows(&GluedWords::default(), Lang::FR, text);
        // A listed word is never split, even when its parts are listed too.
        assert_allows(&fr, Lang::FR, "Son portefeuille est vide.");
        // A token the corpus uses often is a word, listed or not.
        let corpus = ["Le ministreannonce est un format."; 4];
        assert!(run_with_corpus(&fr, Lang::FR, "Un ministreannonce.", &corpus).is_empty());
    }

    #[test]
    fn dictionary_splits_refuse_ambiguous_and_short_parts() {
        // `abcdefghij` cuts as abcd|efghij and abcdef|ghij: two readings, no finding.
        let en = with_words(Lang::EN, "abcd\nefghij\nabcdef\nghij\nsea\nshells\n");
        assert_allows(&en, Lang::EN, "The abcdefghij test.");
        // `seashells` would need a part of three letters.
        assert_allows(&en, Lang::EN, "She sells seashells.");
    }

    #[test]
    fn listed_words_are_known_in_short_texts() {
        // `Russie` never occurs on its own here: only the list makes the split known.
        let text = "Kim est rentré de Russieselon KCNA.";
        assert_allows(&GluedWords::default(), Lang::FR, text);
        let fr = with_words(Lang::FR, "Russie\n");
        assert_flags(&fr, Lang::FR, text, &["Russieselon"]);
    }

    #[test]
    fn suggestion_and_kind() {
        let text = "La Russie a parlé. Kim est rentré de Russieselon KCNA.";
        let found = run(&GluedWords::default(), Lang::FR, text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].suggestion.as_deref(), Some("Russie selon"));
        assert_eq!(found[0].kind, Some("function-word-glue"));
        assert_eq!(found[0].severity, Severity::Error);
    }

    #[test]
    fn planted_corpus_glues() {
        let r = GluedWords::default();
        assert_flags(
            &r,
            Lang::FR,
            "Elle est en Allemagne. La visite à l’Allemagneselon l’agence.",
            &["Allemagneselon"],
        );
        assert_flags(
            &r,
            Lang::FR,
            "La France investit. Les usines en Francedans le nord.",
            &["Francedans"],
        );
        assert_flags(
            &r,
            Lang::FR,
            "Les États-Unis parlent. Les États-Unisselon la presse.",
            &["Unisselon"],
        );
        // The content part is known from other documents of the corpus.
        let found = run_with_corpus(
            &r,
            Lang::FR,
            "Les inondationsdans la région. Le sommetdu col. La réformequi divise.",
            &["Les inondations ont touché le sommet. La réforme passe."],
        );
        let spans: Vec<_> = found
            .iter()
            .map(|d| d.suggestion.clone().unwrap())
            .collect();
        assert_eq!(spans, ["inondations dans", "sommet du", "réforme qui"]);
    }

    #[test]
    fn pairs_of_function_words() {
        let r = GluedWords::default();
        assert_flags(
            &r,
            Lang::EN,
            "They met inthe morning and fromthe start.",
            &["inthe", "fromthe"],
        );
        assert_flags(
            &r,
            Lang::FR,
            "Il est arrivé dansla soirée et àla gare.",
            &["dansla", "àla"],
        );
        assert_flags(&r, Lang::EN, "Inthe morning they left.", &["Inthe"]);
        // `parle`, `parce` and `maison` are words.
        assert_allows(&r, Lang::FR, "Il parle parce que la maison brûle.");
    }

    #[test]
    fn prefix_glue_needs_lowercase_and_a_known_word() {
        let r = GluedWords::default();
        assert_flags(
            &r,
            Lang::FR,
            "Les autorités ont parlé. Puis lesautorités ont cédé.",
            &["lesautorités"],
        );
        assert_flags(
            &r,
            Lang::EN,
            "The minister spoke. Then theminister left.",
            &["theminister"],
        );
        // Surnames and real words.
        assert_allows(
            &r,
            Lang::FR,
            "Didier Deschamps a vu les champs. Le dessert sert de conclusion au dessein du sein.",
        );
        assert_allows(
            &r,
            Lang::EN,
            "The therapist said the rapist was caught. Another other thing.",
        );
    }

    #[test]
    fn real_words_are_left_alone() {
        let r = GluedWords::default();
        // -elle / -le adjectives, -au nouns, names.
        assert_allows(
            &r,
            Lang::FR,
            "La nouvelle loi actuelle et le nouvel actuel tableau de la table.",
        );
        assert_allows(
            &r,
            Lang::FR,
            "Le char de Charles. Angela Merkel et l’ange. Le bonnet de Bonn.",
        );
        assert_allows(
            &r,
            Lang::FR,
            "Les partisans du parti, les paysans et les artisans sans arti.",
        );
        assert_allows(
            &r,
            Lang::EN,
            "Bathe and breathe. The forthwith clause in England.",
        );
        assert_allows(
            &r,
            Lang::FR,
            "La cyberattaque et l’antichar visent les chars et la cyber défense.",
        );
    }

    #[test]
    fn words_ending_like_function_words() {
        // Hits of early versions on frwikinews, NTREX and WMT22.
        assert_allows(
            &GluedWords::default(),
            Lang::FR,
            "Un coup dur pour les couples. La version initia la version initiale. Cher ami, cherchez.",
        );
        assert_allows(
            &GluedWords::default(),
            Lang::FR,
            "Le travail des travailleurs et le bail des bailleurs.",
        );
    }

    #[test]
    fn unknown_parts_are_not_split() {
        let r = GluedWords::default();
        // `Vostochni` is not a glue even though `ni` is a function word; `Moscouselon` needs `Moscou`.
        assert_allows(
            &r,
            Lang::FR,
            "Le cosmodrome de Vostochni. Parti à Moscouselon lui.",
        );
    }

    #[test]
    fn case_seam() {
        let r = GluedWords::default();
        assert_flags(
            &r,
            Lang::FR,
            "La Russie parle. Kim a quitté la RussieSelon KCNA.",
            &["RussieSelon"],
        );
        let found = run(
            &r,
            Lang::FR,
            "La Russie parle. Kim a quitté la RussieSelon KCNA.",
        );
        assert_eq!(found[0].suggestion.as_deref(), Some("Russie selon"));
        assert_eq!(found[0].kind, Some("case-seam"));
        assert_allows(
            &r,
            Lang::EN,
            "Watch it on YouTube, LinkedIn or the tube; MacArthur and Mac met Arthur.",
        );
        // Content+content seams need a big corpus.
        assert_allows(&r, Lang::FR, "La Russie et la Chine. La RussieChine.");
    }

    #[test]
    fn skips_urls_tags_digits_and_caps() {
        let r = GluedWords::default();
        assert_allows(
            &r,
            Lang::FR,
            "La Russie. Voir #Russieselon, @Russieselon et RUSSIESELON ou Russie2selon.",
        );
    }

    #[test]
    fn big_corpus_needs_frequent_parts() {
        // In a big corpus, a part seen once elsewhere is not enough.
        let r = GluedWords::default();
        let filler = "le la de et un ".repeat(210_000);
        let found = run_with_corpus(
            &r,
            Lang::FR,
            "Il parle de Brestselon lui.",
            &[&filler, "Brest"],
        );
        assert!(found.is_empty(), "{found:?}");
    }

    /// Segments made of the list entries and of other words, glued both ways, in three cases.
    fn samples(glue: &GlueLists) -> Vec<String> {
        let others = [
            "",
            "a",
            "ab",
            "abc",
            "abcd",
            "Russie",
            "sommet",
            "international",
            "x1",
            "autorités",
            "été",
            "Élysée",
            "ÀLA",
            "àla",
            "ǅa",
            "Ωmega",
        ];
        let mut out = Vec::new();
        let lists = [
            glue.suffixes,
            glue.prefixes,
            glue.pair_first,
            glue.pair_second,
            glue.exceptions,
        ];
        for w in lists.into_iter().flatten() {
            for o in others.iter().chain(glue.pair_second) {
                out.push(format!("{o}{w}"));
                out.push(format!("{w}{o}"));
            }
        }
        let capitalized: Vec<String> = out
            .iter()
            .map(|s| {
                let mut c = s.chars();
                c.next()
                    .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
            })
            .collect();
        let upper: Vec<String> = out.iter().map(|s| s.to_uppercase()).collect();
        out.extend(capitalized);
        out.extend(upper);
        out
    }

    #[test]
    fn listed_words_have_two_bytes_or_more() {
        for glue in [&FR, &EN] {
            for w in glue
                .suffixes
                .iter()
                .chain(glue.prefixes)
                .chain(glue.pair_first)
            {
                assert!(w.len() >= 2, "{w}");
            }
        }
    }

    #[test]
    fn ascii_prefilter_agrees_with_every_entry() {
        for (lang, glue) in [(Lang::FR, &FR), (Lang::EN, &EN)] {
            let f = filter(lang);
            let (mut tested, mut passed) = (0, 0);
            for s in samples(glue).iter().filter(|s| s.is_ascii()) {
                // Every entry compared, without the buckets.
                let low = s.to_ascii_lowercase();
                let n = low.len();
                let fits = |w: &str| n >= MIN_LEN && n >= w.len() + MIN_CONTENT;
                let want = glue
                    .suffixes
                    .iter()
                    .any(|w| n > w.len() && low.ends_with(w) && fits(w))
                    || glue
                        .prefixes
                        .iter()
                        .any(|w| n > w.len() && low.starts_with(w) && fits(w))
                    || glue.pair_first.iter().any(|w| {
                        n > w.len()
                            && n >= MIN_FF_LEN
                            && low.starts_with(w)
                            && glue.pair_second.contains(&&low[w.len()..])
                    });
                assert_eq!(f.any_listed_ascii(glue, s.as_bytes()), want, "{s}");
                tested += 1;
                passed += usize::from(want);
            }
            assert!(
                tested > 1000 && passed > 100 && passed < tested,
                "{tested} {passed}"
            );
        }
    }

    #[test]
    fn non_ascii_prefilter_keeps_every_listed_end() {
        for (lang, glue) in [(Lang::FR, &FR), (Lang::EN, &EN)] {
            let f = filter(lang);
            let mut kept = 0;
            for s in samples(glue).iter().filter(|s| !s.is_ascii()) {
                if !matches!(shape(s), Some(Shape::Lower | Shape::Capitalized)) {
                    continue;
                }
                // The first test of `find_split`.
                let mut low = String::new();
                fold_into(s, &mut low);
                let longer = |w: &str| low.len() > w.len();
                let listed = glue.suffixes.iter().any(|w| longer(w) && low.ends_with(w))
                    || glue
                        .prefixes
                        .iter()
                        .chain(glue.pair_first)
                        .any(|w| longer(w) && low.starts_with(w));
                if listed {
                    assert!(f.may_have_listed_end(glue, s.as_bytes()), "{s}");
                    kept += 1;
                }
            }
            assert!(kept > 50, "{kept}");
        }
    }

    #[test]
    fn inner_capitals_by_bytes() {
        let mut words: Vec<String> = [
            "", "a", "A", "ab", "aB", "Ab", "éÉ", "Éé", "ÉÀ", "aÀ", "a×", "aß", "aÞ", "aÿ", "KK",
            "aK", "aǅ", "ǅa", "aΣ", "aσ", "жЖ", "Жж", "a中", "a😀B", "😀a", "😀É", "aİ", "ⅰⅠ",
        ]
        .map(String::from)
        .to_vec();
        for c in ('\u{80}'..='\u{250}').chain('\u{370}'..='\u{530}') {
            words.push(format!("a{c}"));
            words.push(format!("{c}{c}b"));
        }
        for w in &words {
            let by_char = w.chars().skip(1).any(char::is_uppercase);
            assert_eq!(has_inner_capital(w.as_bytes()), by_char, "{w}");
        }
    }

    #[test]
    fn byte_classes_agree_with_the_string_tests() {
        for w in [
            "",
            "a",
            "A",
            "aB",
            "Ab",
            "l’État",
            "l'État",
            "États-Unis",
            "été",
            "ÉTÉ",
            "a—b",
            "x1",
            "RussieSelon",
            "ÀB",
            "aÀ",
        ] {
            let c = Classes::of(w.as_bytes());
            let separator = w.bytes().any(|b| matches!(b, b'\'' | b'-' | 0xE2));
            assert_eq!(c.any(SEPARATOR), separator, "{w}");
            assert_eq!(c.any(NON_ASCII), !w.is_ascii(), "{w}");
            let inner = w.bytes().skip(1).any(|b| b.is_ascii_uppercase());
            assert_eq!(c.inner_ascii_capital(), inner, "{w}");
        }
    }

    #[test]
    fn segments_by_bytes() {
        for w in [
            "",
            "a",
            "l’Allemagne",
            "l'Allemagne",
            "États-Unis",
            "aujourd’hui-là",
            "—a",
            "a’",
            "’a",
            "a--b",
            "a‘b",
            "a\u{2011}b",
            "€’€",
            "’",
            "-",
        ] {
            let mut got = Vec::new();
            each_segment(w, |a, b| got.push((a, b)));
            // By characters, as the split was first written.
            let mut want = Vec::new();
            let mut start = 0;
            for (i, c) in w.char_indices().chain(std::iter::once((w.len(), ' '))) {
                if matches!(c, '’' | '\'' | '-' | ' ') {
                    want.push((start, i));
                    start = i + c.len_utf8();
                }
            }
            assert_eq!(got, want, "{w}");
        }
    }
}
