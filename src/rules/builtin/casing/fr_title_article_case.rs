//! `casing/fr-title-article-case`: the article before a newspaper or work title, wrongly cased or
//! not contracted (`comme Le New York Times` → `le New York Times`, `de Le Monde` → `du Monde`).

use crate::diagnostic::Severity;
use crate::lang::Lang;
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};
use crate::span::Span;
use crate::tokenize::{Token, TokenKind};

use super::{next_on_line, prev_on_line};

pub struct FrTitleArticleCase;

/// First words of titles and places whose article `Le` is part of the name and contracts with
/// `de`/`à` (`du Monde`, `au Havre`). Person names (`de Le Pen`, `à Le Maire`) do not contract,
/// so `de Le` is flagged only before these.
const LE_HEADS: &[&str] = &[
    "Monde",
    "Figaro",
    "Parisien",
    "Point",
    "Devoir",
    "Temps",
    "Soir",
    "Progrès",
    "Télégramme",
    "Dauphiné",
    "Nouvel",
    "Canard",
    "Havre",
    "Mans",
    "Caire",
    "Cap",
    "Creusot",
    "Touquet",
    "Bourget",
    "Vésinet",
    "Lamentin",
    "Robert",
    "Matin",
    "Quotidien",
    "Courrier",
    "Républicain",
    "Populaire",
    "Nouvelliste",
    "Moniteur",
    "Pèlerin",
    "Louvre",
    "Journal",
    "Bien",
    "Maine",
    "Berry",
    "Midi",
    "Droit",
    "Soleil",
    "Messager",
    "Vif",
    "Jeudi",
    "Lorrain",
    "Marin",
    "Mauricien",
    "Pays",
    "Puy",
    "Lavandou",
    "Grau",
    "Crotoy",
    "Raincy",
    "Kremlin",
    "Pecq",
    "Perreux",
    "Mée",
    "Chesnay",
    "Plessis",
    "Blanc",
];

/// Foreign titles that take a French article in running text (`le New York Times`).
const FOREIGN_TITLES: &[&[&str]] = &[
    &["New", "York", "Times"],
    &["New", "York", "Post"],
    &["New", "Yorker"],
    &["Washington", "Post"],
    &["Wall", "Street", "Journal"],
    &["Financial", "Times"],
    &["Guardian"],
    &["Times"],
    &["Economist"],
    &["Telegraph"],
    &["Daily", "Telegraph"],
    &["Daily", "Mail"],
    &["Daily", "Mirror"],
    &["Sunday", "Times"],
    &["Independent"],
    &["Observer"],
    &["Los", "Angeles", "Times"],
    &["Boston", "Globe"],
    &["Chicago", "Tribune"],
    &["Miami", "Herald"],
    &["Spiegel"],
    &["Bild"],
    &["Süddeutsche", "Zeitung"],
    &["Frankfurter", "Allgemeine"],
    &["Corriere", "della", "Sera"],
    &["Kommersant"],
    &["Izvestia"],
    &["Global", "Times"],
    &["Asahi", "Shimbun"],
    &["Yomiuri", "Shimbun"],
    &["Japan", "Times"],
    &["Jerusalem", "Post"],
    &["Times", "of", "Israel"],
    &["Times", "of", "India"],
    &["Hindustan", "Times"],
    &["South", "China", "Morning", "Post"],
    &["Straits", "Times"],
    &["Sydney", "Morning", "Herald"],
    &["Globe", "and", "Mail"],
    &["Toronto", "Star"],
    &["Moscow", "Times"],
    &["Kyiv", "Independent"],
    &["Kyiv", "Post"],
    &["Irish", "Times"],
    &["Herald", "Tribune"],
    &["International", "Herald", "Tribune"],
    &["Haaretz"],
];

/// Last words of English-language press titles: `Le Foo Bar Times` is foreign even if unlisted.
const PRESS_TAILS: &[&str] = &[
    "Times",
    "Post",
    "Herald",
    "Tribune",
    "Globe",
    "Gazette",
    "Chronicle",
    "Inquirer",
    "Telegraph",
    "Observer",
    "Mail",
    "Monitor",
    "Standard",
    "Zeitung",
    "Shimbun",
];

