//! Syllable counts per language, as textstat 0.7.13 computes them, memoised per word type.
//!
//! - **en**: the CMUdict count (stress-marked phones of the first pronunciation) when the lowercased
//!   word is listed, else the Liang count below on `hyph_en_US.dic`. CMUdict is not embedded whole:
//!   `data/cmudict_syllables.txt` keeps only the 48 237 words whose CMUdict count differs from the
//!   Liang count, which gives the same result in 0.5 MB instead of 3.6 MB.
//! - **fr, es, de, it**: 1 + the number of hyphenation points found by Liang's algorithm on the
//!   LibreOffice patterns that pyphen 0.18 ships (`hyph_fr.dic`, `hyph_es.dic`, `hyph_de_DE.dic`,
//!   `hyph_it_IT.dic`), with pyphen's parsing and margins (a point is kept when 2 ≤ position ≤
//!   length − 2).
//! - **any other language**: no patterns are embedded; the count is the number of maximal runs of
//!   vowels (Latin vowels with their accented forms, and `y`), at least 1. textstat would use
//!   pyphen's patterns for the language when it has some: this is a documented difference, and the
//!   output names the method (`syllable_method`).
//!
//! Licences of the embedded data are in `data/README.md`.

use std::borrow::Cow;
use std::sync::OnceLock;

use hashbrown::{HashMap, HashTable};

use super::keys::{fmix, pack};
use crate::lang::Lang;

/// How syllables are counted for a language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// CMUdict, else Liang on en_US patterns.
    English,
    /// Liang on the patterns of one of [`PATTERN_LANGS`].
    Liang(usize),
    /// Vowel groups.
    VowelGroups,
}

/// The languages with embedded hyphenation patterns (besides English), and their files.
pub const PATTERN_LANGS: [(Lang, &str); 4] = [
    (Lang::FR, "fr"),
    (Lang::ES, "es"),
    (Lang::DE, "de_DE"),
    (Lang::IT, "it_IT"),
];

static PATTERN_DATA: [&[u8]; 4] = [
    include_bytes!("data/hyph/hyph_fr.dic"),
    include_bytes!("data/hyph/hyph_es.dic"),
    include_bytes!("data/hyph/hyph_de_DE.dic"),
    include_bytes!("data/hyph/hyph_it_IT.dic"),
];
static EN_PATTERNS: &[u8] = include_bytes!("data/hyph/hyph_en_US.dic");
static CMUDICT: &str = include_str!("data/cmudict_syllables.txt");

impl Method {
    pub fn for_lang(lang: Lang) -> Method {
        if lang == Lang::EN {
            return Method::English;
        }
        match PATTERN_LANGS.iter().position(|(l, _)| *l == lang) {
            Some(i) => Method::Liang(i),
            None => Method::VowelGroups,
        }
    }

    /// A short name for output: `cmudict+liang:en_US`, `liang:fr`, `vowel-groups`.
    pub fn name(self) -> &'static str {
        match self {
            Method::English => "cmudict+liang:en_US",
            Method::Liang(0) => "liang:fr",
            Method::Liang(1) => "liang:es",
            Method::Liang(2) => "liang:de_DE",
            Method::Liang(3) => "liang:it_IT",
            Method::Liang(_) | Method::VowelGroups => "vowel-groups",
        }
    }

    fn slot(self) -> usize {
        match self {
            Method::English => 0,
            Method::Liang(i) => 1 + i.min(PATTERN_LANGS.len() - 1),
            Method::VowelGroups => 1 + PATTERN_LANGS.len(),
        }
    }

    /// The syllables of one word (any case), without memoisation.
    pub fn count(self, word: &str) -> u32 {
        let mut buf = [0u8; LOWER_STACK];
        let owned: String;
        let lower = match lower_latin1(word, &mut buf) {
            Some(lower) => lower,
            None => {
                owned = word.to_lowercase();
                owned.as_str()
            }
        };
        match self {
            Method::English => match cmudict(lower) {
                Some(n) => u32::from(n),
                None => en_patterns().points(lower, 2, 2) + 1,
            },
            Method::Liang(i) => match patterns(i) {
                Some(p) => p.points(lower, 2, 2) + 1,
                None => vowel_groups(lower),
            },
            Method::VowelGroups => vowel_groups(lower),
        }
    }
}

/// Longest word [`lower_latin1`] lowercases (on the stack).
const LOWER_STACK: usize = 64;

/// `word.to_lowercase()` into `buf` for a word of at most [`LOWER_STACK`] bytes of ASCII and
/// Latin-1 chars (U+0000–U+00FF), where lowercasing maps each char to one char of the same length:
/// `A`–`Z` and U+00C0–U+00DE but U+00D7 (`×`) gain 0x20, every other char is its own lowercase.
/// `None` for any other word.
fn lower_latin1<'a>(word: &str, buf: &'a mut [u8; LOWER_STACK]) -> Option<&'a str> {
    let src = word.as_bytes();
    let out = buf.get_mut(..src.len())?;
    // Whether the previous byte was 0xC3, the lead byte of U+00C0–U+00FF.
    let mut after_c3 = false;
    for (o, &b) in out.iter_mut().zip(src) {
        *o = match b {
            b'A'..=b'Z' => b + 0x20,
            0x80..=0x9E if after_c3 && b != 0x97 => b + 0x20,
            0xC4.. => return None,
            _ => b,
        };
        after_c3 = b == 0xC3;
    }
    std::str::from_utf8(out).ok()
}

