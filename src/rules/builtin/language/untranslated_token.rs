//! `language/untranslated-token`: single foreign words or short phrases left untranslated:
//! (a) `exonym` — a place or organisation name in another language's form (`Asia` in French,
//! `Moscou` in English; table `exonyms.tsv`); (b) `function-words` — source-language function
//! words inside a target sentence (`the meeting of the council`); (c) `corpus-ratio` — a lowercase
//! word far more frequent in another language of the corpus than in the document's.

use std::sync::{LazyLock, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, Match, MatchKind, StartKind};
use hashbrown::HashSet;

use crate::diagnostic::Severity;
use crate::lang::Lang;
use crate::lang::detect::is_stopword;
use crate::lang::words;
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};
use crate::span::Span;
use crate::tokenize::{Analysis, Token, TokenKind};

const EXONYMS: &str = include_str!("exonyms.tsv");

/// (c) Both languages need at least this many words in the corpus.
pub const MIN_CORPUS_WORDS: u64 = 1_000_000;
/// (b) Window (in words) within which two source-language function words must fall.
const WINDOW: usize = 5;

/// Accepted loanwords and international words never reported by (c).
const LOANWORDS: &[&str] = &[
    "week-end",
    "week-ends",
    "weekend",
    "start-up",
    "start-ups",
    "startup",
    "startups",
    "manager",
    "managers",
    "email",
    "e-mail",
    "internet",
    "web",
    "marketing",
    "business",
    "sponsor",
    "tweet",
    "tweets",
    "podcast",
    "streaming",
    "smartphone",
    "smartphones",
    "design",
    "parking",
    "shopping",
    "camping",
    "football",
    "rugby",
    "tennis",
    "golf",
    "match",
    "sport",
    "sports",
    "score",
    "record",
    "budget",
    "leader",
    "leaders",
    "fake",
    "news",
    "live",
    "online",
    "data",
    "cloud",
    "hacker",
    "hackers",
    "software",
    "hardware",
    "best-seller",
    "thriller",
    "show",
    "talk-show",
    "casting",
    "look",
    "jogging",
    "baby-sitter",
    "stop",
    "test",
    "tests",
    "bug",
    "fan",
    "fans",
    "star",
    "stars",
    "hashtag",
    "selfie",
    "blog",
    "blogs",
    "site",
    "sites",
    "media",
    "via",
    "versus",
    "et",
    "al",
];

/// One exonym table per document language: the automaton over foreign forms (anchored searches),
/// filters on the bytes a form starts with, and per pattern (the suggested form, the form's
/// language).
struct Table {
    ac: AhoCorasick,
    starts: [bool; 256],
    /// Whether every form starts with an ASCII capital, or with 0xC3 and a byte below 0xA0 (a
    /// Latin-1 capital: `É`, `Ä`): then the text is scanned eight bytes at a time for these.
    capitals_only: bool,
    /// The first two bytes of every form (a bit per byte pair; a one-byte form sets every pair
    /// it starts): a search at a position whose two bytes start no form finds nothing.
    pairs: Box<[u64; 1024]>,
    /// The first two bytes of the forms shorter than four bytes (`UN`, `FMI`).
    short_pairs: Box<[u64; 1024]>,
    /// The first four bytes of the other forms, hashed to a bit (see [`quad_bit`]).
    quads: Box<[u64; 1024]>,
    rows: Vec<(String, Lang)>,
}

/// Of eight bytes `x` (little-endian) followed by `next`, those that may start a form when every
/// form starts with an ASCII capital or a Latin-1 capital (0xC3 then a byte below 0xA0), as the
/// high bit of their byte: the ASCII capitals, and the bytes 0xC3 (or the byte after one: a
/// superset is fine) followed by a byte with bit 5 clear.
fn capital_starts(x: u64, next: u8) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let v = x ^ (0xC3 * ONES);
    let c3 = v.wrapping_sub(ONES) & !v & (0x80 * ONES);
    // Each byte's next byte, its bit 5 moved to bit 7.
    let after = x >> 8 | u64::from(next) << 56;
    words::ascii_capitals8(x) | (c3 & !(after << 2))
}

/// The bit of a byte pair in a pair table.
fn pair_bit(a: u8, b: u8) -> usize {
    usize::from(a) << 8 | usize::from(b)
}

/// The bit of four bytes (little-endian) in the quad table.
fn quad_bit(q: u32) -> usize {
    (q.wrapping_mul(0x9E37_79B1) >> 16) as usize
}

fn set_bit(bits: &mut [u64; 1024], i: usize) {
    bits[i / 64] |= 1 << (i % 64);
}

fn has_bit(bits: &[u64; 1024], i: usize) -> bool {
    bits[i / 64] & (1 << (i % 64)) != 0
}

/// The header (languages, one per column) and the rows of the exonym table.
fn exonym_rows() -> (Vec<Lang>, Vec<Vec<Option<&'static str>>>) {
    let mut lines = EXONYMS
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty());
    let header: Vec<Lang> = lines
        .next()
        .map(|h| h.split('\t').filter_map(Lang::parse).collect())
        .unwrap_or_default();
    let rows: Vec<Vec<Option<&str>>> = lines
        .map(|l| {
            l.split('\t')
                .map(|c| (c != "-" && !c.is_empty()).then_some(c))
                .collect()
        })
        .collect();
    (header, rows)
}

