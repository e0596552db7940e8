//! Helpers shared by the `fragment/` rules: a small finite-verb test for French and English, elision
//! stripping, content-word keys and the non-blank lines of a document.
//!
//! The finite-verb test is deliberately approximate. It is a hand-curated list
//! (`data/{fr,en}_finite_verbs.txt`: auxiliaries, modals, frequent irregular verbs, common news
//! verbs) plus suffix rules for the tenses of regular verbs. It errs towards seeing a verb (nouns
//! such as `annonce` or `fait` count as verbs), which makes the rules that look for verbless text
//! more conservative, never noisier.

use std::sync::LazyLock;

use hashbrown::HashSet;

use crate::lang::Lang;
use crate::span::Span;
use crate::tokenize::{Analysis, Token, TokenKind};

const FR_VERBS: &str = include_str!("data/fr_finite_verbs.txt");
const EN_VERBS: &str = include_str!("data/en_finite_verbs.txt");

fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

static FR_SET: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let mut set = HashSet::new();
    for e in entries(FR_VERBS) {
        set.insert(e.to_string());
        // Third-person plural of a first-group verb: annonce → annoncent (but préside does not
        // give the noun président).
        if e.ends_with('e') && e.chars().count() >= 4 && e != "préside" {
            set.insert(format!("{e}nt"));
        }
    }
    set
});

static EN_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| entries(EN_VERBS).collect());

/// French nouns and adjectives that the `-ait` suffix rule would take for verbs.
const FR_AIT_NOUNS: &[&str] = &[
    "portrait",
    "trait",
    "extrait",
    "retrait",
    "attrait",
    "abstrait",
    "distrait",
    "lait",
    "souhait",
    "parfait",
    "bienfait",
    "forfait",
    "méfait",
    "imparfait",
    "satisfait",
    "stupéfait",
];

/// Endings of French nouns and adjectives in `-ent` (président, agent, client, talent...).
const FR_ENT_NOUN_ENDINGS: &[&str] = &[
    "ment", "dent", "gent", "cent", "lent", "ient", "nent", "vent", "quent", "rent", "atent",
    "étent", "ntent", "ésent", "bsent",
];

/// French elided prefixes (`l’`, `qu’`...), stripped before a look-up.
const FR_ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
];

/// The word without a French elided prefix (`l’hégémonie` → `hégémonie`).
pub fn strip_elision(word: &str) -> &str {
    if let Some(i) = word.find(['’', '\'']) {
        let (head, tail) = word.split_at(i);
        if FR_ELISIONS.iter().any(|e| e.eq_ignore_ascii_case(head)) {
            let apostrophe = tail.chars().next().map_or(0, char::len_utf8);
            return &tail[apostrophe..];
        }
    }
    word
}

/// Whether a word token looks like a finite verb form of `lang` (French or English; always false
/// for other languages).
pub fn is_finite_verb(lang: Lang, word: &str) -> bool {
    let is_lower = word.chars().next().is_some_and(char::is_lowercase);
    let mut buf = String::new();
    if lang == Lang::FR {
        let w = strip_elision(word);
        // `a-t-il`, `est-ce`: the verb is the first part.
        let w = w.split('-').next().unwrap_or(w);
        crate::tokenize::normalize::fold(w, &mut buf);
        if FR_SET.contains(buf.as_str()) {
            return true;
        }
        if !is_lower || buf.chars().count() < 5 {
            return false;
        }
        fr_suffix_verb(&buf)
    } else if lang == Lang::EN {
        crate::tokenize::normalize::fold(word, &mut buf);
        let w = buf.replace('’', "'");
        // `it's`, `he's`, `there's` hold `is` or `has`; `Romania's` is a possessive.
        if let Some(head) = w.strip_suffix("'s") {
            return matches!(
                head,
                "it" | "he" | "she" | "that" | "there" | "here" | "what" | "who" | "where" | "let"
            );
        }
        if w.ends_with("n't")
            || w.ends_with("'re")
            || w.ends_with("'ve")
            || w.ends_with("'ll")
            || w.ends_with("'d")
            || w == "i'm"
        {
            return true;
        }
        let w = w.as_str();
        if EN_SET.contains(w) {
            return true;
        }
        is_lower && w.len() >= 5 && w.ends_with("ed")
    } else {
        false
    }
}