/// Number of maximal runs of vowels in a lowercase word, at least 1.
pub fn vowel_groups(lower: &str) -> u32 {
    let mut n = 0u32;
    let mut prev = false;
    for c in lower.chars() {
        let v = matches!(
            c,
            'a' | 'e'
                | 'i'
                | 'o'
                | 'u'
                | 'y'
                | 'à'..='æ'
                | 'è'..='ï'
                | 'ò'..='ö'
                | 'ø'..='ü'
                | 'ý'
                | 'ÿ'
                | 'ā'..='ą'
                | 'ē'..='ě'
                | 'ī'..='į'
                | 'ō'..='ő'
                | 'œ'
                | 'ū'..='ų'
        );
        if v && !prev {
            n += 1;
        }
        prev = v;
    }
    n.max(1)
}

/// A word of [`CMUDICT`]: where its line starts, the word's length in bytes, its count.
#[derive(Clone, Copy)]
struct CmuEntry {
    start: u32,
    len: u16,
    count: u8,
}

/// The CMUdict count of a lowercase word, when listed. The file's lines are sorted by word
/// (bytewise, no duplicates: checked by a test), so the words are found by binary search in an
/// index of the lines, which is all there is to build (no table of the 48 237 words).
fn cmudict(lower: &str) -> Option<u8> {
    static INDEX: OnceLock<Vec<CmuEntry>> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let text = CMUDICT.as_bytes();
        let mut index = Vec::with_capacity(50_000);
        let mut start = 0usize;
        for end in memchr::memchr_iter(b'\n', text).chain(std::iter::once(text.len())) {
            let line = text.get(start..end).unwrap_or(&[]);
            let line_start = start;
            start = end + 1;
            if line.first() == Some(&b'#') {
                continue;
            }
            let Some(space) = line.iter().position(|&b| b == b' ') else {
                continue;
            };
            let count = std::str::from_utf8(line.get(space + 1..).unwrap_or(&[]))
                .ok()
                .and_then(|n| n.trim().parse::<u8>().ok());
            if let (Some(count), Ok(start), Ok(len)) =
                (count, u32::try_from(line_start), u16::try_from(space))
            {
                index.push(CmuEntry { start, len, count });
            }
        }
        index
    });
    let word = |e: &CmuEntry| {
        let start = e.start as usize;
        CMUDICT
            .as_bytes()
            .get(start..start + e.len as usize)
            .unwrap_or(&[])
    };
    let i = index
        .binary_search_by(|e| word(e).cmp(lower.as_bytes()))
        .ok()?;
    index.get(i).map(|e| e.count)
}

fn en_patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns::parse(EN_PATTERNS))
}

fn patterns(i: usize) -> Option<&'static Patterns> {
    static P: [OnceLock<Patterns>; 4] = [
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
    ];
    let data = PATTERN_DATA.get(i)?;
    Some(P.get(i)?.get_or_init(|| Patterns::parse(data)))
}

/// Liang hyphenation patterns, parsed as pyphen 0.18 parses a LibreOffice `hyph_*.dic` file.
pub struct Patterns {
    /// Letters of each pattern (UTF-8) → its scores.
    trie: Trie,
}

/// A pattern's scores: the offset of its first non-zero score, and where the scores from there
/// on are in [`Trie::scores`].
#[derive(Clone, Copy)]
struct Scores {
    offset: u32,
    start: u32,
    len: u32,
}

/// A byte trie of the patterns, laid out breadth first so that the nodes near the root, visited
/// for every word, share a few cache lines: each node's edges are contiguous (their bytes in
/// `labels`; edge `e` leads to node `e + 1`); the root's are also in a direct table.
struct Trie {
    root: [u32; 256],
    /// Per node: (first edge, number of edges | (index in `dense` + 1 or 0) << 16, index in
    /// `values` + 1 or 0).
    nodes: Vec<(u32, u32, u32)>,
    labels: Vec<u8>,
    /// Direct tables of the nodes with at least [`DENSE_EDGES`] edges (near the root, visited
    /// most): 256 entries each, the child reached by each byte or 0.
    dense: Vec<u32>,
    values: Vec<Scores>,
    /// Every pattern's scores, end to end.
    scores: Vec<u8>,
}

/// Trie nodes with at least this many edges get a direct table.
const DENSE_EDGES: usize = 8;

/// A node of the trie while patterns are added: its children in a list (the first child, then
/// each child's next sibling; 0 ends it, as the root is no node's child), the byte of the edge
/// from its parent, its value (an index in `values` + 1, or 0).
#[derive(Clone, Copy, Default)]
struct BuildNode {
    first_child: u32,
    next_sibling: u32,
    value: u32,
    byte: u8,
}

