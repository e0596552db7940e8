//! `typography/apostrophe-style`: straight `'` and curly `’` apostrophes mixed in one document, a
//! wrong glyph used as an apostrophe (`l‘armée`, `don´t`), and in French, spaces around an
//! apostrophe (`l ’Intérieur`) and a missing élision (`de Ukraine`, `le avion`).

use crate::diagnostic::Severity;
use std::sync::LazyLock;

use crate::lang::Lang;
use crate::lang::words::WordSet;
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};
use crate::span::Span;
use crate::tokenize::{Token, TokenKind};

use super::{char_at, char_before, chunk_around, first_char, is_url_like};

pub struct ApostropheStyle;

/// French words that elide before a vowel or a mute `h`.
const ELIDING: &[&str] = &["le", "la", "de", "je", "me", "te", "se", "ne", "que"];

/// French words written with an elided final vowel (`l’`, `qu’`, `jusqu’`).
const ELIDED: &[&str] = &[
    "c", "d", "j", "l", "m", "n", "s", "t", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
];

/// Vowel-initial words that take no élision (numerals, `oui`, `la une`, a few loanwords).
const NO_ELISION: &[&str] = &[
    "un",
    "une",
    "onze",
    "onzième",
    "onzièmes",
    "oui",
    "ouistiti",
    "ouistitis",
    "ouate",
    "ouf",
    "uhlan",
    "uhlans",
    "énième",
    "ululement",
    "er",
    "ère",
    "ers",
    "ème",
    "es",
    "eme",
    "ou",
    "où",
    "et",
    "à",
    "aux",
];

/// Particles before `de` in Dutch, German, Spanish and Portuguese names (`van de Arbeid`).
const NAME_PARTICLES: &[&str] = &["van", "von", "da", "do", "dos", "das", "del", "di", "y"];

/// Common words with a mute `h` (they elide: `l’homme`, `d’habitants`). Words with an aspirated
/// `h` (`le héros`, `de Hambourg`, `la Hongrie`) are simply not listed.
const H_MUET: &[&str] = &[
    "habile",
    "habileté",
    "habillement",
    "habitant",
    "habitants",
    "habitante",
    "habitantes",
    "habitat",
    "habitation",
    "habitations",
    "habitude",
    "habitudes",
    "haleine",
    "harmonie",
    "hebdomadaire",
    "hectare",
    "hectares",
    "hélicoptère",
    "hélicoptères",
    "hémicycle",
    "hémisphère",
    "herbe",
    "herbes",
    "héritage",
    "héritier",
    "héritière",
    "héroïne",
    "heure",
    "heures",
    "heureux",
    "hier",
    "hippodrome",
    "histoire",
    "histoires",
    "historien",
    "historienne",
    "hiver",
    "hivers",
    "hommage",
    "hommages",
    "homme",
    "hommes",
    "homologue",
    "homologues",
    "honneur",
    "honneurs",
    "hôpital",
    "hôpitaux",
    "horaire",
    "horaires",
    "horizon",
    "horizons",
    "horreur",
    "hospitalisation",
    "hôte",
    "hôtel",
    "hôtels",
    "hôtesse",
    "huile",
    "huiles",
    "humain",
    "humaine",
    "humains",
    "humanité",
    "humanitaire",
    "humeur",
    "humour",
    "hydrogène",
    "hygiène",
    "hypothèse",
    "hypothèses",
    "Haïti",
    "Hérault",
];

/// Whether `word` is in the mute-h list, also when capitalised at a sentence start (`Histoire`).
fn is_h_muet(word: &str) -> bool {
    if H_MUET.contains(&word) {
        return true;
    }
    match word.strip_prefix('H') {
        Some(rest) if !rest.is_empty() => {
            let mut lower = String::with_capacity(word.len());
            lower.push('h');
            lower.push_str(rest);
            H_MUET.contains(&lower.as_str())
        }
        _ => false,
    }
}

