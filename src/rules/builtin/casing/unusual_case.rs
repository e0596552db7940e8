//! `casing/unusual-case`: (a) ALL-CAPS runs in body text, (b) English-style Title Case on French
//! (and other sentence-case) lines, (c) erratic inner capitals (`FRance`, `pArIs`).

use crate::diagnostic::Severity;
use crate::index::IndexView;
use crate::lang::{Lang, words};
use crate::rules::builtin::text;
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};
use crate::span::Span;
use crate::tokenize::{Analysis, TokenKind, normalize};

use super::is_capitalized;

pub struct UnusualCase;

/// (a): a run needs this many all-caps words of 2 letters or more.
pub const MIN_CAPS_RUN: usize = 4;

/// Mixed-case names that look erratic (`CNews`).
const MIXED_NAMES: &[&str] = &["CNews", "DJing", "DJed", "KOed", "OKed", "IDed"];

/// Languages whose headlines are in sentence case, for (b).
fn sentence_case_headlines(lang: Lang) -> bool {
    matches!(lang, Lang::FR | Lang::ES | Lang::IT | Lang::PT)
}

/// Function words that stay lowercase inside a sentence-case line.
fn lowercase_function_word(lang: Lang, low: &str) -> bool {
    if lang == Lang::PT {
        return matches!(
            low,
            "de" | "da" | "do" | "das" | "dos" | "e" | "em" | "para" | "com" | "por" | "a" | "o"
        );
    }
    // Articles, prepositions and conjunctions; pronouns too, but `Il`/`Elle` are never inside a
    // name, so a capitalised one mid-line is just as unusual.
    words::is_function_word(lang, low)
}

impl Rule for UnusualCase {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "casing/unusual-case".into(),
            severity: Severity::Warning,
            summary: "all-caps runs, title case on a french line, or erratic capitals inside a word".into(),
            explanation: "(a) Sub-kind `all-caps`: 4 or more consecutive all-caps words of 2 letters or \
                more (single letters neither count nor break the run) that include a function word of the \
                language and at least two words of 4 letters or more, so acronym lists (`OTAN, ONU, UE`) \
                are left alone; runs right after an opening quote (slogans) are skipped. (b) Sub-kind \
                `title-case` (French, Spanish, Italian, Portuguese): a line of 4 words or more, with no \
                sentence break inside, where 80% of the content words after the first are capitalised \
                and so is at least one function word (`Kim Revient De Russie Après Une Visite`). (c) \
                Sub-kind `inner-caps`: a word with two capitals then lowercase letters (`FRance`, a \
                shift-key slip) or alternating case (`pArIs`). Names like `McDonald`, `iPhone`, `YouTube`, \
                `DiCaprio`, Roman ordinals (`IIème`) and Dutch `IJ` are left alone."
                .into(),
            flagged: examples(&[
                ("fr", "Kim Revient De Russie Après Une Visite Historique"),
                ("fr", "LE GOUVERNEMENT A ANNONCÉ DE NOUVELLES MESURES CE MATIN."),
                ("fr", "La FRance a gagné le match."),
            ]),
            allowed: examples(&[
                ("fr", "Kim revient de Russie après une visite historique"),
                ("en", "The OECD and NATO issued a joint statement."),
                ("fr", "Les délégués de l’OTAN, de l’ONU, de l’UE et du FMI se sont réunis."),
                ("en", "McDonald’s sells iPhone cases on YouTube, said DiCaprio."),
            ]),
            languages: Vec::new(),
            default_enabled: true,
            origin: file!().into(),
        }
    }

    fn check(&self, cx: &Ctx<'_>, out: &mut Sink<'_>) {
        let an = cx.an;
        let lang = an.lang;
        all_caps_runs(an, out);
        if sentence_case_headlines(lang) && (words::has_lists(lang) || lang == Lang::PT) {
            title_case_lines(an, out);
        }
        inner_caps(an, cx.index, out);
    }

    fn needs_index(&self) -> bool {
        true
    }
}