/// The trie while patterns are added, one at a time, in file order.
struct TrieBuilder {
    nodes: Vec<BuildNode>,
    values: Vec<Scores>,
    scores: Vec<u8>,
    /// The nodes of the previous key (`path[d]` at depth `d`, `path[0]` the root): the next key
    /// walks down from the end of their common prefix. Patterns files are mostly sorted, so most
    /// of a key is found there and the rest is new nodes.
    path: Vec<u32>,
}

impl TrieBuilder {
    fn new(capacity: usize) -> TrieBuilder {
        let mut nodes = Vec::with_capacity(capacity);
        nodes.push(BuildNode::default());
        TrieBuilder {
            nodes,
            values: Vec::new(),
            scores: Vec::new(),
            path: vec![0],
        }
    }

    /// The child of `parent` by byte `b`, if any.
    fn find_child(&self, parent: u32, b: u8) -> Option<u32> {
        let mut c = self.nodes.get(parent as usize)?.first_child;
        while c != 0 {
            let n = self.nodes.get(c as usize)?;
            if n.byte == b {
                return Some(c);
            }
            c = n.next_sibling;
        }
        None
    }

    /// Adds the pattern of letters `key` and scores `nonzero` from offset `offset` on; a later
    /// duplicate replaces an earlier one.
    fn add(&mut self, key: &[u8], offset: usize, nonzero: &[u8]) {
        // The previous key's nodes down to the end of the common prefix (node `path[d + 1]` is
        // reached by the byte at `d`).
        let mut common = 0usize;
        while let (Some(&b), Some(&next)) = (key.get(common), self.path.get(common + 1))
            && self.nodes.get(next as usize).is_some_and(|n| n.byte == b)
        {
            common += 1;
        }
        self.path.truncate(common + 1);
        let mut node = self.path.last().copied().unwrap_or(0);
        let mut tail = key.get(common..).unwrap_or(&[]);
        while let Some((&b, rest)) = tail.split_first()
            && let Some(c) = self.find_child(node, b)
        {
            node = c;
            self.path.push(c);
            tail = rest;
        }
        // The rest of the key is new: a chain of new nodes, each the only child of the one before,
        // the first one put at the head of `node`'s list.
        if !tail.is_empty() {
            let start = self.nodes.len() as u32;
            let end = start + tail.len() as u32;
            let Some(parent) = self.nodes.get_mut(node as usize) else {
                return;
            };
            let sibling = std::mem::replace(&mut parent.first_child, start);
            self.nodes
                .extend((start..).zip(tail).map(|(id, &byte)| BuildNode {
                    first_child: if id + 1 < end { id + 1 } else { 0 },
                    next_sibling: if id == start { sibling } else { 0 },
                    value: 0,
                    byte,
                }));
            self.path.extend(start..end);
            node = end - 1;
        }
        let scores = Scores {
            offset: offset as u32,
            start: self.scores.len() as u32,
            len: nonzero.len() as u32,
        };
        // (A few bytes: pushed one by one rather than copied by a call.)
        for &v in nonzero {
            self.scores.push(v);
        }
        let Some(n) = self.nodes.get_mut(node as usize) else {
            return;
        };
        match self.values.get_mut((n.value as usize).wrapping_sub(1)) {
            Some(v) => *v = scores,
            None => {
                self.values.push(scores);
                n.value = self.values.len() as u32;
            }
        }
    }

    /// The trie laid out breadth first: the nodes in the order a breadth-first walk reaches them,
    /// so that node `i > 0` is the target of edge `i − 1` and each node's edges are consecutive
    /// (its children in the order of its list).
    fn finish(self) -> Trie {
        let mut trie = Trie {
            root: [0; 256],
            nodes: Vec::with_capacity(self.nodes.len()),
            labels: Vec::with_capacity(self.nodes.len()),
            dense: Vec::new(),
            values: self.values,
            scores: self.scores,
        };
        // The walk's queue: the build index of each node, by its final index (node `i > 0` is
        // the target of edge `i − 1`, so a node's first edge is at `labels.len()` when its
        // children are queued).
        let nodes = &self.nodes;
        let mut order: Vec<u32> = Vec::with_capacity(nodes.len());
        order.push(0);
        let mut i = 0usize;
        while let Some(n) = order.get(i).and_then(|&old| nodes.get(old as usize)) {
            let first = trie.labels.len();
            let mut c = n.first_child;
            while c != 0 {
                let Some(child) = nodes.get(c as usize) else {
                    break;
                };
                order.push(c);
                trie.labels.push(child.byte);
                c = child.next_sibling;
            }
            let len = trie.labels.len() - first;
            let record = if len == 0 {
                (0, 0, n.value)
            } else if len < DENSE_EDGES {
                (first as u32, len as u32, n.value)
            } else {
                (first as u32, trie.add_dense(first, len), n.value)
            };
            trie.nodes.push(record);
            i += 1;
        }
        let root = trie.nodes.first().map_or(0, |&(_, len, _)| len & 0xFFFF) as usize;
        for (k, &b) in trie.labels.iter().enumerate().take(root) {
            trie.root[b as usize] = k as u32 + 1;
        }
        trie
    }
}