impl Rule for FrTitleArticleCase {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "casing/fr-title-article-case".into(),
            severity: Severity::Warning,
            summary: "a French article before a newspaper title wrongly capitalised or not contracted".into(),
            explanation: "French running text gives foreign titles a lowercase French article (`selon le New \
                York Times`, not `Le New York Times`), and contracts the article that belongs to a French \
                title or place name after `de` and `à` (`du Monde`, `au Figaro`, `des Échos`, `au \
                Havre`). (a) Sub-kind `missing-contraction`, an error: `de Le` / `à Le` before a listed \
                title or place (`Monde`, `Figaro`, `Havre`, `New York Times`…), `de Les` / `à Les` before \
                any capitalised word (`de Les Échos` → `des Échos`). Person names keep their article \
                (`de Le Pen`, `à Le Maire`), so unlisted `de Le X` is left alone. (b) A capitalised `Le`, \
                `La` or `Les` mid-sentence before a listed foreign title, or before two or more capitalised \
                words ending with a press word (`Times`, `Post`, `Herald`…). French titles whose article \
                is part of the name stay capitalised (`Selon Le Monde`)."
                .into(),
            flagged: examples(&[
                ("fr", "D’après Le Washington Post, les négociations ont échoué."),
                ("fr", "Un article de Le Monde affirme le contraire."),
                ("fr", "Selon ce que disent les médias comme Le New York Times, Kim serait prêt."),
                ("fr", "Le rédacteur de Les Échos a démissionné."),
            ]),
            allowed: examples(&[
                ("fr", "D’après le Washington Post, les négociations ont échoué."),
                ("fr", "Selon Le Monde, les négociations ont échoué."),
                ("fr", "La candidature de Le Pen et le bureau de Le Maire."),
                ("fr", "Le New York Times a publié l’enquête."),
            ]),
            languages: vec!["fr".into()],
            default_enabled: true,
            origin: file!().into(),
        }
    }

    fn check(&self, cx: &Ctx<'_>, out: &mut Sink<'_>) {
        if cx.an.lang != Lang::FR {
            return;
        }
        let text = cx.text();
        let toks = &cx.an.tokens;
        for (ti, t) in toks.iter().enumerate() {
            if t.kind != TokenKind::Word {
                continue;
            }
            let article = t.text(text);
            if !matches!(article, "Le" | "La" | "Les") {
                continue;
            }
            let following = capitalized_run(toks, text, ti);
            if following.is_empty() {
                continue;
            }
            let Some(prev) = prev_on_line(toks, ti) else {
                continue;
            };
            let p = &toks[prev];
            let ptext = p.text(text);
            // (a) `de Le Monde` → `du Monde`.
            if p.kind == TokenKind::Word && article != "La" {
                let contracted = match (ptext, article) {
                    ("de", "Le") => Some("du"),
                    ("De", "Le") => Some("Du"),
                    ("à", "Le") => Some("au"),
                    ("À", "Le") => Some("Au"),
                    ("de", "Les") => Some("des"),
                    ("De", "Les") => Some("Des"),
                    ("à", "Les") => Some("aux"),
                    ("À", "Les") => Some("Aux"),
                    _ => None,
                };
                if let Some(c) = contracted
                    && (article == "Les"
                        || LE_HEADS.contains(&following[0])
                        || foreign_title(&following))
                {
                    let span = Span::new(p.start, t.end);
                    out.report_kind(
                        "missing-contraction",
                        true,
                        span,
                        format!(
                            "`{ptext} {article} {}` needs the contracted article: `{c} {}`",
                            following[0], following[0]
                        ),
                        Some(c.to_string()),
                    );
                    continue;
                }
            }
            // (b) `comme Le New York Times` → `le New York Times`, mid-sentence only.
            let mid_sentence = match p.kind {
                TokenKind::Word | TokenKind::Number => true,
                TokenKind::Punct => ptext == ",",
                _ => false,
            };
            if mid_sentence && foreign_title(&following) {
                let lower = article.to_lowercase();
                out.report_fix(
                    Span::new(t.start, t.end),
                    format!(
                        "`{article} {}` mid-sentence: French gives a foreign title a lowercase article, `{lower} {}`",
                        following.join(" "),
                        following.join(" ")
                    ),
                    lower,
                );
            }
        }
    }
}