/// The table of the documents in the language of column `col`.
fn load_table(header: &[Lang], rows: &[Vec<Option<&str>>], col: usize) -> Option<Table> {
    let own: HashSet<&str> = rows
        .iter()
        .filter_map(|r| r.get(col).copied().flatten())
        .collect();
    let mut pats: Vec<&str> = Vec::new();
    let mut data: Vec<(String, Lang)> = Vec::new();
    for r in rows {
        let Some(target) = r.get(col).copied().flatten() else {
            continue;
        };
        for (other, &olang) in header.iter().enumerate() {
            let Some(form) = r.get(other).copied().flatten() else {
                continue;
            };
            if other == col || own.contains(form) || pats.contains(&form) {
                continue;
            }
            pats.push(form);
            data.push((target.to_string(), olang));
        }
    }
    let mut starts = [false; 256];
    let mut pairs = Box::new([0u64; 1024]);
    let mut short_pairs = Box::new([0u64; 1024]);
    let mut quads = Box::new([0u64; 1024]);
    let mut capitals_only = true;
    for p in &pats {
        match *p.as_bytes() {
            [a, b, c, d, ..] => {
                set_bit(&mut pairs, pair_bit(a, b));
                set_bit(&mut quads, quad_bit(u32::from_le_bytes([a, b, c, d])));
            }
            [a, b, ..] => {
                set_bit(&mut pairs, pair_bit(a, b));
                set_bit(&mut short_pairs, pair_bit(a, b));
            }
            [a] => (0..=255).for_each(|b| {
                set_bit(&mut pairs, pair_bit(a, b));
                set_bit(&mut short_pairs, pair_bit(a, b));
            }),
            [] => {}
        }
        capitals_only &= match *p.as_bytes() {
            [b'A'..=b'Z', ..] => true,
            [0xC3, b, ..] => b & 0x20 == 0,
            _ => false,
        };
        if let Some(&b) = p.as_bytes().first() {
            starts[usize::from(b)] = true;
        }
    }
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        // Built on first use, per language, and run only where the first four bytes of a form
        // are found (see `Table::may_start_at`): rarely enough that a DFA's longer build would
        // not pay.
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .start_kind(StartKind::Anchored)
        .build(&pats)
        .ok()?;
    Some(Table {
        ac,
        starts,
        capitals_only,
        pairs,
        short_pairs,
        quads,
        rows: data,
    })
}

impl Table {
    /// The forms in `text`, as an unanchored leftmost-longest search finds them (left to right, not
    /// overlapping), from anchored searches only where the next bytes may begin some form (see
    /// [`Table::may_start_at`]): a match can start nowhere else.
    fn matches<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Match> + 't {
        let bytes = text.as_bytes();
        let mut pos = 0;
        let mut starts = self.start_bytes(bytes);
        std::iter::from_fn(move || {
            for p in starts.by_ref() {
                // Inside the last match, or no form starts here.
                if p < pos || !self.may_start_at(bytes, p) {
                    continue;
                }
                let input = Input::new(text).span(p..text.len()).anchored(Anchored::Yes);
                match self.ac.try_find(input) {
                    Ok(Some(m)) => {
                        pos = m.end();
                        return Some(m);
                    }
                    Ok(None) => {}
                    Err(_) => return None,
                }
            }
            None
        })
    }

    /// In order, the bytes of `bytes` that may start a form: every byte that does (`starts`), and
    /// with `capitals_only` some more (see [`capital_starts`]).
    fn start_bytes<'b>(&'b self, bytes: &'b [u8]) -> impl Iterator<Item = usize> + 'b {
        let (mut at, mut base, mut mask) = (0, 0, 0u64);
        std::iter::from_fn(move || {
            while mask == 0 {
                (base, mask) = self.next_chunk(bytes, at)?;
                at = base + 8;
            }
            let i = mask.trailing_zeros() as usize / 8;
            mask &= mask - 1;
            Some(base + i)
        })
    }

    /// From byte `at` on, the first eight bytes (at a multiple of eight from `at`) that hold a
    /// byte that may start a form: their offset, and those bytes as the high bit of their byte in
    /// a mask.
    fn next_chunk(&self, bytes: &[u8], mut at: usize) -> Option<(usize, u64)> {
        if self.capitals_only {
            // Eight bytes at a time, as long as a ninth follows.
            while let Some((&next, chunk)) = bytes.get(at..at + 9).and_then(|w| w.split_last()) {
                let mut a = [0u8; 8];
                a.copy_from_slice(chunk);
                let mask = capital_starts(u64::from_le_bytes(a), next);
                if mask != 0 {
                    return Some((at, mask));
                }
                at += 8;
            }
        }
        // The rest (all of it without `capitals_only`) byte by byte.
        while let Some(rest) = bytes.get(at..).filter(|r| !r.is_empty()) {
            let mask = rest.iter().take(8).enumerate().fold(0, |m, (i, &b)| {
                m | u64::from(self.starts[usize::from(b)]) << (8 * i + 7)
            });
            if mask != 0 {
                return Some((at, mask));
            }
            at += 8;
        }
        None
    }

    /// Whether a form may start at byte `p`: a byte that starts one, and by its first two bytes,
    /// then (unless a form of fewer than four bytes starts so) by its first four. Near the text's
    /// end, where fewer bytes are left to test: yes.
    fn may_start_at(&self, bytes: &[u8], p: usize) -> bool {
        let Some(&a) = bytes.get(p) else {
            return false;
        };
        if !self.starts[usize::from(a)] {
            return false;
        }
        let Some(&b) = bytes.get(p + 1) else {
            return true;
        };
        let pair = pair_bit(a, b);
        if !has_bit(&self.pairs, pair) {
            return false;
        }
        match bytes.get(p..p + 4) {
            Some(&[a, b, c, d]) if !has_bit(&self.short_pairs, pair) => {
                has_bit(&self.quads, quad_bit(u32::from_le_bytes([a, b, c, d])))
            }
            _ => true,
        }
    }
}

