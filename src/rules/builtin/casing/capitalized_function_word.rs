//! `casing/capitalized-function-word`: a capitalised closed-class word mid-sentence
//! (`Vladimir Poutine, Ils ont tenu`).

use std::sync::LazyLock;

use crate::diagnostic::Severity;
use crate::lang::Lang;
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};
use crate::span::Span;
use crate::tokenize::TokenKind;

use super::{
    is_capitalized, is_title_case_line, line_of, next_on_line, prev_on_line, starts_lower,
};

pub struct CapitalizedFunctionWord;

/// The closed lists of the catalog (lowercase). `I` and `A` are not in the English one.
const FR_WORDS: &[&str] = &[
    "il", "ils", "elle", "elles", "on", "nous", "vous", "je", "le", "la", "les", "un", "une",
    "des", "du", "au", "aux", "et", "ou", "mais", "donc", "car", "ni", "qui", "que", "dont", "où",
    "ce", "cet", "cette", "ces", "son", "sa", "ses", "leur", "leurs", "dans", "pour", "par", "sur",
    "avec", "sans", "selon", "en",
];
const EN_WORDS: &[&str] = &[
    "they", "he", "she", "it", "we", "you", "the", "an", "and", "but", "or", "of", "in", "on",
    "at", "with", "for", "from", "which", "that", "who", "is", "are", "was", "were", "has", "have",
];
/// Subject pronouns: capitalised after a comma, usually a duplicated subject (error).
const FR_SUBJECTS: &[&str] = &["il", "ils", "elle", "elles", "on", "nous", "vous", "je"];
const EN_SUBJECTS: &[&str] = &["they", "he", "she", "it", "we", "you"];

/// Words after which a capitalised article starts a title (`le film Les Misérables`): the weak
/// form does not fire after them.
const TITLE_INTRODUCERS: &[&str] = &[
    "film",
    "films",
    "livre",
    "roman",
    "journal",
    "quotidien",
    "hebdomadaire",
    "magazine",
    "revue",
    "émission",
    "chanson",
    "album",
    "série",
    "pièce",
    "opéra",
    "tableau",
    "ouvrage",
    "essai",
    "jeu",
    "programme",
    "spectacle",
    "titre",
    "intitulé",
    "intitulée",
    "baptisé",
    "baptisée",
    "nommé",
    "nommée",
    "appelé",
    "appelée",
    "mot",
    "slogan",
    "hashtag",
    "mouvement",
    "groupe",
    "book",
    "novel",
    "song",
    "show",
    "series",
    "newspaper",
    "paper",
    "play",
    "titled",
    "entitled",
    "called",
    "named",
    "dubbed",
    "word",
    "movie",
    "documentary",
    "podcast",
    "band",
    "group",
];

/// A closed list packed for the look-up of [`CapitalizedFunctionWord::check`]: each word's bytes in
/// one integer (see [`pack`]), sorted.
struct Packed {
    words: Vec<u64>,
    subjects: &'static [&'static str],
}

impl Packed {
    fn new(words: &[&str], subjects: &'static [&'static str]) -> Self {
        let mut words: Vec<u64> = words.iter().filter_map(|w| pack(w.as_bytes())).collect();
        words.sort_unstable();
        Packed { words, subjects }
    }
}

/// The bytes of a word of one to eight bytes in one integer, first byte lowest. No list word holds
/// a zero byte, so words of different lengths never share a key.
fn pack(w: &[u8]) -> Option<u64> {
    let mut a = [0u8; 8];
    a.get_mut(..w.len())?.copy_from_slice(w);
    Some(u64::from_le_bytes(a))
}

fn lists(lang: Lang) -> Option<&'static Packed> {
    static FR: LazyLock<Packed> = LazyLock::new(|| Packed::new(FR_WORDS, FR_SUBJECTS));
    static EN: LazyLock<Packed> = LazyLock::new(|| Packed::new(EN_WORDS, EN_SUBJECTS));
    if lang == Lang::FR {
        Some(&FR)
    } else if lang == Lang::EN {
        Some(&EN)
    } else {
        None
    }
}

