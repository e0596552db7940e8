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
use crate::tokenize::{Analysis, TokenKind, normalize};

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

/// A mention: its parts (one span per token, elisions and possessives cut off) and whether its
/// tokens may all be used (false when the leading token opened a sentence and was dropped).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub parts: Vec<Span>,
    /// Per part: whether it is a lowercase particle.
    pub particle: Vec<bool>,
}

/// One form of a mention: a suffix of its parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    /// From the first part's start to the last part's end.
    pub span: Span,
    /// The parts joined by single spaces.
    pub surface: String,
    /// Number of tokens.
    pub tokens: usize,
}

impl Mention {
    /// The forms of this mention, longest first.
    pub fn forms(&self, text: &str) -> Vec<Form> {
        let n = self.parts.len();
        let first = n.saturating_sub(MAX_FORM_TOKENS);
        let mut out = Vec::new();
        for start in first..n {
            if self.particle[start] {
                continue;
            }
            let mut surface = String::new();
            for (i, p) in self.parts[start..].iter().enumerate() {
                if i > 0 {
                    surface.push(' ');
                }
                surface.push_str(p.text(text));
            }
            out.push(Form {
                span: Span::new(self.parts[start].start, self.parts[n - 1].end),
                surface,
                tokens: n - start,
            });
        }
        out
    }
}