/// The exonym table of documents in `lang`, if the table has a column for it.
fn table(lang: Lang) -> Option<&'static Table> {
    type Slot = (Lang, OnceLock<Option<Table>>);
    static SLOTS: LazyLock<Vec<Slot>> = LazyLock::new(|| {
        let (header, _) = exonym_rows();
        header.into_iter().map(|l| (l, OnceLock::new())).collect()
    });
    let col = SLOTS.iter().position(|(l, _)| *l == lang)?;
    SLOTS[col]
        .1
        .get_or_init(|| {
            let (header, rows) = exonym_rows();
            load_table(&header, &rows, col)
        })
        .as_ref()
}

/// (b) Function words of likely source languages, as seen in a document of `lang`: lowercase
/// words that are no word of `lang` (`pour` is English too, `y` and `con` French).
const FR_SOURCES: &[(&str, Lang)] = &[
    ("the", Lang::EN),
    ("of", Lang::EN),
    ("and", Lang::EN),
    ("with", Lang::EN),
    ("for", Lang::EN),
    ("from", Lang::EN),
    ("which", Lang::EN),
    ("this", Lang::EN),
    ("that", Lang::EN),
    ("is", Lang::EN),
    ("are", Lang::EN),
    ("was", Lang::EN),
    ("were", Lang::EN),
    ("el", Lang::ES),
    ("los", Lang::ES),
    ("del", Lang::ES),
    ("por", Lang::ES),
    ("para", Lang::ES),
    ("una", Lang::ES),
    ("pero", Lang::ES),
    ("muy", Lang::ES),
];
const EN_SOURCES: &[(&str, Lang)] = &[
    ("le", Lang::FR),
    ("les", Lang::FR),
    ("des", Lang::FR),
    ("du", Lang::FR),
    ("avec", Lang::FR),
    ("dans", Lang::FR),
    ("qui", Lang::FR),
    ("sur", Lang::FR),
    ("une", Lang::FR),
    ("cette", Lang::FR),
    ("el", Lang::ES),
    ("los", Lang::ES),
    ("las", Lang::ES),
    ("del", Lang::ES),
    ("por", Lang::ES),
    ("para", Lang::ES),
    ("una", Lang::ES),
    ("pero", Lang::ES),
    ("muy", Lang::ES),
];

/// (b) The listed words have at most this many bytes.
const SOURCE_MAX_BYTES: usize = 5;

/// (b) A word of at most seven bytes as an integer: its bytes (little-endian) and its length in
/// the top byte.
const fn word_key(w: &[u8]) -> u64 {
    let mut k = (w.len() as u64) << 56;
    let mut i = 0;
    while i < w.len() {
        k |= (w[i] as u64) << (8 * i);
        i += 1;
    }
    k
}

/// (b) One language's source function words in 64 slots, none shared: each word's key sits at its
/// slot, [`SourceWords::slot`] (a multiplicative hash, its multiplier picked when the table is
/// built so that no two words collide).
struct SourceWords {
    mul: u64,
    keys: [u64; 64],
    langs: [Lang; 64],
}

impl SourceWords {
    const fn slot(mul: u64, key: u64) -> usize {
        (key.wrapping_mul(mul) >> 58) as usize
    }

    const fn new(words: &[(&str, Lang)]) -> SourceWords {
        let mut mul = 0x9E37_79B9_7F4A_7C15u64;
        loop {
            let mut t = SourceWords {
                mul,
                keys: [0; 64],
                langs: [Lang::UND; 64],
            };
            let mut i = 0;
            while i < words.len() {
                let key = word_key(words[i].0.as_bytes());
                let s = Self::slot(mul, key);
                if t.keys[s] != 0 {
                    break;
                }
                t.keys[s] = key;
                t.langs[s] = words[i].1;
                i += 1;
            }
            if i == words.len() {
                return t;
            }
            // The next odd multiplier to try, far from this one.
            mul = mul.wrapping_add(0x9E37_79B9_7F4A_7C16) | 1;
        }
    }