impl Trie {
    /// A direct table of the `len` edges from `first` on, if there is room for its index; returns
    /// the node's `len | index << 16`.
    fn add_dense(&mut self, first: usize, len: usize) -> u32 {
        let index = self.dense.len() / 256 + 1;
        if index > 0xFFFF {
            return len as u32;
        }
        let mut table = [0u32; 256];
        let edges = self.labels.get(first..first + len).unwrap_or(&[]);
        for (k, &b) in edges.iter().enumerate() {
            table[b as usize] = (first + k + 1) as u32;
        }
        self.dense.extend_from_slice(&table);
        len as u32 | (index as u32) << 16
    }

    #[cfg(test)]
    fn child(&self, node: u32, b: u8) -> Option<u32> {
        if node == 0 {
            return Some(self.root[b as usize]).filter(|&c| c != 0);
        }
        let &(first, len, _) = self.nodes.get(node as usize)?;
        let (first, len) = (first as usize, (len & 0xFFFF) as usize);
        let labels = self.labels.get(first..first + len)?;
        let k = labels.iter().position(|&l| l == b)?;
        Some((first + k + 1) as u32)
    }

    /// The scores of the pattern ending at `node`: (offset of the first non-zero score, scores
    /// from there on).
    #[cfg(test)]
    fn value(&self, node: u32) -> Option<(usize, &[u8])> {
        let &(_, _, v) = self.nodes.get(node as usize)?;
        self.scores_of(v)
    }

    /// The scores of value `v` (an index in `values` + 1, as nodes hold it).
    fn scores_of(&self, v: u32) -> Option<(usize, &[u8])> {
        let s = self.values.get(v.checked_sub(1)? as usize)?;
        let (start, len) = (s.start as usize, s.len as usize);
        Some((s.offset as usize, self.scores.get(start..start + len)?))
    }
}

const IGNORED: [&str; 6] = [
    "%",
    "#",
    "LEFTHYPHENMIN",
    "RIGHTHYPHENMIN",
    "COMPOUNDLEFTHYPHENMIN",
    "COMPOUNDRIGHTHYPHENMIN",
];