/// (a) All-caps runs.
fn all_caps_runs(an: &Analysis<'_>, out: &mut Sink<'_>) {
    let text = an.text;
    let lang = an.lang;
    let mut run_start: Option<usize> = None;
    let mut run_end = 0usize;
    let (mut count, mut long, mut function) = (0usize, 0usize, 0usize);
    let mut quoted = false;
    // The last token that is not a space or a number (its text is only read when a run starts).
    let mut prev_significant: Option<&crate::tokenize::Token> = None;
    let mut buf = String::new();
    let bytes = text.as_bytes();
    let flush = |start: Option<usize>,
                 end: usize,
                 count: usize,
                 long: usize,
                 function: usize,
                 quoted: bool,
                 out: &mut Sink<'_>| {
        let Some(s) = start else { return };
        let enough_words = if words::has_lists(lang) {
            function >= 1 && long >= 2
        } else {
            long >= 3
        };
        if count >= MIN_CAPS_RUN && enough_words && !quoted && !inside_quotes(an, s) {
            let span = Span::new(an.tokens[s].start, an.tokens[end].end);
            out.report_kind(
                "all-caps",
                false,
                span,
                format!("{count} words in capitals: write body text in sentence case"),
                None,
            );
        }
    };
    for (ti, t) in an.tokens.iter().enumerate() {
        match t.kind {
            TokenKind::Space | TokenKind::Number => continue,
            // A word starting with an ASCII lowercase letter (most words) is not in capitals: it
            // ends a run like any other word that is not, without looking at its text.
            TokenKind::Word if !bytes[t.start as usize].is_ascii_lowercase() => {
                let w = t.text(text);
                // Short-circuits on the first lowercase letter (the first or second character
                // of almost every word).
                let all_upper = w.chars().all(|c| !c.is_lowercase());
                let letters = if all_upper {
                    w.chars().filter(|c| c.is_alphabetic()).count()
                } else {
                    0
                };
                let all_upper = all_upper && letters >= 1;
                if all_upper && letters == 1 {
                    continue; // `A`, `À`, `L’` alone: neither count nor break
                }
                if all_upper {
                    if run_start.is_none() {
                        run_start = Some(ti);
                        quoted = prev_significant
                            .is_some_and(|p| matches!(p.text(text), "«" | "“" | "\"" | "‘"));
                        (count, long, function) = (0, 0, 0);
                    }
                    run_end = ti;
                    count += 1;
                    long += usize::from(letters >= 4);
                    text::fold(w, &mut buf);
                    let last = buf.rsplit(['’', '\'']).next().unwrap_or(&buf);
                    function += usize::from(
                        words::is_function_word(lang, last) || words::is_function_word(lang, &buf),
                    );
                    prev_significant = Some(t);
                    continue;
                }
            }
            TokenKind::Punct
                if matches!(
                    &bytes[t.start as usize..t.end as usize],
                    b"," | b"'" | b"-" | [0xE2, 0x80, 0x99] // `’`
                ) =>
            {
                prev_significant = Some(t);
                continue;
            }
            _ => {}
        }
        if run_start.is_some() {
            flush(
                run_start.take(),
                run_end,
                count,
                long,
                function,
                quoted,
                out,
            );
        }
        prev_significant = Some(t);
    }
    flush(
        run_start.take(),
        run_end,
        count,
        long,
        function,
        quoted,
        out,
    );
}

/// Whether token `ti` is inside quotation marks opened earlier on its line.
fn inside_quotes(an: &Analysis<'_>, ti: usize) -> bool {
    let (start, _) = super::line_of(&an.tokens, ti);
    let mut depth = 0i32;
    let mut straight = false;
    for t in &an.tokens[start..ti] {
        match t.text(an.text) {
            "«" | "“" | "„" => depth += 1,
            "»" | "”" => depth -= 1,
            "\"" => straight = !straight,
            _ => {}
        }
    }
    depth > 0 || straight
}