    /// The source language of a word (by its bytes) if it is one of the table's.
    #[inline]
    fn get(&self, b: &[u8]) -> Option<Lang> {
        if b.is_empty() || b.len() > SOURCE_MAX_BYTES {
            return None;
        }
        let key = words::read_partial(b) | (b.len() as u64) << 56;
        let s = Self::slot(self.mul, key);
        (self.keys[s] == key).then_some(self.langs[s])
    }
}

static FR_SOURCE_WORDS: SourceWords = SourceWords::new(FR_SOURCES);
static EN_SOURCE_WORDS: SourceWords = SourceWords::new(EN_SOURCES);

/// (b) The function words of likely source languages in a document of `lang` (see
/// [`FR_SOURCES`]).
fn source_words(lang: Lang) -> Option<&'static SourceWords> {
    match lang {
        Lang::FR => Some(&FR_SOURCE_WORDS),
        Lang::EN => Some(&EN_SOURCE_WORDS),
        _ => None,
    }
}

pub struct UntranslatedToken {
    /// (c) minimum corpus size per language (tests lower it).
    min_corpus_words: u64,
}

impl UntranslatedToken {
    pub fn new() -> Self {
        UntranslatedToken {
            min_corpus_words: MIN_CORPUS_WORDS,
        }
    }
}

impl Default for UntranslatedToken {
    fn default() -> Self {
        Self::new()
    }
}

fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::FR => "French",
        Lang::EN => "English",
        Lang::DE => "German",
        Lang::ES => "Spanish",
        Lang::IT => "Italian",
        Lang::PT => "Portuguese",
        Lang::NL => "Dutch",
        _ => "another language",
    }
}

impl Rule for UntranslatedToken {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "language/untranslated-token".into(),
            severity: Severity::Error,
            summary: "a word or short phrase left in another language".into(),
            explanation: "Machine translation leaves words untranslated: a section label (`Asia` in \
                a French page), an exonym (`Moscou` in English), an organisation acronym (`NATO` for \
                `OTAN`), or a phrase of source-language function words.\n\
                (a) `exonym`: places and organisations from a French/English/Spanish/German table \
                (`exonyms.tsv`), in the form of another language than the document's, with the \
                document's form suggested. Not when the next word is capitalised or a number (part \
                of a name: `Asia Pacific`, `Europe 1`; except a section label opening a bulleted \
                line), when the word before is capitalised (`Radio Free Asia`, `Bank of America`), \
                inside quotes, or on a line in capitals.\n\
                (b) `function-words`: two function words of a likely source language (English `the`, \
                `of`, `with`...; Spanish `el`, `los`, `del`...; French in English text) within five \
                words, embedded in lowercase text (not a title such as `The Lord of the Rings`), \
                outside quotes, in a sentence that is still mostly in the document's language \
                (whole foreign sentences are `language/wrong-language-segment`'s).\n\
                (c) `corpus-ratio`: with a corpus of at least 1M words in the document's language and \
                in another one, a lowercase word of 4 letters or more seen at least 10 times in \
                lowercase there and at least 50 times more often there than in the document's \
                language; accepted loanwords (`week-end`, `manager`...) are exempt."
                .into(),
            flagged: examples(&[
                ("fr", "  • Asia Kim offre son soutien à Poutine"),
                ("en", "Talks were held in Moscou on Tuesday."),
                ("fr", "Les pays de l’OTAN et du NATO se sont réunis mardi."),
                (
                    "fr",
                    "Le conseil a confirmé que la réunion of the board aura lieu lundi prochain.",
                ),
            ]),
            allowed: examples(&[
                ("fr", "Le groupe Asia Pacific Holdings a été racheté."),
                ("fr", "Il a passé le week-end à Deauville."),
                ("fr", "Elle écoute Europe 1 et lit le Financial Times."),
                (
                    "fr",
                    "Il a cité le livre The Lord of the Rings et la banque Bank of America.",
                ),
                ("fr", "L’actrice Asia Argento a témoigné."),
                ("en", "The Place de la Concorde was closed."),
            ]),
            languages: vec!["fr".into(), "en".into(), "es".into(), "de".into()],
            default_enabled: true,
            origin: file!().into(),
        }
    }

    fn needs_index(&self) -> bool {
        true
    }

    fn check(&self, cx: &Ctx<'_>, out: &mut Sink<'_>) {
        let an = cx.an;
        exonyms(an, out);
        function_words(an, out);
        self.corpus_ratio(cx, out);
    }
}

/// The bytes of token `t` (none when out of range, as `Token::text` gives "").
fn token_bytes<'a>(text: &'a str, t: &Token) -> &'a [u8] {
    text.as_bytes()
        .get(t.start as usize..t.end as usize)
        .unwrap_or(&[])
}

/// Index of the token starting at byte `pos` (or the one containing it).
fn token_at(an: &Analysis<'_>, pos: usize) -> usize {
    an.tokens
        .partition_point(|t| (t.end as usize) <= pos)
        .min(an.tokens.len().saturating_sub(1))
}