/// A name-like token: its letters start with a capital, it has a lowercase letter, and no digit.
fn is_name_token(w: &str) -> bool {
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

fn is_apostrophe(c: char) -> bool {
    matches!(c, '’' | '\'' | 'ʼ')
}

/// Splits an elided prefix off a token: `d’Ukraine` → (`d’`.len(), `Ukraine`). `O’Brien` is kept.
fn strip_elision(w: &str) -> (usize, &str) {
    if let Some(i) = w.find(is_apostrophe) {
        let head = &w[..i];
        let apo = w[i..].chars().next().map_or(1, char::len_utf8);
        if ELISIONS.iter().any(|e| e.eq_ignore_ascii_case(head)) {
            return (i + apo, &w[i + apo..]);
        }
    }
    (0, w)
}

/// Cuts an English possessive off a token: `Un’s` → `Un`.
fn strip_possessive(w: &str) -> &str {
    for suffix in ["’s", "'s"] {
        if let Some(s) = w.strip_suffix(suffix) {
            return s;
        }
    }
    w
}

/// True when the line looks like a headline in title case (most long words capitalised).
fn title_case_line(an: &Analysis<'_>, tokens: &[crate::tokenize::Token]) -> bool {
    let (mut long, mut caps) = (0u32, 0u32);
    for t in tokens.iter().filter(|t| t.is_word()) {
        let w = t.text(an.text);
        if w.len() < 4 {
            continue;
        }
        long += 1;
        if w.chars().next().is_some_and(char::is_uppercase) {
            caps += 1;
        }
    }
    long >= 3 && caps * 5 >= long * 4
}

/// True for function words that may open a sentence before a name (`Le`, `The`, `Selon`).
fn is_function_word(lang: Lang, w: &str) -> bool {
    let mut buf = String::new();
    normalize::fold(w, &mut buf);
    is_stopword(lang, &buf) || is_stopword(Lang::EN, &buf) || is_stopword(Lang::FR, &buf)
}

/// The name mentions of a document, in text order.
pub fn mentions(an: &Analysis<'_>) -> Vec<Mention> {
    let text = an.text;
    let mut out = Vec::new();
    // First word token of each sentence.
    let mut sentence_starts = Vec::with_capacity(an.sentences.len());
    for s in &an.sentences {
        if let Some(i) = an
            .sentence_tokens(s)
            .iter()
            .position(|t| t.is_word() || t.kind == TokenKind::Number)
        {
            sentence_starts.push(s.tokens.start as usize + i);
        }
    }
    let mut line_start = 0usize;
    while line_start < an.tokens.len() {
        let line_end = an.tokens[line_start..]
            .iter()
            .position(|t| t.kind == TokenKind::Newline)
            .map_or(an.tokens.len(), |i| line_start + i + 1);
        let line = &an.tokens[line_start..line_end];
        // Quick skip: a line with no capitalised word has no mention.
        let has_caps = line.iter().any(|t| {
            t.is_word() && {
                let w = t.text(text);
                w.bytes().next().is_some_and(|b| b.is_ascii_uppercase())
                    || w.chars().any(char::is_uppercase)
            }
        });
        if has_caps && !title_case_line(an, line) {
            line_mentions(an, line_start, line_end, &sentence_starts, &mut out);
        }
        line_start = line_end;
    }
    out
}

fn line_mentions(
    an: &Analysis<'_>,
    from: usize,
    to: usize,
    sentence_starts: &[usize],
    out: &mut Vec<Mention>,
) {
    let text = an.text;
    let toks = &an.tokens;
    let mut i = from;
    while i < to {
        let t = toks[i];
        if !t.is_word() {
            i += 1;
            continue;
        }
        let (cut, rest) = strip_elision(t.text(text));
        if !is_name_token(rest) {
            i += 1;
            continue;
        }
        // A run starts at token i.
        let start_tok = i;
        let mut parts = vec![Span::new(t.start + cut as u32, t.end)];
        let mut particle = vec![false];
        let mut last_tok = i;
        let mut j = i + 1;
        loop {
            // Expect one space, then a name token or a particle followed by one space and a name token.
            if j + 1 >= to || toks[j].kind != TokenKind::Space || !single_space(toks[j].text(text))
            {
                break;
            }
            let next = toks[j + 1];
            if !next.is_word() {
                break;
            }
            let w = next.text(text);
            if is_name_token(w) && strip_elision(w).0 == 0 {
                parts.push(next.span());
                particle.push(false);
                last_tok = j + 1;
                j += 2;
                continue;
            }
            if PARTICLES.contains(&w)
                && j + 3 < to
                && toks[j + 2].kind == TokenKind::Space
                && single_space(toks[j + 2].text(text))
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
        i = last_tok + 1;
        // Possessive on the last part.
        if let Some(last) = parts.last_mut() {
            let w = last.text(text);
            let s = strip_possessive(w);
            last.end -= (w.len() - s.len()) as u32;
        }
        if sentence_starts.binary_search(&start_tok).is_ok() {
            // Drop leading function words; a lone remaining token is not trusted.
            let mut drop = 0;
            while drop < parts.len() && is_function_word(an.lang, parts[drop].text(text)) {
                drop += 1;
            }
            if drop == 0 && parts.len() < 2 {
                continue;
            }
            parts.drain(..drop);
            particle.drain(..drop);
            while particle.first() == Some(&true) {
                parts.remove(0);
                particle.remove(0);
            }
            if parts.is_empty() || (drop > 0 && parts.len() < 2) {
                continue;
            }
        }
        if parts.iter().any(|p| p.is_empty()) {
            continue;
        }
        out.push(Mention { parts, particle });
    }
}

fn single_space(s: &str) -> bool {
    matches!(s, " " | "\u{a0}" | "\u{202f}")
}

/// Distinct forms of a document with their occurrence counts (what the index stores).
pub fn document_forms(an: &Analysis<'_>) -> Vec<(String, u64)> {
    let mut forms: hashbrown::HashMap<String, u64> = hashbrown::HashMap::new();
    for m in mentions(an) {
        for f in m.forms(an.text) {
            *forms.entry(f.surface).or_default() += 1;
        }
    }
    forms.into_iter().collect()
}

/// Key K1 of a surface form (see the module docs).
pub fn k1(surface: &str) -> String {
    let mut folded = String::with_capacity(surface.len());
    normalize::fold_key(surface, &mut folded);
    folded.retain(|c| !(c.is_whitespace() || matches!(c, '-' | '‐' | '‑' | '\'' | '’' | '.')));
    folded
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// Key V of a K1 key: transliteration-neutral rewrites (see the module docs). Non-ASCII letters
/// pass through.
pub fn vkey(k1: &str) -> String {
    let b = k1.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let rest = &b[i..];
        let next = |k: usize| b.get(i + k).copied();
        if rest.starts_with(b"tsch") {
            out.extend_from_slice(b"ch");
            i += 4;
        } else if rest.starts_with(b"tch") || rest.starts_with(b"tsh") {
            out.extend_from_slice(b"ch");
            i += 3;
        } else if rest.starts_with(b"sch") {
            out.extend_from_slice(b"sh");
            i += 3;
        } else if rest.starts_with(b"kh") {
            out.push(b'h');
            i += 2;
        } else if rest.starts_with(b"ph") {
            out.push(b'f');
            i += 2;
        } else if rest.starts_with(b"ou") {
            out.push(b'u');
            i += 2;
        } else if rest.starts_with(b"ck") {
            out.push(b'k');
            i += 2;
        } else if rest.starts_with(b"ks") {
            out.push(b'x');
            i += 2;
        } else if rest.starts_with(b"yy") || rest.starts_with(b"iy") || rest.starts_with(b"ii") {
            out.push(b'i');
            i += 2;
        } else if b[i] == b'q' {
            out.push(b'k');
            i += 1;
        } else if b[i] == b'w' {
            out.push(b'v');
            i += 1;
        } else if b[i] == b'y'
            && i > 0
            && !is_vowel(b[i - 1])
            && next(1).is_none_or(|c| !is_vowel(c))
        {
            out.push(b'i');
            i += 1;
        } else {
            out.push(b[i]);
            i += 1;
        }
        // Collapse doubled letters.
        let n = out.len();
        if n >= 2 && out[n - 1] == out[n - 2] && out[n - 1].is_ascii_alphabetic() {
            out.pop();
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| k1.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn surfaces(text: &str, lang: Lang) -> Vec<Vec<String>> {
        let an = Analysis::new(text, Some(lang));
        mentions(&an)
            .iter()
            .map(|m| m.forms(text).into_iter().map(|f| f.surface).collect())
            .collect()
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