/// Suffix rules for French regular finite forms (lowercase `w` of five letters or more).
fn fr_suffix_verb(w: &str) -> bool {
    if w.ends_with("aient")
        || w.ends_with("erait")
        || w.ends_with("irait")
        || w.ends_with("eront")
        || w.ends_with("iront")
        || w.ends_with("èrent")
        || w.ends_with("irent")
        || w.ends_with("urent")
        || w.ends_with("era")
        || w.ends_with("ira")
    {
        return true;
    }
    if w.ends_with("ait") {
        return !FR_AIT_NOUNS.contains(&w);
    }
    if w.ends_with("ent") && w.chars().count() >= 6 {
        return !FR_ENT_NOUN_ENDINGS.iter().any(|e| w.ends_with(e));
    }
    false
}

/// Whether any word token of `tokens` is a finite verb of `lang`.
pub fn has_finite_verb(lang: Lang, text: &str, tokens: &[Token]) -> bool {
    tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .any(|t| is_finite_verb(lang, t.text(text)))
}

/// Number of word tokens in `tokens`.
pub fn word_count(tokens: &[Token]) -> usize {
    tokens.iter().filter(|t| t.kind == TokenKind::Word).count()
}

/// The non-blank lines of the document, each trimmed of surrounding whitespace.
pub fn content_lines(an: &Analysis<'_>) -> Vec<Span> {
    an.lines
        .iter()
        .filter_map(|l| trim_span(an.text, *l))
        .collect()
}

/// `span` trimmed of surrounding whitespace, or `None` when it is blank.
pub fn trim_span(text: &str, span: Span) -> Option<Span> {
    let s = span.text(text);
    let t = s.trim_start();
    let start = span.start + (s.len() - t.len()) as u32;
    let t = t.trim_end();
    if t.is_empty() {
        None
    } else {
        Some(Span::new(start, start + t.len() as u32))
    }
}

/// Bullet characters that open a list item.
pub fn is_bullet_char(c: char) -> bool {
    matches!(
        c,
        '•' | '·'
            | '▪'
            | '‣'
            | '◦'
            | '►'
            | '▶'
            | '■'
            | '□'
            | '●'
            | '○'
            | '–'
            | '—'
            | '*'
            | '-'
    )
}

/// The length in bytes of a leading bullet and the whitespace after it (`• `), or 0. A bullet must be
/// followed by whitespace and then a non-space character.
pub fn bullet_len(line: &str) -> usize {
    let mut chars = line.char_indices();
    let Some((_, c)) = chars.next() else {
        return 0;
    };
    if !is_bullet_char(c) {
        return 0;
    }
    let rest = &line[c.len_utf8()..];
    let body = rest.trim_start();
    if body.len() == rest.len() || body.is_empty() {
        return 0;
    }
    line.len() - body.len()
}

/// Whether a line ends with terminal punctuation (closing quotes and brackets skipped).
pub fn ends_with_terminal(line: &str) -> bool {
    let t = line.trim_end_matches(['»', '”', '"', '’', ')', ']', ' ', '\u{a0}', '\u{202f}']);
    t.ends_with(['.', '!', '?', '…', ':', ';']) || line.trim_end().ends_with(['»', '”', ')'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finite_verbs() {
        for w in [
            "est",
            "a",
            "n’est",
            "s’est",
            "annoncent",
            "luttent",
            "utilisent",
            "serait",
            "annonçait",
            "déclarèrent",
            "Est-ce",
            "pourra",
            "a-t-il",
        ] {
            assert!(is_finite_verb(Lang::FR, w), "{w}");
        }
        for w in [
            "dirigeant",
            "président",
            "étapes",
            "voyage",
            "Kim",
            "gouvernement",
            "agent",
            "client",
            "retrait",
            "nord-coréen",
            "l’une",
            "selon",
            "lundi",
            "parent",
            "content",
            "présent",
        ] {
            assert!(!is_finite_verb(Lang::FR, w), "{w}");
        }
        for w in ["is", "said", "rejected", "doesn't", "it's", "Says"] {
            assert!(is_finite_verb(Lang::EN, w), "{w}");
        }
        for w in [
            "minister",
            "ceremony",
            "signing",
            "Bucharest",
            "red",
            "Romania’s",
        ] {
            assert!(!is_finite_verb(Lang::EN, w), "{w}");
        }
    }

    #[test]
    fn bullets_and_elisions() {
        assert_eq!(bullet_len("• Asia Kim"), "• ".len());
        assert_eq!(bullet_len("-10 %"), 0);
        assert_eq!(bullet_len("Texte"), 0);
        assert_eq!(strip_elision("l’hégémonie"), "hégémonie");
        assert_eq!(strip_elision("aujourd’hui"), "aujourd’hui");
        assert!(ends_with_terminal("Il a dit « oui »"));
        assert!(ends_with_terminal("Fin."));
        assert!(!ends_with_terminal(
            "Des chercheurs utilisent un ordinateur"
        ));
    }
}