/// The previous word token before token `i` on the same line, skipping spaces only; `None` when
/// punctuation or a line start comes first.
fn prev_word(an: &Analysis<'_>, i: usize) -> Option<Token> {
    let mut j = i;
    while j > 0 {
        j -= 1;
        let t = &an.tokens[j];
        match t.kind {
            TokenKind::Space => continue,
            TokenKind::Word | TokenKind::Number => return Some(*t),
            _ => return None,
        }
    }
    None
}

fn next_word(an: &Analysis<'_>, i: usize) -> Option<Token> {
    let mut j = i + 1;
    while let Some(t) = an.tokens.get(j) {
        match t.kind {
            TokenKind::Space => j += 1,
            TokenKind::Word | TokenKind::Number => return Some(*t),
            _ => return None,
        }
    }
    None
}

/// (c) Whether `w` starts with a lowercase letter and has no capital or digit. ASCII bytes are
/// tested as bytes (what `char` says of them); from the first other byte on, characters.
fn lowercase_word(w: &str) -> bool {
    let b = w.as_bytes();
    match b.first() {
        Some(c) if c.is_ascii_lowercase() => {}
        Some(c) if c.is_ascii() => return false,
        None => return false,
        Some(_) => return lowercase_chars(w, true),
    }
    for (i, c) in b.iter().enumerate().skip(1) {
        if !c.is_ascii() {
            // Every byte before `i` is ASCII: `i` starts a character.
            return w.get(i..).is_some_and(|r| lowercase_chars(r, false));
        }
        if c.is_ascii_uppercase() || c.is_ascii_digit() {
            return false;
        }
    }
    true
}

/// [`lowercase_word`] by characters: the first one lowercase (when `first` is set), none a capital
/// or a digit.
fn lowercase_chars(w: &str, first: bool) -> bool {
    (!first || w.chars().next().is_some_and(char::is_lowercase))
        && !w.chars().any(|c| c.is_uppercase() || c.is_numeric())
}

fn capitalised(w: &str) -> bool {
    w.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric())
}

/// Whether byte `pos` is inside quotes or brackets on its line (count of opening vs closing marks
/// before it): an original quotation or name given in brackets is no error.
fn inside_quotes(text: &str, line_start: usize, pos: usize) -> bool {
    let before = text.get(line_start..pos).unwrap_or("");
    let mut depth = 0i32;
    let mut straight = false;
    for c in before.chars() {
        match c {
            '«' | '“' | '„' | '(' => depth += 1,
            '»' | '”' | ')' => depth -= 1,
            '"' => straight = !straight,
            _ => {}
        }
    }
    depth > 0 || straight
}

/// The line containing byte `pos`: (start, end).
fn line_of(an: &Analysis<'_>, pos: usize) -> Span {
    let i = an.lines.partition_point(|l| (l.end as usize) < pos);
    an.lines
        .get(i)
        .copied()
        .unwrap_or(Span::from_usize(0, an.text.len()))
}

/// A line in capitals (an all-caps headline): most letters are uppercase.
fn caps_line(line: &str) -> bool {
    let (mut up, mut low) = (0u32, 0u32);
    for c in line.chars() {
        if c.is_uppercase() {
            up += 1;
        } else if c.is_lowercase() {
            low += 1;
        }
    }
    up > 3 * low.max(1)
}

/// Whether the form at token `i` is a section label: first word of a bulleted line.
fn bullet_label(an: &Analysis<'_>, i: usize, line: Span) -> bool {
    let head = an
        .text
        .get(line.start as usize..an.tokens[i].start as usize)
        .unwrap_or("");
    let head = head.trim();
    matches!(head, "•" | "-" | "*" | "·" | "▪" | "–" | "◦" | "‣")
}

/// (a) Exonyms in another language's form.
fn exonyms(an: &Analysis<'_>, out: &mut Sink<'_>) {
    let Some(table) = table(an.lang) else {
        return;
    };
    let text = an.text;
    for m in table.matches(text) {
        let (s, e) = (m.start(), m.end());
        let before = text[..s].chars().next_back();
        let after = text[e..].chars().next();
        let joins = |c: char| c.is_alphanumeric() || matches!(c, '-' | '‐' | '’' | '\'' | '_');
        if before.is_some_and(joins) || after.is_some_and(joins) {
            continue;
        }
        let Some((target, form_lang)) = table.rows.get(m.pattern().as_usize()) else {
            continue;
        };
        let first = token_at(an, s);
        let last = token_at(an, e.saturating_sub(1));
        let line = line_of(an, s);
        if caps_line(line.text(text)) || inside_quotes(text, line.start as usize, s) {
            continue;
        }
        // A gloss follows: `Beijing (Pékin)`.
        if text[e..]
            .trim_start_matches([' ', '\u{a0}'])
            .starts_with('(')
        {
            continue;
        }
        let label = bullet_label(an, first, line);
        if let Some(n) = next_word(an, last)
            && capitalised(n.text(text))
            && !label
        {
            continue;
        }
        if let Some(p) = prev_word(an, first) {
            let pw = p.text(text);
            if capitalised(pw) && !sentence_start(an, &p) {
                continue;
            }
            // `Bank of America`, `Banco de España`: a short function word after a capitalised word.
            if pw.chars().count() <= 3
                && pw.chars().all(char::is_lowercase)
                && let Some(pp) = prev_word(an, token_at(an, p.start as usize))
                && capitalised(pp.text(text))
            {
                continue;
            }
        }
        if foreign_sentence(an, first, *form_lang) {
            continue;
        }
        let found = &text[s..e];
        out.report_kind(
            "exonym",
            false,
            Span::from_usize(s, e),
            format!(
                "`{found}` is the {} form: in {} it is `{target}`",
                lang_name(*form_lang),
                lang_name(an.lang)
            ),
            Some(target.clone()),
        );
    }
}