impl Rule for CapitalizedFunctionWord {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "casing/capitalized-function-word".into(),
            severity: Severity::Warning,
            summary: "a capitalised pronoun, article or conjunction in the middle of a sentence".into(),
            explanation: "Machine translation and sentence re-segmentation leave capitals on closed-class \
                words mid-sentence: `Vladimir Poutine, Ils ont tenu un sommet`. The rule looks for a word \
                of a closed list (French: pronouns, articles, conjunctions, frequent prepositions; \
                English: `They He She It We You The An And But Or Of In On At…`, not `I` or `A`) \
                written with a capital and followed by a lowercase word, on the same line. Strong form: \
                right after a comma or a semicolon; a subject pronoun there (`, Ils ont`) is usually a \
                duplicated subject and is reported as an error (sub-kind `pronoun-after-comma`). Weak \
                form: right after a lowercase word (`a dit Il`), but not after a capitalised word (the end \
                of a name: `Kim Jong Un à`) nor after a word that introduces a title (`le film Les \
                Misérables`). Line starts, text after `. ! ? : « ( —`, names (`Le Monde`, `The Hague`: \
                the next word is capitalised) and Title Case lines are left alone."
                .into(),
            flagged: examples(&[
                ("fr", "Le président et son ministre, Ils ont signé l’accord hier."),
                ("en", "The two leaders met in Vladivostok, They discussed military cooperation."),
                ("fr", "Kim et le président russe, Vladimir Poutine, Ils ont tenu un sommet."),
                ("fr", "Le ministre a déclaré Les mesures seront annoncées demain."),
            ]),
            allowed: examples(&[
                ("fr", "Selon Le Monde, le sommet a duré trois heures."),
                ("en", "The delegation flew to The Hague on Monday."),
                ("fr", "Le dirigeant nord-coréen Kim Jong Un à l’une des étapes de son voyage."),
                ("fr", "Il a vu le film Les Misérables et la pièce Le jeu de l’amour."),
                ("en", "He said: The talks will resume."),
            ]),
            languages: vec!["fr".into(), "en".into()],
            default_enabled: true,
            origin: file!().into(),
        }
    }

    fn check(&self, cx: &Ctx<'_>, out: &mut Sink<'_>) {
        let Some(lists) = lists(cx.an.lang) else {
            return;
        };
        let text = cx.text();
        let bytes = text.as_bytes();
        let toks = &cx.an.tokens;
        for (ti, t) in toks.iter().enumerate() {
            // Every list word starts with an ASCII letter, and the only capitals that lowercase to
            // one are `A`–`Z` and the Kelvin sign (no list word starts with `k`): a list word
            // written with a capital starts with a byte `A`–`Z`, which rules out most words before
            // any decoding.
            if t.kind != TokenKind::Word
                || t.end - t.start > 6
                || !bytes
                    .get(t.start as usize)
                    .is_some_and(u8::is_ascii_uppercase)
            {
                continue;
            }
            let Some(wb) = bytes.get(t.start as usize..t.end as usize) else {
                continue;
            };
            // A capital first letter and nothing else capitalised (`Ils`, not `ILS`) in a list word:
            // the list words are lowercase, so the word with its first byte lowercased is one of
            // them.
            let mut lowered = [0u8; 8];
            let Some(head) = lowered.get_mut(..wb.len()) else {
                continue;
            };
            head.copy_from_slice(wb);
            lowered[0] = lowered[0].to_ascii_lowercase();
            if lists
                .words
                .binary_search(&u64::from_le_bytes(lowered))
                .is_err()
            {
                continue;
            }
            let w = t.text(text);
            let Some(next) = next_on_line(toks, ti) else {
                continue;
            };
            if toks[next].kind != TokenKind::Word || !starts_lower(toks[next].text(text)) {
                continue;
            }
            let Some(prev) = prev_on_line(toks, ti) else {
                continue;
            };
            let p = &toks[prev];
            let ptext = p.text(text);
            let strong = match p.kind {
                TokenKind::Punct if ptext == "," || ptext == ";" => true,
                TokenKind::Word => {
                    if is_capitalized(ptext) || !starts_lower(ptext) {
                        continue;
                    }
                    let mut pl = String::with_capacity(ptext.len());
                    pl.extend(ptext.chars().flat_map(char::to_lowercase));
                    if TITLE_INTRODUCERS.contains(&pl.as_str()) {
                        continue;
                    }
                    false
                }
                _ => continue,
            };
            if is_title_case_line(cx.an, line_of(toks, ti)) {
                continue;
            }
            let span = Span::new(t.start, t.end);
            let suggestion = w.to_lowercase();
            if strong && lists.subjects.contains(&suggestion.as_str()) {
                out.report_kind(
                    "pronoun-after-comma",
                    true,
                    span,
                    format!(
                        "capitalised pronoun `{w}` after `{ptext}`: a duplicated subject or a broken sentence"
                    ),
                    Some(suggestion),
                );
            } else {
                let after = if strong {
                    format!("after `{ptext}`")
                } else {
                    "in the middle of a sentence".to_string()
                };
                out.report_fix(span, format!("`{w}` is capitalised {after}"), suggestion);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_allows, assert_flags, run};

    #[test]
    fn catalog_cases() {
        let r = CapitalizedFunctionWord;
        assert_flags(
            &r,
            Lang::FR,
            "Le président et son ministre, Ils ont signé l’accord hier.",
            &["Ils"],
        );
        assert_flags(
            &r,
            Lang::EN,
            "The two leaders met in Vladivostok, They discussed military cooperation.",
            &["They"],
        );
        assert_allows(
            &r,
            Lang::FR,
            "Selon Le Monde, le sommet a duré trois heures.",
        );
        assert_allows(&r, Lang::EN, "The delegation flew to The Hague on Monday.");
    }

    #[test]
    fn pronoun_after_comma_is_an_error() {
        let text = "Kim et le président russe, Vladimir Poutine, Ils ont tenu un sommet.";
        let found = run(&CapitalizedFunctionWord, Lang::FR, text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span.text(text), "Ils");
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(found[0].kind, Some("pronoun-after-comma"));
        assert_eq!(found[0].suggestion.as_deref(), Some("ils"));
        // An article after a comma is a warning.
        let found = run(
            &CapitalizedFunctionWord,
            Lang::FR,
            "Hier, Le ministre a parlé.",
        );
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(found[0].kind, None);
    }

    #[test]
    fn planted_cases() {
        let r = CapitalizedFunctionWord;
        for (text, span) in [
            (
                "Mme Lorente et son homologue allemand, Ils ont visité le site.",
                "Ils",
            ),
            (
                "Son homologue polonaise, Elle a qualifié la visite d’historique.",
                "Elle",
            ),
            (
                "Le Premier ministre Douglas Whitfield, Il a reconnu sa défaite.",
                "Il",
            ),
            ("Grâce à cette victoire, Il prend la tête.", "Il"),
            ("Les scientifiques, Ils espèrent une réponse.", "Ils"),
        ] {
            assert_flags(&r, Lang::FR, text, &[span]);
        }
    }

    #[test]
    fn weak_form() {
        let r = CapitalizedFunctionWord;
        assert_flags(
            &r,
            Lang::FR,
            "Le ministre a déclaré Les mesures seront annoncées demain.",
            &["Les"],
        );
        assert_flags(
            &r,
            Lang::EN,
            "The minister said They would resign.",
            &["They"],
        );
        // End of a name, title introducers, sentence and quote starts.
        assert_allows(
            &r,
            Lang::FR,
            "Le dirigeant nord-coréen Kim Jong Un à l’une des étapes de son voyage.",
        );
        assert_allows(
            &r,
            Lang::FR,
            "Il a vu le film Les Misérables et la pièce Le jeu de l’amour.",
        );
        assert_allows(
            &r,
            Lang::FR,
            "Il a dit : « Nous partons. » Puis (Le ministre est parti) — Les autres aussi.",
        );
        assert_allows(&r, Lang::EN, "He said: The talks will resume.");
    }

    #[test]
    fn names_lists_lines_and_title_case() {
        let r = CapitalizedFunctionWord;
        assert_allows(
            &r,
            Lang::FR,
            "Il a visité Paris, Le Havre, La Paz et Des Moines.\nLe ministre est parti.\nIls ont voté.",
        );
        assert_allows(
            &r,
            Lang::EN,
            "Kim Returns From Russia, The Visit Of A Lifetime And The Talks in Detail",
        );
        assert_allows(&r, Lang::EN, "I think a man, I believe, is here.");
        assert_allows(&r, Lang::FR, "Le ministre a parlé,\nIls ont voté.");
    }
}