fn starts_with_vowel(word: &str) -> bool {
    word.chars().next().is_some_and(|c| {
        matches!(
            c.to_lowercase().next().unwrap_or(c),
            'a' | 'e'
                | 'i'
                | 'o'
                | 'u'
                | 'à'
                | 'â'
                | 'é'
                | 'è'
                | 'ê'
                | 'ë'
                | 'î'
                | 'ï'
                | 'ô'
                | 'û'
                | 'ù'
                | 'ü'
                | 'œ'
                | 'æ'
        )
    })
}

fn is_upper_initial(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// `word` in `list`, ignoring the case of its first letter (and of the whole word when short).
fn in_list_ci(word: &str, list: &List) -> bool {
    if word.len() > 8 || !word.is_ascii() {
        return list.contains(word);
    }
    list.contains_ascii_lowercase(word)
}

/// A word list as a set (see [`WordSet`]).
type List = LazyLock<WordSet>;

static ELIDING_SET: List = LazyLock::new(|| WordSet::new(ELIDING.iter().copied()));
static ELIDED_SET: List = LazyLock::new(|| WordSet::new(ELIDED.iter().copied()));
static NO_ELISION_SET: List = LazyLock::new(|| WordSet::new(NO_ELISION.iter().copied()));

/// The search for `´`.
static ACUTE: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("´"));

/// Whether `c` at `pos` is an apostrophe between two letters.
fn between_letters(text: &str, pos: usize, len: usize) -> bool {
    char_before(text, pos).is_some_and(char::is_alphabetic)
        && char_at(text, pos + len).is_some_and(char::is_alphabetic)
}