/// (b) Title Case lines in sentence-case languages.
fn title_case_lines(an: &Analysis<'_>, out: &mut Sink<'_>) {
    let text = an.text;
    let lang = an.lang;
    let mut buf = String::new();
    for line in &an.lines {
        let s = line.text(text);
        let trimmed = s.trim();
        if trimmed.len() < 12 || !mostly_capitalized(trimmed) {
            continue;
        }
        // One sentence only: no terminal mark followed by more text.
        let body = trimmed.trim_end_matches(['.', '!', '?', '…', ' ', '»', '"']);
        if body.contains(". ") || body.contains("! ") || body.contains("? ") {
            continue;
        }
        let mut first = true;
        let (mut total, mut content, mut content_caps) = (0usize, 0usize, 0usize);
        let mut caps_function: Vec<&str> = Vec::new();
        let mut all_upper = true;
        for w in trimmed
            .split(|c: char| !(c.is_alphanumeric() || c == '’' || c == '\'' || c == '-'))
            .filter(|w| w.chars().any(char::is_alphabetic))
        {
            total += 1;
            let upper_word = !w.chars().any(char::is_lowercase);
            if !upper_word {
                all_upper = false;
            }
            if first {
                first = false;
                continue;
            }
            // Acronyms and all-caps words are (a)'s business, not evidence of Title Case.
            if upper_word {
                continue;
            }
            normalize::fold(w, &mut buf);
            if lowercase_function_word(lang, &buf) {
                if is_capitalized(w) && w.chars().skip(1).all(|c| !c.is_uppercase()) {
                    caps_function.push(w);
                }
            } else if w.chars().next().is_some_and(char::is_alphabetic) {
                content += 1;
                content_caps += usize::from(is_capitalized(w));
            }
        }
        if total >= 4
            && !all_upper
            && content >= 2
            && content_caps * 5 >= content * 4
            && !caps_function.is_empty()
        {
            let start = line.start as usize + (s.len() - s.trim_start().len());
            let span = Span::from_usize(start, start + trimmed.len());
            let shown: Vec<String> = caps_function
                .iter()
                .take(3)
                .map(|w| format!("`{w}`"))
                .collect();
            out.report_kind(
                "title-case",
                false,
                span,
                format!(
                    "title case on a {lang} line: {} and most words are capitalised; use sentence case",
                    shown.join(", ")
                ),
                None,
            );
        }
    }
}

/// A cheap first look at a line: at least half of its space-separated words start with a capital.
/// Words start at the line start and after each space (found with `memchr`), unless another space
/// follows.
fn mostly_capitalized(line: &str) -> bool {
    let b = line.as_bytes();
    let (mut words, mut caps) = (0usize, 0usize);
    let mut word_at = |i: usize| {
        let Some(&c) = b.get(i) else { return };
        if c == b' ' {
            return;
        }
        words += 1;
        let upper = if c < 0x80 {
            c.is_ascii_uppercase()
        } else {
            line.get(i..)
                .and_then(|r| r.chars().next())
                .is_some_and(char::is_uppercase)
        };
        caps += usize::from(upper);
    };
    word_at(0);
    for sp in memchr::memchr_iter(b' ', b) {
        word_at(sp + 1);
    }
    caps * 2 >= words
}

/// (c) Erratic capitals inside a word.
fn inner_caps(an: &Analysis<'_>, index: &IndexView<'_>, out: &mut Sink<'_>) {
    let text = an.text;
    for t in an.tokens.iter().filter(|t| t.kind == TokenKind::Word) {
        let w = t.text(text);
        // Cheap filter: a segment with erratic capitals has an uppercase letter after the first
        // character.
        if !upper_after_first(w) {
            continue;
        }
        let mut offset = 0usize;
        for seg in w.split(['’', '\'', '-']) {
            let seg_start = t.start as usize + offset;
            offset += seg.len() + seg_end_len(w, offset + seg.len());
            if let Some((kind, fix)) = erratic(seg) {
                if MIXED_NAMES.contains(&seg) || consistent_name(index, an.lang, seg) {
                    continue;
                }
                let span = Span::from_usize(seg_start, seg_start + seg.len());
                let msg = format!("erratic capitals in `{seg}`");
                out.report_kind(kind, false, span, msg, fix);
            }
        }
    }
}