impl Patterns {
    /// Parses a `hyph_*.dic` file: the first line names the encoding (`UTF-8` or an ISO-8859-1
    /// name), then one pattern per line. Like pyphen: lines are stripped; empty lines and lines
    /// starting with `%`, `#` or a `*HYPHENMIN` keyword are skipped; `^^hh` stands for the char
    /// U+00hh; a nonstandard `pattern/change,index,cut` keeps only its pattern; a pattern whose
    /// scores are all zero (`NEXTLEVEL`) is skipped; a later duplicate replaces an earlier one.
    ///
    /// The German file has 78 000 lines: nothing here allocates per line, a line costs a few
    /// instructions a byte, and each pattern goes into the trie as it comes (no sorting).
    pub fn parse(data: &[u8]) -> Patterns {
        let nl = memchr::memchr(b'\n', data).unwrap_or(data.len());
        let encoding = String::from_utf8_lossy(&data[..nl])
            .trim()
            .to_ascii_uppercase();
        let rest = data.get(nl + 1..).unwrap_or(&[]);
        // ISO-8859-1 (and its aliases): every byte is the code point of the same value; a line
        // with other bytes than ASCII is converted to UTF-8 before it is read.
        let latin1 = encoding != "UTF-8";
        let text: Cow<[u8]> = if latin1 {
            Cow::Borrowed(rest)
        } else {
            match String::from_utf8_lossy(rest) {
                Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes()),
                Cow::Owned(s) => Cow::Owned(s.into_bytes()),
            }
        };
        // A capacity hint: the embedded files have about a node per four bytes.
        let mut trie = TrieBuilder::new(text.len() / 4);
        let (mut key, mut values) = (Vec::new(), Vec::new());
        let (mut converted, mut unhexed) = (Vec::new(), String::new());
        let mut line_start = 0usize;
        let ends = memchr::memchr_iter(b'\n', &text).chain(std::iter::once(text.len()));
        for line_end in ends {
            let mut line = text.get(line_start..line_end).unwrap_or(&[]);
            line_start = line_end + 1;
            if latin1 && !line.is_ascii() {
                latin1_to_utf8(line, &mut converted);
                line = &converted;
            }
            let line = trim(line);
            let Some(&first) = line.first() else {
                continue;
            };
            if matches!(first, b'%' | b'#' | b'L' | b'R' | b'C')
                && IGNORED.iter().any(|p| line.starts_with(p.as_bytes()))
            {
                continue;
            }
            let split = split_pattern(line, &mut key, &mut values, true).or_else(|| {
                // A `^` or a `/`: `^^hh` replaced, then the pattern of `pattern/change,index,cut`.
                // (The line is whole chars of UTF-8 text.)
                let line = std::str::from_utf8(line).unwrap_or_default();
                let line = if line.contains('^') {
                    unhex(line, &mut unhexed);
                    unhexed.as_str()
                } else {
                    line
                };
                let pattern = match line.split_once('/') {
                    Some((p, alt)) if alt.contains('=') || p.contains('=') => p,
                    _ => line,
                };
                split_pattern(pattern.as_bytes(), &mut key, &mut values, false)
            });
            let Some((nk, nv)) = split else {
                continue;
            };
            let values = values.get(..nv).unwrap_or(&[]);
            let Some(start) = values.iter().position(|&v| v != 0) else {
                continue;
            };
            let end = values
                .iter()
                .rposition(|&v| v != 0)
                .map_or(start, |e| e + 1);
            let key = key.get(..nk).unwrap_or(&[]);
            trie.add(key, start, values.get(start..end).unwrap_or(&[]));
        }
        Patterns {
            trie: trie.finish(),
        }
    }
    /// The pattern of these letters: (offset of its first non-zero score, scores from there on).
    #[cfg(test)]
    fn get(&self, letters: &str) -> Option<(usize, Vec<u8>)> {
        let mut node = 0u32;
        for &b in letters.as_bytes() {
            node = self.trie.child(node, b)?;
        }
        self.trie.value(node).map(|(o, v)| (o, v.to_vec()))
    }

    /// The number of hyphenation points of `lower` (already lowercased) at positions `left ≤ p ≤
    /// len − right` (pyphen's `Pyphen(left, right).positions(word)`).
    pub fn points(&self, lower: &str, left: usize, right: usize) -> u32 {
        // Called once per new word type: its buffers live on the stack for words up to 62 bytes.
        const STACK: usize = 64;
        let size = lower.len() + 2;
        if size <= STACK {
            let (mut pointed, mut offs, mut refs) = ([0u8; STACK], [0u32; STACK], [0u8; STACK + 1]);
            self.points_in(
                lower,
                left,
                right,
                &mut pointed[..size],
                &mut offs,
                &mut refs,
            )
        } else {
            let (mut pointed, mut offs, mut refs) =
                (vec![0u8; size], vec![0u32; size], vec![0u8; size + 1]);
            self.points_in(lower, left, right, &mut pointed, &mut offs, &mut refs)
        }
    }

    /// [`Patterns::points`] with buffers of `lower.len() + 2` bytes, offsets and scores (+ 1).
    fn points_in(
        &self,
        lower: &str,
        left: usize,
        right: usize,
        pointed: &mut [u8],
        offs: &mut [u32],
        refs: &mut [u8],
    ) -> u32 {
        let size = pointed.len();
        if let Some((first, rest)) = pointed.split_first_mut()
            && let Some((last, middle)) = rest.split_last_mut()
        {
            *first = b'.';
            middle.copy_from_slice(lower.as_bytes());
            *last = b'.';
        }
        let pointed = &*pointed;
        // Byte offset of each char.
        let mut n = 0usize;
        for (i, &b) in pointed.iter().enumerate() {
            if (b as i8) >= -0x40
                && let Some(o) = offs.get_mut(n)
            {
                *o = i as u32;
                n += 1;
            }
        }
        let offs = offs.get(..n).unwrap_or(&[]);
        let refs = refs.get_mut(..(n + 1).min(size + 1)).unwrap_or(&mut []);
        refs.fill(0);
        // Every pattern that is a substring starting at char i, found by walking the trie along
        // the bytes from there (a pattern is whole chars, so a match ends on a char boundary).
        // (One look-up of each node on the way, for its value and its edges; 0 = no node, as the
        // root is no edge's target.)
        let trie = &self.trie;
        for (i, &start) in offs.iter().enumerate().take(n.saturating_sub(1)) {
            let Some((&first_byte, rest)) =
                pointed.get(start as usize..).and_then(|p| p.split_first())
            else {
                continue;
            };
            let mut rest = rest.iter();
            let mut node = trie.root[first_byte as usize];
            while node != 0 {
                let Some(&(first, len, v)) = trie.nodes.get(node as usize) else {
                    break;
                };
                if v != 0
                    && let Some((offset, vals)) = trie.scores_of(v)
                {
                    for (k, &v) in vals.iter().enumerate() {
                        if let Some(r) = refs.get_mut(i + offset + k) {
                            *r = (*r).max(v);
                        }
                    }
                }
                let Some(&b) = rest.next() else {
                    break;
                };
                let (first, dense) = (first as usize, (len >> 16) as usize);
                node = if dense != 0 {
                    let entry = (dense - 1) * 256 + b as usize;
                    trie.dense.get(entry).copied().unwrap_or(0)
                } else {
                    let len = (len & 0xFFFF) as usize;
                    trie.labels
                        .get(first..first + len)
                        .and_then(|labels| labels.iter().position(|&l| l == b))
                        .map_or(0, |k| (first + k + 1) as u32)
                };
            }
        }
        // Odd scores at positions `left ≤ r − 1 ≤ n − 2 − right`.
        let Some(last) = n.checked_sub(right + 1) else {
            return 0;
        };
        refs.get(left + 1..=last)
            .map_or(0, |r| r.iter().filter(|&&v| v % 2 == 1).count()) as u32
    }
}