impl Rule for ApostropheStyle {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "typography/apostrophe-style".into(),
            severity: Severity::Warning,
            summary: "mixed or wrong apostrophes, spaced apostrophes, missing french élision".into(),
            explanation: "One document should use one apostrophe: when both the straight `'` and the \
                typographic `’` occur between letters, the minority is flagged (`mixed`; a tie flags \
                the straight ones). A grave or acute accent, an opening quote or a prime used as an \
                apostrophe (`l‘armée`, `don´t`) is `wrong-glyph`. In French, a space around the \
                apostrophe of an elided word (`l ’Intérieur`, `l’ Amour`) is `spaced`, and a word that \
                should elide before a vowel or a mute h but does not (`de Ukraine`, `le avion`, \
                `que il`) is `missing-elision`, an error (a warning before a name of several capitalised \
                words, where usage varies: `le Everyday Backpack`). Aspirated-h words are never flagged (only \
                a list of mute-h words is checked); numerals and `oui` (`le onze`, `la une`, `le \
                oui`), single letters (`de A à Z`), `y`-initial words (`le Yémen`) and name particles \
                (`Ana de Armas`) are left alone."
                .into(),
            flagged: examples(&[
                ("fr", "L’armée a reculé, puis l'état-major a démenti."),
                ("fr", "Il est arrivé de Ukraine hier soir."),
                ("fr", "Le ministre de l ’Intérieur a parlé."),
                ("en", "The company‘s chief said so."),
            ]),
            allowed: examples(&[
                ("fr", "L’armée a reculé, puis l’état-major a démenti."),
                ("fr", "Il est rentré de Hambourg hier soir."),
                ("fr", "Le onze de départ fait la une, de A à Z, avec Ana de Armas."),
                ("en", "It's the company's view that they'd stay."),
            ]),
            languages: Vec::new(),
            default_enabled: true,
            origin: file!().into(),
        }
    }

    fn check(&self, cx: &Ctx<'_>, out: &mut Sink<'_>) {
        let text = cx.text();
        let tokens = &cx.an.tokens;
        let french = cx.an.lang == Lang::FR;
        // Word tokens holding a straight or a curly apostrophe between letters.
        let mut straight: Vec<u32> = Vec::new();
        let mut curly: Vec<u32> = Vec::new();
        // Apostrophe-like glyphs are rare next to the words of a text: they are found by a byte
        // search, and the token holding each one by a binary search over the tokens after the last.
        let mut visit = |from: &mut usize, pos: usize, glyph: Glyph, out: &mut Sink<'_>| {
            *from += tokens[*from..].partition_point(|t| (t.end as usize) <= pos);
            let i = *from;
            let Some(tok) = tokens.get(i) else { return };
            let at_start = tok.start as usize == pos;
            match glyph {
                Glyph::Straight | Glyph::Curly if tok.kind == TokenKind::Word => {
                    let list = if glyph == Glyph::Straight {
                        &mut straight
                    } else {
                        &mut curly
                    };
                    if list.last() != Some(&(i as u32)) && between_letters(text, pos, glyph.len()) {
                        list.push(i as u32);
                    }
                }
                // `l ’Intérieur`, `l’ Amour`: the elided word is just before, or before a space.
                Glyph::Straight | Glyph::Curly => {
                    if french && at_start && tok.kind == TokenKind::Punct {
                        for back in [1, 2] {
                            let Some(w) = i.checked_sub(back) else {
                                continue;
                            };
                            let between_is_space = back == 1
                                || tokens
                                    .get(w + 1)
                                    .is_some_and(|t| t.kind == TokenKind::Space);
                            if between_is_space
                                && tokens.get(w).is_some_and(|t| elision_candidate(text, t))
                            {
                                check_spaced(text, tokens, w, out);
                            }
                        }
                    }
                }
                Glyph::Other => {
                    if at_start && matches!(tok.kind, TokenKind::Punct | TokenKind::Symbol) {
                        check_wrong_glyph(text, tokens, i, out);
                    }
                }
            }
        };
        let bytes = text.as_bytes();
        let mut from = 0;
        for pos in memchr::memchr3_iter(b'\'', b'`', 0xE2, bytes) {
            let glyph = match bytes.get(pos..) {
                Some([b'\'', ..]) => Glyph::Straight,
                Some([0xE2, 0x80, 0x99, ..]) => Glyph::Curly,
                // `` ` ``, `‘` and `′`
                Some([b'`', ..] | [0xE2, 0x80, 0x98 | 0xB2, ..]) => Glyph::Other,
                _ => continue,
            };
            visit(&mut from, pos, glyph, out);
        }
        // `´` (C2 B4) comes after the others: the token cursor starts again.
        let mut from = 0;
        for pos in ACUTE.find_iter(bytes) {
            visit(&mut from, pos, Glyph::Other, out);
        }
        if french {
            for (i, tok) in tokens.iter().enumerate() {
                if tok.kind == TokenKind::Word && tok.span().len() <= 3 {
                    check_elision(text, tokens, i, out);
                }
            }
        }
        if !straight.is_empty() && !curly.is_empty() {
            let (minority, bad, good, n_good) = if curly.len() < straight.len() {
                (&curly, "’", "'", straight.len())
            } else {
                (&straight, "'", "’", curly.len())
            };
            for &i in minority {
                let tok = &tokens[i as usize];
                let w = tok.text(text);
                if is_url_like(chunk_around(text, tok.start as usize, tok.end as usize)) {
                    continue;
                }
                out.report_kind(
                    "mixed",
                    false,
                    tok.span(),
                    format!(
                        "apostrophe `{bad}` in `{w}` while this document uses `{good}` ({} to {n_good})",
                        minority.len()
                    ),
                    Some(w.replace(bad, good)),
                );
            }
        }
    }
}

/// What a byte search found: an apostrophe, or another glyph sometimes used as one.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Glyph {
    Straight,
    Curly,
    /// `‘`, `´`, `` ` ``, `′`
    Other,
}

impl Glyph {
    /// Length in bytes of an apostrophe.
    fn len(self) -> usize {
        if self == Glyph::Straight { 1 } else { 3 }
    }
}

/// A short word of an elision letter: where the French checks of spaced apostrophes start.
fn elision_candidate(text: &str, tok: &Token) -> bool {
    let bytes = tok.text(text).as_bytes();
    tok.kind == TokenKind::Word
        && bytes.len() <= 7
        && matches!(
            bytes.first().map_or(0, u8::to_ascii_lowercase),
            b'l' | b'd' | b'j' | b'm' | b't' | b's' | b'n' | b'q' | b'c'
        )
}