/// Whether a char after the first one of `w` is uppercase, as `w.chars().skip(1).any(is_uppercase)`
/// but byte by byte for ASCII and for the Latin-1 letters of French and other Western European
/// words (`é`, `à`, `ç`: lead byte 0xC3, uppercase from 0x80 to 0x9E but 0x97, `×`); any other
/// non-ASCII char goes to the char test.
fn upper_after_first(w: &str) -> bool {
    let b = w.as_bytes();
    let mut i = w.chars().next().map_or(b.len(), char::len_utf8);
    while let Some(&c) = b.get(i) {
        if c < 0x80 {
            if c.is_ascii_uppercase() {
                return true;
            }
            i += 1;
        } else if c == 0xC3 {
            if matches!(b.get(i + 1), Some(&n) if (0x80..=0x9E).contains(&n) && n != 0x97) {
                return true;
            }
            i += 2;
        } else {
            return w
                .get(i..)
                .is_some_and(|rest| rest.chars().any(char::is_uppercase));
        }
    }
    false
}

/// Whether the corpus spells `seg` in mixed case consistently (`MBundestag` in 3 documents or
/// more): a name, not a slip. The index keeps case-folded counts with their capitalised and
/// upper-case shares, so a word that is neither capitalised nor upper case 80% of the time is one
/// written lowercase or mixed; erratic slips of common words (`FRance`) drown in the capitalised
/// occurrences of the word.
fn consistent_name(index: &IndexView<'_>, lang: Lang, seg: &str) -> bool {
    let mut folded = String::with_capacity(seg.len());
    normalize::fold(seg, &mut folded);
    let s = index.word(lang, &folded);
    let other = s.count.saturating_sub(s.capitalized + s.upper);
    s.count >= 5 && s.df >= 3 && other * 5 >= s.count * 4
}

/// The byte length of the separator at `at` in `w` (0 at the end).
fn seg_end_len(w: &str, at: usize) -> usize {
    w[at..].chars().next().map_or(0, char::len_utf8)
}