/// The words after token `ti` on the same line, separated by single spaces, while they are
/// capitalised (or the `of`, `and`, `della` inside a title); at most five.
fn capitalized_run<'t>(toks: &[Token], text: &'t str, ti: usize) -> Vec<&'t str> {
    let mut run = Vec::new();
    let mut i = ti;
    while run.len() < 5 {
        let Some(n) = next_on_line(toks, i) else {
            break;
        };
        if n != i + 2 || toks[n].kind != TokenKind::Word {
            break;
        }
        let w = toks[n].text(text);
        let inner = !run.is_empty() && matches!(w, "of" | "and" | "della");
        if !(super::is_capitalized(w) || inner) {
            break;
        }
        run.push(w);
        i = n;
    }
    while run.last().is_some_and(|w| !super::is_capitalized(w)) {
        run.pop();
    }
    run
}

/// Whether the capitalised run starts with a listed foreign title, or is two words or more ending
/// with a press word (`Foo Bar Times`).
fn foreign_title(run: &[&str]) -> bool {
    FOREIGN_TITLES
        .iter()
        .any(|title| run.len() >= title.len() && run[..title.len()] == **title)
        || (run.len() >= 2 && run.last().is_some_and(|w| PRESS_TAILS.contains(w)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_allows, assert_flags, run};

    #[test]
    fn catalog_cases() {
        let r = FrTitleArticleCase;
        assert_flags(
            &r,
            Lang::FR,
            "D’après Le Washington Post, les négociations ont échoué.",
            &["Le"],
        );
        assert_flags(
            &r,
            Lang::FR,
            "Un article de Le Monde affirme le contraire.",
            &["de Le"],
        );
        assert_allows(
            &r,
            Lang::FR,
            "D’après le Washington Post, les négociations ont échoué.",
        );
        assert_allows(&r, Lang::FR, "Selon Le Monde, les négociations ont échoué.");
    }

    #[test]
    fn seed_and_corpus_cases() {
        let r = FrTitleArticleCase;
        let text = "Selon ce que disent les médias comme Le New York Times, citant des sources.";
        let found = run(&r, Lang::FR, text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span.text(text), "Le");
        assert_eq!(found[0].suggestion.as_deref(), Some("le"));
        assert_eq!(found[0].severity, Severity::Warning);
        assert_flags(
            &r,
            Lang::FR,
            "Selon des informations comme Le Financial Times, le groupe hésite.",
            &["Le"],
        );
        let text = "Selon des informations de Le Devoir, il hésite.";
        let found = run(&r, Lang::FR, text);
        assert_eq!(found[0].span.text(text), "de Le");
        assert_eq!(found[0].suggestion.as_deref(), Some("du"));
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(found[0].kind, Some("missing-contraction"));
    }

    #[test]
    fn contractions() {
        let r = FrTitleArticleCase;
        for (text, span, fix) in [
            ("Il écrit à Le Figaro chaque semaine.", "à Le", "au"),
            ("Le rédacteur de Les Échos a démissionné.", "de Les", "des"),
            ("Il a parlé à Les Républicains hier.", "à Les", "aux"),
            ("Un éditorial de Le New York Times.", "de Le", "du"),
            ("Il habite près de Le Havre.", "de Le", "du"),
        ] {
            let found = run(&r, Lang::FR, text);
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(found[0].span.text(text), span);
            assert_eq!(found[0].suggestion.as_deref(), Some(fix));
        }
    }

    #[test]
    fn names_and_sentence_starts() {
        let r = FrTitleArticleCase;
        assert_allows(
            &r,
            Lang::FR,
            "La candidature de Le Pen et le bureau de Le Maire.",
        );
        assert_allows(&r, Lang::FR, "Le New York Times a publié l’enquête.");
        assert_allows(&r, Lang::FR, "Il l’a dit. Le Washington Post confirme.");
        assert_allows(&r, Lang::FR, "Il l’a dit : « Le Washington Post ment. »");
        assert_allows(&r, Lang::FR, "La Paz et La Repubblica ; de La Croix.");
        assert_allows(
            &r,
            Lang::EN,
            "According to The New York Times, de Le Monde.",
        );
    }

    #[test]
    fn unlisted_press_titles() {
        assert_flags(
            &FrTitleArticleCase,
            Lang::FR,
            "Selon Le Bangkok Post et comme Le Arizona Daily Star le note.",
            &["Le"],
        );
    }
}