/// `l‘armée`, `don´t`, `l`avion`, `l′armée`: another glyph between two letters.
fn check_wrong_glyph(text: &str, tokens: &[Token], i: usize, out: &mut Sink<'_>) {
    let tok = &tokens[i];
    let c = first_char(text, tok);
    if !matches!(c, '‘' | '´' | '`' | '′') {
        return;
    }
    let (Some(prev), Some(next)) = (
        i.checked_sub(1).and_then(|j| tokens.get(j)),
        tokens.get(i + 1),
    ) else {
        return;
    };
    if prev.kind != TokenKind::Word
        || next.kind != TokenKind::Word
        || !between_letters(text, tok.start as usize, tok.span().len())
    {
        return;
    }
    let span = Span::new(prev.start, next.end);
    let fixed = format!("{}’{}", prev.text(text), next.text(text));
    out.report_kind(
        "wrong-glyph",
        false,
        span,
        format!("`{c}` used as an apostrophe"),
        Some(fixed),
    );
}

/// `le avion`, `de Ukraine`, `que il`: a French word that should elide.
fn check_elision(text: &str, tokens: &[Token], i: usize, out: &mut Sink<'_>) {
    let tok = &tokens[i];
    if tok.span().len() > 3 {
        return;
    }
    let (Some(space), Some(next)) = (tokens.get(i + 1), tokens.get(i + 2)) else {
        return;
    };
    let bytes = text.as_bytes();
    if space.kind != TokenKind::Space
        || next.kind != TokenKind::Word
        || !matches!(
            bytes.get(space.start as usize..space.end as usize),
            Some(b" " | b"\xC2\xA0")
        )
    {
        return;
    }
    // The next word starts with a vowel or an `h` (accented vowels start with a non-ASCII byte).
    if !bytes.get(next.start as usize).is_some_and(|&b| {
        !b.is_ascii()
            || matches!(
                b.to_ascii_lowercase(),
                b'a' | b'e' | b'i' | b'o' | b'u' | b'h'
            )
    }) {
        return;
    }
    let w = tok.text(text);
    // `ME Issue`, `LE ONZE`: capitals are acronyms or titles.
    if !in_list_ci(w, &ELIDING_SET) || w.bytes().all(|b| b.is_ascii_uppercase()) {
        return;
    }
    let n = next.text(text);
    let first = n.chars().next().unwrap_or(' ');
    if n.chars().count() < 2 || matches!(first, 'y' | 'Y') {
        return;
    }
    let head = n.split(['-', '\'', '’']).next().unwrap_or(n);
    if !(starts_with_vowel(n) || matches!(first, 'h' | 'H') && is_h_muet(head))
        || in_list_ci(head, &NO_ELISION_SET)
    {
        return;
    }
    // Acronyms read letter by letter or as a word vary; all-caps words are left alone.
    if n.chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
    {
        return;
    }
    // Name particles: `Ana de Armas`, `Manoel de Oliveira`.
    if w == "de"
        && is_upper_initial(n)
        && let Some(p) = i.checked_sub(2).and_then(|j| tokens.get(j))
        && p.kind == TokenKind::Word
        && is_upper_initial(p.text(text))
    {
        return;
    }
    if w == "de"
        && i >= 2
        && tokens[i - 2].kind == TokenKind::Word
        && NAME_PARTICLES.contains(&tokens[i - 2].text(text))
    {
        return;
    }
    // Foreign words around (`tegen de uitbreiding van de UE`): five words on each side.
    let lo = tokens[i.saturating_sub(10)].start as usize;
    let hi = tokens[(i + 12).min(tokens.len() - 1)].end as usize;
    if super::is_foreign(text.get(lo..hi).unwrap_or(""), Lang::FR) {
        return;
    }
    // Part of a hyphenated or quoted expression (`-le`, `« le »`): the previous token is not a space
    // or a line start.
    if let Some(p) = i.checked_sub(1).and_then(|j| tokens.get(j))
        && !matches!(p.kind, TokenKind::Space | TokenKind::Newline)
        && !matches!(first_char(text, p), '(' | '«' | '“' | '"' | '•' | '–' | '—')
    {
        return;
    }
    let stem = &w[..w.len() - 1];
    let span = Span::new(tok.start, next.end);
    // Before a name of several capitalised words (`le Everyday Backpack`, `de Eric Magoni`) usage
    // varies: a warning, not an error. Single names (`de Ukraine`) elide.
    let multiword_name = is_upper_initial(n)
        && tokens
            .get(i + 3)
            .is_some_and(|t| t.kind == TokenKind::Space)
        && tokens
            .get(i + 4)
            .is_some_and(|t| t.kind == TokenKind::Word && is_upper_initial(t.text(text)));
    out.report_kind(
        "missing-elision",
        !multiword_name,
        span,
        format!("`{w} {n}` should elide: `{stem}’{n}`"),
        Some(format!("{stem}’{n}")),
    );
}