/// Splits a pattern as pyphen does, `re.findall(r"(\d?)(\D?)", pattern)`: pairs of an optional
/// digit and an optional non-digit, then one final empty pair. On bytes: a digit (`\d` of `str`
/// patterns, but pyphen only meets ASCII ones) is one byte; a letter is its lead byte and
/// continuation bytes, which go to `key` as they come; `values` gets the score of each pair (0
/// without a digit; the final pair's 0 is left out). Returns the number of bytes of `key` and of
/// `values` written (both are grown to the pattern's length, never shrunk: no clearing per line).
/// With `stop_at_marks`, stops and returns `None` at a `^` or a `/` (the line needs `unhex` or a
/// split first).
fn split_pattern(
    pattern: &[u8],
    key: &mut Vec<u8>,
    values: &mut Vec<u8>,
    stop_at_marks: bool,
) -> Option<(usize, usize)> {
    if key.len() < pattern.len() {
        key.resize(pattern.len(), 0);
    }
    if values.len() <= pattern.len() {
        values.resize(pattern.len() + 1, 0);
    }
    let (key, values) = (key.as_mut_slice(), values.as_mut_slice());
    let (mut nk, mut nv) = (0usize, 0usize);
    let mut digit: Option<u8> = None;
    for &b in pattern {
        match PATTERN_BYTE[b as usize] {
            LEAD => {
                if let Some(v) = values.get_mut(nv) {
                    *v = digit.take().unwrap_or(0);
                }
                nv += 1;
            }
            CONTINUATION => {}
            DIGIT => {
                // A digit after a digit: the first one's pair has no letter.
                if let Some(d) = digit.replace(b - b'0') {
                    if let Some(v) = values.get_mut(nv) {
                        *v = d;
                    }
                    nv += 1;
                }
                continue;
            }
            _ if stop_at_marks => return None,
            _ => {
                if let Some(v) = values.get_mut(nv) {
                    *v = digit.take().unwrap_or(0);
                }
                nv += 1;
            }
        }
        if let Some(k) = key.get_mut(nk) {
            *k = b;
        }
        nk += 1;
    }
    if let Some(d) = digit {
        if let Some(v) = values.get_mut(nv) {
            *v = d;
        }
        nv += 1;
    }
    Some((nk, nv))
}

// Classes of the bytes of a pattern for [`split_pattern`]: a digit, the lead byte of a letter (ASCII
// or not), a continuation byte, a `^` or a `/` (MARK).
const LEAD: u8 = 0;
const CONTINUATION: u8 = 1;
const DIGIT: u8 = 2;
const MARK: u8 = 3;

static PATTERN_BYTE: [u8; 256] = {
    let mut t = [LEAD; 256];
    let mut b = 0usize;
    while b < 256 {
        t[b] = match b as u8 {
            b'0'..=b'9' => DIGIT,
            b'^' | b'/' => MARK,
            0x80..=0xBF => CONTINUATION,
            _ => LEAD,
        };
        b += 1;
    }
    t
};

/// `str::trim` of a line of UTF-8 text: ASCII whitespace is cut off here; a line that then starts
/// or ends with a non-ASCII char goes through `str::trim` (Unicode whitespace).
fn trim(line: &[u8]) -> &[u8] {
    let space = |b: &u8| *b == b' ' || (b'\t'..=b'\r').contains(b);
    let start = line.iter().position(|b| !space(b)).unwrap_or(line.len());
    let end = line
        .iter()
        .rposition(|b| !space(b))
        .map_or(start, |e| e + 1);
    let line = line.get(start..end).unwrap_or(&[]);
    match (line.first(), line.last()) {
        (Some(&a), Some(&z)) if a >= 0x80 || z >= 0x80 => {
            std::str::from_utf8(line).map_or(line, |s| s.trim().as_bytes())
        }
        _ => line,
    }
}

/// ISO-8859-1 bytes as UTF-8, into `out`: ASCII bytes as they are, other bytes as two-byte
/// sequences.
fn latin1_to_utf8(bytes: &[u8], out: &mut Vec<u8>) {
    out.clear();
    for &b in bytes {
        if b < 0x80 {
            out.push(b);
        } else {
            out.extend_from_slice(&[0xC0 | b >> 6, 0x80 | (b & 0x3F)]);
        }
    }
}

/// Replaces every `^^hh` (two lowercase hex digits) by the char U+00hh, into `out`.
fn unhex(line: &str, out: &mut String) {
    out.clear();
    let mut rest = line;
    while let Some(i) = rest.find("^^") {
        out.push_str(&rest[..i]);
        let hex = rest.get(i + 2..i + 4).filter(|h| {
            h.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        });
        match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
            Some(b) => {
                out.push(char::from(b));
                rest = &rest[i + 4..];
            }
            None => {
                out.push_str("^^");
                rest = &rest[i + 2..];
            }
        }
    }
    out.push_str(rest);
}

/// Beyond this many word types per method, a memo is cleared (bounded memory).
const MEMO_LIMIT: usize = 1 << 20;