/// Whether the sentence holding token `i` reads as `other` rather than the document's language by
/// its stop words (then it is `language/wrong-language-segment`'s, not a single leaked word).
fn foreign_sentence(an: &Analysis<'_>, i: usize, other: Lang) -> bool {
    let Some(t) = an.tokens.get(i) else {
        return false;
    };
    let k = an.sentences.partition_point(|s| s.span.end <= t.start);
    let Some(s) = an.sentences.get(k) else {
        return false;
    };
    // Stop words of one language and not the other (`de`, `la`, `en` are French and Spanish).
    let (mut own, mut foreign) = (0u32, 0u32);
    let mut buf = String::new();
    for t in an.sentence_tokens(s).iter().filter(|t| t.is_word()) {
        for w in t.text(an.text).split(['’', '\'']) {
            crate::tokenize::normalize::fold(w, &mut buf);
            match (is_stopword(an.lang, &buf), is_stopword(other, &buf)) {
                (true, false) => own += 1,
                (false, true) => foreign += 1,
                _ => {}
            }
        }
    }
    foreign >= 3 && foreign * 2 >= own
}

/// Whether token `t` is the first word of its sentence.
fn sentence_start(an: &Analysis<'_>, t: &Token) -> bool {
    let i = an.sentences.partition_point(|s| s.span.end <= t.start);
    an.sentences.get(i).is_some_and(|s| {
        an.sentence_tokens(s)
            .iter()
            .find(|x| x.is_word() || x.kind == TokenKind::Number)
            .is_some_and(|x| x.start == t.start)
    })
}

/// (b) Source-language function words inside a target sentence.
fn function_words(an: &Analysis<'_>, out: &mut Sink<'_>) {
    let Some(sources) = source_words(an.lang) else {
        return;
    };
    let source_function_word = |w: &str| sources.get(w.as_bytes());
    let text = an.text;
    for s in &an.sentences {
        let toks = an.sentence_tokens(s);
        // Cheap pass: any source function word at all?
        if !toks.iter().any(|t| {
            t.is_word()
                && (t.end - t.start) as usize <= SOURCE_MAX_BYTES
                && sources.get(token_bytes(text, t)).is_some()
        }) {
            continue;
        }
        let base = s.tokens.start as usize;
        // Words of the sentence outside quotes: (token index, text).
        let mut words: Vec<(usize, &str)> = Vec::new();
        let mut depth = 0i32;
        for (k, t) in toks.iter().enumerate() {
            match t.kind {
                TokenKind::Punct => match t.text(text) {
                    "«" | "“" | "„" | "(" => depth += 1,
                    "»" | "”" | ")" => depth = (depth - 1).max(0),
                    _ => {}
                },
                TokenKind::Word if depth == 0 => words.push((base + k, t.text(text))),
                _ => {}
            }
        }
        let mut own_stop = 0usize;
        let mut foreign = 0usize;
        for (_, w) in &words {
            if source_function_word(w).is_some() {
                foreign += 1;
            } else if is_stopword(an.lang, &w.to_lowercase()) {
                own_stop += 1;
            }
        }
        if foreign >= own_stop {
            continue; // a foreign sentence, or no context: not a leaked phrase
        }
        let mut k = 0;
        while k < words.len() {
            let Some(src) = source_function_word(words[k].1) else {
                k += 1;
                continue;
            };
            // Another function word of the same language within the window.
            let Some(last) = (k + 1..(k + WINDOW).min(words.len()))
                .rev()
                .find(|&j| source_function_word(words[j].1) == Some(src))
            else {
                k += 1;
                continue;
            };
            // Embedded in lowercase text: the words around the pair are not capitalised.
            let around_ok = |j: Option<usize>| {
                j.and_then(|j| words.get(j))
                    .is_none_or(|(_, w)| !capitalised(w))
            };
            let inner_ok = words[k..=last].iter().all(|(_, w)| !capitalised(w));
            if !(around_ok(k.checked_sub(1)) && around_ok(Some(last + 1)) && inner_ok) {
                k = last + 1;
                continue;
            }
            // Extend over one adjacent content word on each side.
            let mut from = k;
            if k > 0 && !is_stopword(an.lang, words[k - 1].1) {
                from = k - 1;
            }
            let mut to = last;
            if last + 1 < words.len() && !is_stopword(an.lang, words[last + 1].1) {
                to = last + 1;
            }
            let span = Span::new(an.tokens[words[from].0].start, an.tokens[words[to].0].end);
            out.report_kind(
                "function-words",
                false,
                span,
                format!(
                    "`{}` reads as untranslated {}",
                    span.text(text),
                    lang_name(src)
                ),
                None,
            );
            k = last + 1;
        }
    }
}