/// `l ’Intérieur`, `l’ Amour`: spaces around the apostrophe of an elided word.
fn check_spaced(text: &str, tokens: &[Token], i: usize, out: &mut Sink<'_>) {
    let tok = &tokens[i];
    if tok.span().len() > 7 {
        return;
    }
    // The word must be followed by an apostrophe, or by a space and an apostrophe.
    let apo_at = |j: usize| {
        tokens.get(j).is_some_and(|t| {
            t.kind == TokenKind::Punct && matches!(first_char(text, t), '\'' | '’')
        })
    };
    if !(apo_at(i + 1)
        || tokens
            .get(i + 1)
            .is_some_and(|t| t.kind == TokenKind::Space)
            && apo_at(i + 2))
    {
        return;
    }
    let w = tok.text(text);
    if !in_list_ci(w, &ELIDED_SET) {
        return;
    }
    // Previous token must not glue this word to another (`aujourd'hui` is one word anyway).
    if let Some(p) = i.checked_sub(1).and_then(|j| tokens.get(j))
        && matches!(p.kind, TokenKind::Word | TokenKind::Number)
    {
        return;
    }
    let is_apo = |t: Option<&Token>| {
        t.is_some_and(|t| t.kind == TokenKind::Punct && matches!(first_char(text, t), '\'' | '’'))
    };
    let is_space = |t: Option<&Token>| {
        t.is_some_and(|t| t.kind == TokenKind::Space && t.text(text).chars().count() == 1)
    };
    let starts_letter = |t: Option<&Token>| {
        t.is_some_and(|t| t.kind == TokenKind::Word && first_char(text, t).is_alphabetic())
    };
    let t1 = tokens.get(i + 1);
    let t2 = tokens.get(i + 2);
    let t3 = tokens.get(i + 3);
    let t4 = tokens.get(i + 4);
    // `l ’Intérieur` or `l ’ Intérieur`
    let end = if is_space(t1) && is_apo(t2) {
        if starts_letter(t3) {
            t2.map(|t| t.end)
        } else if is_space(t3) && starts_letter(t4) {
            t3.map(|t| t.end)
        } else {
            None
        }
    } else if is_apo(t1) && is_space(t2) && starts_letter(t3) {
        // `l’ Amour`
        t2.map(|t| t.end)
    } else {
        None
    };
    let Some(end) = end else { return };
    let apo = if is_apo(t1) { t1 } else { t2 };
    let glyph = apo.map_or("’", |t| t.text(text));
    let span = Span::new(tok.start, end);
    out.report_kind(
        "spaced",
        false,
        span,
        format!("space around the apostrophe in `{}`", span.text(text)),
        Some(format!("{w}{glyph}")),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_allows, assert_flags, run};

    #[test]
    fn catalog_cases() {
        let r = ApostropheStyle;
        assert_flags(
            &r,
            Lang::FR,
            "L’armée a reculé, puis l'état-major a démenti.",
            &["l'état-major"],
        );
        assert_flags(
            &r,
            Lang::FR,
            "Il est arrivé de Ukraine hier soir.",
            &["de Ukraine"],
        );
        assert_allows(
            &r,
            Lang::FR,
            "L’armée a reculé, puis l’état-major a démenti.",
        );
        assert_allows(&r, Lang::FR, "Il est rentré de Hambourg hier soir.");
    }

    #[test]
    fn mixed_flags_the_minority_with_a_fix() {
        let r = ApostropheStyle;
        let text = "It's the company's view; they’d stay.";
        let found = run(&r, Lang::EN, text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span.text(text), "they’d");
        assert_eq!(found[0].suggestion.as_deref(), Some("they'd"));
        // Closing single quotes after a word are not apostrophes.
        assert_allows(
            &r,
            Lang::EN,
            "It's the ‘best’ plan, the students’ union said.",
        );
    }

    #[test]
    fn a_word_with_several_apostrophes_counts_once() {
        let r = ApostropheStyle;
        // Straight: `It's`, `rock'n'roll’s`; curly: `rock'n'roll’s`, `they’d`. A tie flags the
        // straight ones, and each word once.
        let text = "It's rock'n'roll’s day; they’d go.";
        let found = run(&r, Lang::EN, text);
        let spans: Vec<&str> = found.iter().map(|d| d.span.text(text)).collect();
        assert_eq!(spans, ["It's", "rock'n'roll’s"]);
        assert!(
            found[0].message.ends_with("(2 to 2)"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn wrong_glyphs() {
        let r = ApostropheStyle;
        assert_flags(
            &r,
            Lang::EN,
            "The company‘s chief and don´t.",
            &["company‘s", "don´t"],
        );
        assert_flags(&r, Lang::FR, "Il a vu l`avion.", &["l`avion"]);
        // `´` is searched for after the other glyphs: earlier in the text is found all the same.
        assert_flags(
            &r,
            Lang::EN,
            "don´t stop, the company‘s chief said´s",
            &["don´t", "company‘s", "said´s"],
        );
        assert_allows(&r, Lang::EN, "He said ‘yes’ at 5′ past.");
    }

    #[test]
    fn spaced_apostrophes() {
        let r = ApostropheStyle;
        assert_flags(
            &r,
            Lang::FR,
            "Le ministre de l ’Intérieur et l’ Amour, qu ’ il dit.",
            &["l ’", "l’ ", "qu ’ "],
        );
        assert_allows(&r, Lang::EN, "the l ’word");
        // An apostrophe at the very start has no word before it.
        assert_allows(&r, Lang::FR, "’ l’armée");
        assert_flags(&r, Lang::FR, "l ’Intérieur", &["l ’"]);
    }

    #[test]
    fn elision() {
        let r = ApostropheStyle;
        let text = "Le avion de hier, que il a vu, Le homme.";
        assert_flags(
            &r,
            Lang::FR,
            text,
            &["Le avion", "de hier", "que il", "Le homme"],
        );
        let found = run(&r, Lang::FR, "Que il parte.");
        assert_eq!(found[0].suggestion.as_deref(), Some("Qu’il"));
        assert_eq!(found[0].severity, Severity::Error);
        let found = run(&r, Lang::FR, "Il est arrivé de Ukraine.");
        assert_eq!(found[0].severity, Severity::Error);
        let found = run(&r, Lang::FR, "Il a pris le Everyday Backpack.");
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(found[0].kind, Some("missing-elision"));
        assert_allows(
            &r,
            Lang::FR,
            "Le onze de départ fait la une, de A à Z, le oui, le héros de La Haye, le Yémen, le ONU, \
             le ou les objets, la ME Issue.",
        );
        assert_allows(
            &r,
            Lang::FR,
            "Manoel de Oliveira et Ana de Armas, de Hollande.",
        );
        assert_allows(
            &r,
            Lang::FR,
            "Les travaillistes (Partij van de Arbeid) et le 1 le er janvier.",
        );
        assert_allows(
            &r,
            Lang::FR,
            "Ils ont voté non (Omdat ik tegen de uitbreiding van de UE ben tot 25 of meer landen).",
        );
        assert_allows(&r, Lang::EN, "de Oliveira, le avion");
    }
}