const SLOTS: usize = 2 + PATTERN_LANGS.len();

/// Syllable counts memoised per word type (keyed by the word as it appears), one table per method;
/// words of at most 16 bytes are keyed by their packed bytes, in 24-byte entries, behind a small
/// direct-mapped cache that holds the most frequent words in a few hundred cache lines.
pub struct Memo {
    short: [HashTable<ShortCount>; SLOTS],
    long: [HashMap<Box<str>, u32>; SLOTS],
    /// Direct-mapped cache over every method: slot by [`recent_slot`], checked by key and method.
    recent: Box<[ShortCount; RECENT]>,
}

/// A packed word (`keys::pack`) and its syllable count.
#[derive(Clone, Copy)]
struct ShortCount {
    lo: u64,
    hi: u64,
    count: u32,
    slot: u32,
}

/// An unused cache slot: a key no string packs to (its last eight bytes are 0xFF, never found in
/// UTF-8).
const EMPTY: ShortCount = ShortCount {
    lo: 0,
    hi: u64::MAX,
    count: 0,
    slot: 0,
};

/// Slots of the direct-mapped cache (a power of two).
const RECENT: usize = 1 << RECENT_BITS;
const RECENT_BITS: u32 = 12;

impl Default for Memo {
    fn default() -> Self {
        Memo {
            short: Default::default(),
            long: Default::default(),
            recent: Box::new([EMPTY; RECENT]),
        }
    }
}

/// The hash of a packed word in the tables.
fn short_hash(lo: u64, hi: u64) -> u64 {
    fmix(lo ^ fmix(hi))
}