/// Whether a word segment has erratic capitals; its sub-kind and fix.
fn erratic(seg: &str) -> Option<(&'static str, Option<String>)> {
    if !seg.chars().skip(1).any(char::is_uppercase) {
        return None;
    }
    let chars: Vec<char> = seg.chars().collect();
    if chars.len() < 4 || !chars.iter().all(|c| c.is_alphabetic()) {
        return None;
    }
    // Shift-key slip: exactly two capitals, then 2+ lowercase letters (`FRance`).
    let upper_prefix = chars.iter().take_while(|c| c.is_uppercase()).count();
    if upper_prefix == 2 && chars[2..].iter().all(|c| c.is_lowercase()) && chars.len() >= 5 {
        // Dutch `IJssel`, Roman ordinals (`IIème`).
        if chars[..2] == ['I', 'J'] || chars[..2].iter().all(|c| "IVXLCDM".contains(*c)) {
            return None;
        }
        let fixed: String = std::iter::once(chars[0])
            .chain(chars[1..].iter().flat_map(|c| c.to_lowercase()))
            .collect();
        return Some(("inner-caps", Some(fixed)));
    }
    // Alternating case: `pArIs`, `FrAnCe`. Count single lowercase letters between two capitals.
    let mut transitions = 0;
    for pair in chars.windows(2) {
        if pair[0].is_uppercase() != pair[1].is_uppercase() {
            transitions += 1;
        }
    }
    let mut singles = 0;
    for i in 1..chars.len().saturating_sub(1) {
        if chars[i].is_lowercase() && chars[i - 1].is_uppercase() && chars[i + 1].is_uppercase() {
            singles += 1;
        }
    }
    // Dimensions (`LxTxH`, `BxHxT`).
    if chars.iter().filter(|c| c.is_lowercase()).all(|&c| c == 'x') {
        return None;
    }
    let starts_lower = chars[0].is_lowercase();
    if transitions >= 3 && (singles >= 2 || (starts_lower && singles >= 1)) {
        return Some(("inner-caps", None));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upper_after_first_agrees_with_the_char_test() {
        let words = [
            "",
            "a",
            "A",
            "Paris",
            "FRance",
            "pArIs",
            "été",
            "Été",
            "ÉTÉ",
            "étÉ",
            "x×y",
            "aÀ",
            "aÞ",
            "aß",
            "aÿ",
            "naïve",
            "ŁÓDŹ",
            "łódź",
            "aŁ",
            "Œuvre",
            "cœUr",
            "Ωmega",
            "ωΩ",
            "日本",
            "a日B",
            "l’État",
            "l’état",
            "rock-Star",
            "É",
            "éé",
            "e\u{301}E",
        ];
        for w in words {
            let expect = w.chars().skip(1).any(char::is_uppercase);
            assert_eq!(upper_after_first(w), expect, "{w}");
        }
        // Every char of the first two Unicode blocks after a letter, and as the first char.
        for cp in 0u32..0x250 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let w = format!("a{c}");
            assert_eq!(upper_after_first(&w), c.is_uppercase(), "U+{cp:04X}");
            let w = format!("{c}a");
            assert!(!upper_after_first(&w), "U+{cp:04X} first");
        }
    }
    use crate::rules::testing::{assert_allows, assert_flags, run};

    #[test]
    fn catalog_cases() {
        let r = UnusualCase;
        assert_flags(
            &r,
            Lang::FR,
            "Kim Revient De Russie Après Une Visite Historique",
            &["Kim Revient De Russie Après Une Visite Historique"],
        );
        assert_flags(
            &r,
            Lang::FR,
            "LE GOUVERNEMENT A ANNONCÉ DE NOUVELLES MESURES CE MATIN.",
            &["LE GOUVERNEMENT A ANNONCÉ DE NOUVELLES MESURES CE MATIN"],
        );
        assert_allows(
            &r,
            Lang::FR,
            "Kim revient de Russie après une visite historique",
        );
        assert_allows(&r, Lang::EN, "The OECD and NATO issued a joint statement.");
    }

    #[test]
    fn kinds() {
        let found = run(&UnusualCase, Lang::FR, "La FRance a gagné.");
        assert_eq!(found[0].kind, Some("inner-caps"));
        assert_eq!(found[0].suggestion.as_deref(), Some("France"));
        let found = run(&UnusualCase, Lang::FR, "Il aime pArIs.");
        assert_eq!(found[0].kind, Some("inner-caps"));
        let found = run(
            &UnusualCase,
            Lang::FR,
            "Kim Revient De Russie Après Une Visite",
        );
        assert_eq!(found[0].kind, Some("title-case"));
    }

    #[test]
    fn acronyms_and_names() {
        let r = UnusualCase;
        assert_allows(
            &r,
            Lang::FR,
            "Les délégués de l’OTAN, de l’ONU, de l’UE et du FMI se sont réunis. OTAN ONU UE FMI.",
        );
        assert_allows(
            &r,
            Lang::EN,
            "McDonald’s sells iPhone cases on YouTube, said DiCaprio and MacKenzie of WiFi Inc.",
        );
        assert_allows(
            &r,
            Lang::FR,
            "Au XIXe siècle et au IIème siècle, sur l’IJssel, CNews et les CDs, la PME.",
        );
        // A slogan in quotes, dimensions.
        assert_allows(
            &r,
            Lang::FR,
            "Ils criaient « NON À LA RÉFORME DES RETRAITES » hier.",
        );
        assert_allows(
            &r,
            Lang::FR,
            "Il a écrit : « Merci : MERCI D’AVOIR TENU TÊTE À LA FOULE. » Taille (LxTxH) : 4x3x2.",
        );
    }

    #[test]
    fn names_spelled_the_same_across_the_corpus() {
        let doc = "Le serveur MBundestag fonctionne.";
        let found = crate::rules::testing::run_with_corpus(
            &UnusualCase,
            Lang::FR,
            doc,
            &[
                "Le MBundestag vote.",
                "Au MBundestag, on vote.",
                "Le MBundestag et le MBundestag.",
            ],
        );
        assert!(found.is_empty(), "{found:?}");
        // Not enough documents: flagged.
        assert_flags(&UnusualCase, Lang::FR, doc, &["MBundestag"]);
    }

    #[test]
    fn title_case_needs_a_capitalised_function_word_and_one_sentence() {
        let r = UnusualCase;
        // Names only: no function word capitalised.
        assert_allows(&r, Lang::FR, "Emmanuel Macron et Olaf Scholz à Berlin");
        // Two sentences with capitals after the period.
        assert_allows(
            &r,
            Lang::FR,
            "Kim Jong Un Est Parti. Le Train Est Arrivé En Russie.",
        );
        // English lines are not checked.
        assert_allows(
            &r,
            Lang::EN,
            "Kim Returns From Russia After A Historic Visit",
        );
    }
}