impl UntranslatedToken {
    /// (c) Words much more frequent in another language of the corpus.
    fn corpus_ratio(&self, cx: &Ctx<'_>, out: &mut Sink<'_>) {
        let an = cx.an;
        let lang = an.lang;
        // The language's own count first: below the corpus size, nothing else is read.
        if cx.index.words(lang) < self.min_corpus_words {
            return;
        }
        let langs = cx.index.languages();
        if !langs
            .iter()
            .any(|&(l, w)| l == lang && w >= self.min_corpus_words)
        {
            return;
        }
        let others: Vec<Lang> = langs
            .iter()
            .filter(|&&(l, w)| l != lang && l.is_known() && w >= self.min_corpus_words)
            .map(|&(l, _)| l)
            .collect();
        if others.is_empty() {
            return;
        }
        let text = an.text;
        let candidates = cx.index.foreign_candidates(lang);
        for t in &an.tokens {
            if !t.is_word() || t.end - t.start < 4 {
                continue;
            }
            let w = t.text(text);
            if !lowercase_word(w)
                || !candidates.contains(w)
                || LOANWORDS.contains(&w)
                || is_stopword(lang, w)
                || inside_quotes(
                    text,
                    line_of(an, t.start as usize).start as usize,
                    t.start as usize,
                )
            {
                continue;
            }
            let here = cx.index.word(lang, w).count;
            for &o in &others {
                let there = cx.index.word(o, w);
                let lower = there.count.saturating_sub(there.capitalized + there.upper);
                if lower >= crate::index::FOREIGN_MIN_COUNT
                    && lower >= crate::index::FOREIGN_RATIO * here
                {
                    out.report_kind(
                        "corpus-ratio",
                        false,
                        t.span(),
                        format!(
                            "`{w}` looks {}: {lower} times in the {} corpus, {here} in the {} one",
                            lang_name(o),
                            lang_name(o),
                            lang_name(lang)
                        ),
                        None,
                    );
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_allows, assert_flags, run, run_on};

    #[test]
    fn pairs_let_every_form_through_and_filter_the_rest() {
        let (header, rows) = exonym_rows();
        let col = header.iter().position(|&l| l == Lang::FR).unwrap();
        let t = table(Lang::FR).unwrap();
        for row in &rows {
            for (i, form) in row.iter().enumerate() {
                if let (true, Some(form)) = (i != col, form) {
                    assert!(t.may_start_at(form.as_bytes(), 0), "{form}");
                }
            }
        }
        // Most capital + lowercase pairs start no form.
        let (mut pairs, mut open) = (0, 0);
        for a in b'A'..=b'Z' {
            for b in b'a'..=b'z' {
                pairs += 1;
                open += usize::from(t.may_start_at(&[a, b], 0));
            }
        }
        assert!(open * 2 < pairs, "{open} of {pairs}");
    }

    fn source_function_word(lang: Lang, w: &str) -> Option<Lang> {
        source_words(lang).and_then(|t| t.get(w.as_bytes()))
    }

    #[test]
    fn source_words_by_key() {
        for (lang, list) in [(Lang::FR, FR_SOURCES), (Lang::EN, EN_SOURCES)] {
            for &(w, src) in list {
                assert!(w.len() <= SOURCE_MAX_BYTES, "{w}");
                assert_eq!(source_function_word(lang, w), Some(src), "{w}");
                for other in [w.to_uppercase(), format!("{w}s"), w[1..].to_string()] {
                    let want = list.iter().find(|(x, _)| *x == other).map(|x| x.1);
                    assert_eq!(source_function_word(lang, &other), want, "{other}");
                }
            }
            for w in [
                "", "a", "thé", "xyz", "whiche", "le", "les", "un", "de", "\0",
            ] {
                let want = list.iter().find(|(x, _)| *x == w).map(|x| x.1);
                assert_eq!(source_function_word(lang, w), want, "{w}");
            }
        }
        assert_eq!(source_function_word(Lang::DE, "the"), None);
    }

    #[test]
    fn filtered_scan_finds_what_a_search_at_every_byte_finds() {
        let texts = [
            "Le sommet de la Corea del Norte a eu lieu en Asia du Sud-Est, puis à Moscou.",
            "L’Ägypten, l’Österreich et l’Äthiopien ; África, États-Unis, Égypte. UN FMI EU",
            "Talks in Moscou, Pékin and Deutschland; the UN and the IMF met in Londres",
            "ÉÉÉ ÄÄ Asia",
            "AsiaAsia",
            "é",
            "",
        ];
        let mut found = 0;
        for lang in [Lang::FR, Lang::EN, Lang::ES, Lang::DE] {
            let Some(t) = table(lang) else {
                continue;
            };
            for text in texts {
                let mut want = Vec::new();
                let mut pos = 0;
                for p in 0..text.len() {
                    let input = Input::new(text).span(p..text.len()).anchored(Anchored::Yes);
                    if let (true, Ok(Some(m))) = (p >= pos, t.ac.try_find(input)) {
                        want.push((m.start(), m.end(), m.pattern()));
                        pos = m.end();
                    }
                }
                let got: Vec<_> = t
                    .matches(text)
                    .map(|m| (m.start(), m.end(), m.pattern()))
                    .collect();
                assert_eq!(got, want, "{lang:?} {text}");
                found += got.len();
            }
        }
        assert!(found > 10, "{found}");
    }

    #[test]
    fn tables_load() {
        let fr = table(Lang::FR).map(|t| t.rows.len()).unwrap_or(0);
        let en = table(Lang::EN).map(|t| t.rows.len()).unwrap_or(0);
        assert!(fr > 100 && en > 100, "{fr} {en}");
    }

    #[test]
    fn exonyms_catalog() {
        let r = UntranslatedToken::new();
        let t = "  • Asia Kim offre son soutien à Poutine « dans sa lutte sacrée » contre l’hégémonie occidentale";
        let found = run(&r, Lang::FR, t);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span.text(t), "Asia");
        assert_eq!(found[0].suggestion.as_deref(), Some("Asie"));
        assert_flags(
            &r,
            Lang::EN,
            "Talks were held in Moscou on Tuesday.",
            &["Moscou"],
        );
        assert_flags(
            &r,
            Lang::FR,
            "Le sommet de la Corea del Norte a eu lieu en Asia du Sud-Est.",
            &["Corea del Norte", "Asia"],
        );
        assert_allows(
            &r,
            Lang::FR,
            "Le groupe Asia Pacific Holdings a été racheté.",
        );
        assert_allows(&r, Lang::FR, "Il a passé le week-end à Deauville.");
        assert_allows(&r, Lang::FR, "L’actrice Asia Argento a témoigné.");
        assert_allows(&r, Lang::FR, "Elle écoute Europe 1 et Radio Free Asia.");
        assert_allows(&r, Lang::FR, "La Bank of America et le Banco de España.");
        assert_allows(&r, Lang::FR, "Le slogan « Made in China » est partout.");
        assert_allows(&r, Lang::FR, "UN HOMME ARRÊTÉ À PARIS");
        assert_allows(&r, Lang::FR, "L’Asia-Pacifique et l’America’s Cup.");
        assert_allows(
            &r,
            Lang::FR,
            "La capitale Beijing (Pékin) et le Beijing (Pékin).",
        );
        assert_allows(
            &r,
            Lang::FR,
            "Le littoral de l’océan Indien et l’Italien Rossi.",
        );
        assert_allows(
            &r,
            Lang::FR,
            "Il a dit : « the disease takes more lives of children in Africa than any other ».",
        );
    }

    #[test]
    fn function_words_in_target_sentences() {
        let r = UntranslatedToken::new();
        assert_flags(
            &r,
            Lang::FR,
            "Le conseil a confirmé que la réunion of the board aura lieu lundi prochain.",
            &["réunion of the board"],
        );
        assert_allows(
            &r,
            Lang::FR,
            "Il a cité le livre The Lord of the Rings et la banque Bank of America.",
        );
        assert_allows(
            &r,
            Lang::FR,
            "Le film « the end of the world » a été projeté hier soir.",
        );
        assert_allows(&r, Lang::EN, "The Place de la Concorde was closed.");
        // A whole foreign sentence is the other rule's.
        assert_allows(
            &r,
            Lang::FR,
            "The ministry did not respond to requests for comment on Tuesday.",
        );
    }

    #[test]
    fn lowercase_words() {
        for w in [
            "", "abc", "été", "Été", "éT", "aBc", "ab1", "ab-cd", "a’b", "ⅰv", "aⅰ", "a٣", "1ab",
            "-ab", "straße",
        ] {
            let by_char = w.chars().next().is_some_and(char::is_lowercase)
                && !w.chars().any(|c| c.is_uppercase() || c.is_numeric());
            assert_eq!(lowercase_word(w), by_char, "{w}");
        }
    }

    #[test]
    fn corpus_ratio() {
        let mut r = UntranslatedToken::new();
        r.min_corpus_words = 50;
        let mut index = crate::index::Index::default();
        let en = "The meeting was held on Tuesday and the meeting ended late with a long meeting.";
        let fr = "La réunion a eu lieu mardi et la réunion a fini tard avec un vote.";
        for (lang, t) in
            std::iter::repeat_n((Lang::EN, en), 5).chain(std::iter::repeat_n((Lang::FR, fr), 5))
        {
            let mut doc = crate::document::Document::plain("c.txt", t);
            doc.lang = Some(lang);
            index.add_document(&doc, &Analysis::new(t, Some(lang)));
        }
        let doc = "Le meeting a eu lieu mardi, selon la réunion des élus.";
        let found = run_on(&r, Lang::FR, doc, &index);
        assert_eq!(
            found.iter().map(|d| d.span.text(doc)).collect::<Vec<_>>(),
            ["meeting"]
        );
        // Without enough corpus, nothing.
        assert!(run_on(&UntranslatedToken::new(), Lang::FR, doc, &index).is_empty());
    }
}