/// The cache slot of a packed word for a method: the top bits of one multiplication (cheaper
/// than [`short_hash`], which a hit does without).
fn recent_slot(lo: u64, hi: u64, slot: usize) -> usize {
    let h = (lo ^ hi.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    ((h >> (64 - RECENT_BITS)) as usize ^ slot) & (RECENT - 1)
}

impl Memo {
    pub fn count(&mut self, method: Method, word: &str) -> u32 {
        self.count_packed(method, word, pack(word.as_bytes()))
    }

    /// [`Memo::count`] of a word whose packed bytes (`keys::pack`) are `packed`. A hit in the
    /// cache, the common case, is inlined into the caller; the rest is out of line.
    #[inline]
    pub fn count_packed(&mut self, method: Method, word: &str, packed: Option<u128>) -> u32 {
        let slot = method.slot();
        let Some(k) = packed else {
            return self.count_long(method, slot, word);
        };
        let (lo, hi) = (k as u64, (k >> 64) as u64);
        let r = recent_slot(lo, hi, slot);
        if let Some(e) = self.recent.get(r)
            && e.lo == lo
            && e.hi == hi
            && e.slot == slot as u32
        {
            return e.count;
        }
        self.count_short(method, slot, word, (lo, hi), r)
    }

    /// A packed word (its halves) missing from the cache slot `r`: from its table or counted,
    /// then cached.
    #[inline(never)]
    fn count_short(
        &mut self,
        method: Method,
        slot: usize,
        word: &str,
        (lo, hi): (u64, u64),
        r: usize,
    ) -> u32 {
        let Some(map) = self.short.get_mut(slot) else {
            return method.count(word);
        };
        let h = short_hash(lo, hi);
        let n = match map.find(h, |e| e.lo == lo && e.hi == hi) {
            Some(e) => e.count,
            None => {
                let n = method.count(word);
                if map.len() >= MEMO_LIMIT {
                    map.clear();
                }
                let entry = ShortCount {
                    lo,
                    hi,
                    count: n,
                    slot: slot as u32,
                };
                map.insert_unique(h, entry, |e| short_hash(e.lo, e.hi));
                n
            }
        };
        if let Some(e) = self.recent.get_mut(r) {
            *e = ShortCount {
                lo,
                hi,
                count: n,
                slot: slot as u32,
            };
        }
        n
    }

    /// A word of more than 16 bytes.
    #[inline(never)]
    fn count_long(&mut self, method: Method, slot: usize, word: &str) -> u32 {
        let Some(map) = self.long.get_mut(slot) else {
            return method.count(word);
        };
        if let Some(&n) = map.get(word) {
            return n;
        }
        let n = method.count(word);
        if map.len() >= MEMO_LIMIT {
            map.clear();
        }
        map.insert(word.into(), n);
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn liang_on_a_tiny_pattern_set() {
        // Patterns from Liang's thesis style: `1na`, `n1at`... kept small and hand-checked.
        let p = Patterns::parse(b"UTF-8\nLEFTHYPHENMIN 2\n% comment\n1ba\nb1b\n.ab4\nNEXTLEVEL\n");
        // ".abbaba.": `.ab4` puts 4 in the gap after "ab" (position 2), `b1b` a 1 in the same
        // gap (max stays 4, even: no break), `1ba` a 1 before each "ba" (positions 2 and 4).
        // Odd gaps: position 4 only, within the margins 2 ≤ p ≤ 6 − 2.
        assert_eq!(p.points("abbaba", 2, 2), 1);
        // With a right margin of 3, position 4 is dropped.
        assert_eq!(p.points("abbaba", 2, 3), 0);
        // All-zero patterns are not stored.
        assert!(p.get("NEXTLEVEL").is_none());
    }

    #[test]
    fn pattern_parsing_matches_pyphen() {
        let p = Patterns::parse(b"UTF-8\n  a1b2 \n^^e9t1\nc1d/c=d,1,1\n");
        assert_eq!(p.get("ab"), Some((1, vec![1, 2])));
        assert_eq!(p.get("ét"), Some((2, vec![1])));
        assert_eq!(p.get("cd"), Some((1, vec![1])));
        let latin1 = Patterns::parse(b"ISO8859-1\n\xe91t\n");
        assert!(latin1.get("ét").is_some());
        // A later duplicate replaces an earlier one; a key that is a prefix of another keeps
        // its own value.
        let dup = Patterns::parse(b"UTF-8\na1b\nab1c\na2b\n");
        assert_eq!(dup.get("ab"), Some((1, vec![2])));
        assert_eq!(dup.get("abc"), Some((2, vec![1])));
        assert_eq!(dup.get("a"), None);
    }

    #[test]
    fn embedded_patterns_give_pyphen_counts() {
        // Hand-checked against pyphen 0.18.1 (`len(Pyphen(lang=...).positions(w)) + 1`).
        let fr = Method::for_lang(Lang::FR);
        assert_eq!(fr.count("gouvernement"), 4); // gou-ver-ne-ment
        assert_eq!(fr.count("Président"), 2); // pré-sident (no point before the last two letters)
        assert_eq!(fr.count("a"), 1);
        let en = Method::for_lang(Lang::EN);
        // CMUdict words.
        assert_eq!(en.count("the"), 1);
        assert_eq!(en.count("government"), 3);
        assert_eq!(en.count("about"), 2);
        // Not in CMUdict: Liang on en_US.
        assert_eq!(en.count("zorbulation"), 4);
        assert_eq!(Method::for_lang(Lang::NL), Method::VowelGroups);
        assert_eq!(Method::for_lang(Lang::DE).name(), "liang:de_DE");
    }

    #[test]
    fn latin1_lowercasing_matches_to_lowercase() {
        let mut buf = [0u8; LOWER_STACK];
        for u in 0..0x250u32 {
            let Some(c) = char::from_u32(u) else { continue };
            let word = format!("A{c}z{c}");
            let expected = (u < 0x100).then(|| word.to_lowercase());
            assert_eq!(
                lower_latin1(&word, &mut buf).map(str::to_string),
                expected,
                "U+{u:04X}"
            );
        }
        assert_eq!(lower_latin1("ÜBERMÄẞIG", &mut buf), None);
        assert_eq!(lower_latin1(&"A".repeat(LOWER_STACK + 1), &mut buf), None);
        assert_eq!(
            lower_latin1(&"A".repeat(LOWER_STACK), &mut buf),
            Some(&*"a".repeat(64))
        );
    }

    #[test]
    fn trim_matches_str_trim() {
        for s in [
            "  a1b \t",
            "\u{a0}a1b",
            "a1b\u{85}",
            " \u{2000} ab ",
            "\u{b}a\u{b}",
            "",
            "   ",
            "é1t\r",
            "1ä",
            "\u{1c}a\u{1f}",
        ] {
            assert_eq!(trim(s.as_bytes()), s.trim().as_bytes(), "{s:?}");
        }
    }

    #[test]
    fn cmudict_lines_are_sorted() {
        // `cmudict` finds words by binary search: the words must be strictly increasing.
        let words: Vec<&str> = CMUDICT
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once(' ').map(|(w, _)| w))
            .collect();
        assert_eq!(words.len(), 48_237);
        assert!(words.windows(2).all(|w| w[0].as_bytes() < w[1].as_bytes()));
        // Every listed word is found, with its count; others are not.
        for line in CMUDICT.lines().filter(|l| !l.starts_with('#')) {
            let (w, n) = line.split_once(' ').unwrap();
            assert_eq!(cmudict(w), Some(n.trim().parse().unwrap()), "{w}");
        }
        assert_eq!(cmudict("zorbulation"), None);
        assert_eq!(cmudict(""), None);
    }

    #[test]
    fn vowel_groups_count_runs() {
        assert_eq!(vowel_groups("beautiful"), 3); // eau-i-u
        assert_eq!(vowel_groups("rhythm"), 1); // y
        assert_eq!(vowel_groups("brr"), 1);
        assert_eq!(vowel_groups("cooperação"), 4); // oo-e-a-ão
    }

    #[test]
    fn memo_returns_the_same_counts() {
        let mut m = Memo::default();
        let a = m.count(Method::English, "Government");
        let b = m.count(Method::English, "Government");
        assert_eq!(a, b);
        assert_eq!(a, 3);
        // A word of more than 16 bytes, twice.
        let a = m.count(Method::English, "internationalisations");
        assert_eq!(a, m.count(Method::English, "internationalisations"));
        assert_eq!(a, Method::English.count("internationalisations"));
    }
}
