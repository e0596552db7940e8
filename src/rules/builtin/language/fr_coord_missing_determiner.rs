//! `language/fr-coord-missing-determiner` (experimental): a singular determiner not repeated before
//! a plural noun in a coordination, `la camaraderie et liens amicaux` (seed D16).

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::Severity;
use crate::lang::Lang;
use crate::lang::detect::is_stopword;
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};
use crate::span::Span;

static PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    super::super::regex(
        r"(?:\b(le|la|un|une|du|son|sa|ce|cet|cette)\s+|\b([lL][’']))(\p{Ll}[\p{Ll}’-]{2,})\s+et\s+(\p{Ll}[\p{Ll}-]{2,}[sx])\b",
    )
});

/// Words ending in `s` or `x` after `et` that are no plural noun: adverbs, prepositions, numerals,
/// and plurals that idiomatically go without a determiner.
const NOT_PLURAL_NOUNS: &[&str] = &[
    "ailleurs",
    "alors",
    "après",
    "auprès",
    "autrefois",
    "avant-hier",
    "bas",
    "certes",
    "chez",
    "dedans",
    "depuis",
    "dessous",
    "dessus",
    "désormais",
    "dès",
    "deux",
    "dix",
    "divers",
    "gros",
    "hélas",
    "jadis",
    "jamais",
    "lors",
    "mais",
    "malgré",
    "mieux",
    "moins",
    "néanmoins",
    "parfois",
    "pas",
    "pis",
    "plus",
    "plusieurs",
    "près",
    "puis",
    "quelques",
    "sans",
    "sinon",
    "six",
    "sous",
    "surtout",
    "tandis",
    "tous",
    "toujours",
    "toutes",
    "très",
    "trois",
    "vers",
    "volontiers",
    "environs",
    "alentours",
    "consorts",
    "dépendances",
    "annexes",
    "ans",
    "mois",
    "fois",
    "jours",
    "heures",
    "minutes",
    "dizaines",
    "centaines",
    "milliers",
    "millions",
    "milliards",
    "autres",
    "mêmes",
    "nombreux",
    "nombreuses",
    "différents",
    "différentes",
    "certains",
    "certaines",
    // Past participles in -is or -us (`a fait la différence et permis`).
    "permis",
    "mis",
    "pris",
    "compris",
    "acquis",
    "promis",
    "soumis",
    "admis",
    "repris",
    "surpris",
    "appris",
    "assis",
    "conquis",
    "remis",
    "transmis",
    "commis",
    "omis",
    "émis",
    "requis",
    "exclus",
    "inclus",
    "élus",
    "reçus",
    "vécus",
    "perdus",
    "rendus",
];

/// The plural determiner that goes with a singular one.
fn plural_of(det: &str) -> &'static str {
    match det {
        "un" | "une" | "du" => "des",
        "son" | "sa" => "ses",
        "ce" | "cet" | "cette" => "ces",
        _ => "les",
    }
}

pub struct FrCoordMissingDeterminer;

impl Rule for FrCoordMissingDeterminer {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "language/fr-coord-missing-determiner".into(),
            severity: Severity::Warning,
            summary: "a singular determiner shared with a plural noun in a coordination".into(),
            explanation: "In French a determiner is repeated before each coordinated noun when they \
                differ in number: `la camaraderie et les liens amicaux`, not `la camaraderie et liens \
                amicaux`, a slip machine translation makes. Flagged: a singular determiner (`le`, \
                `la`, `l’`, `un`, `une`, `du`, `son`, `sa`, `ce`, `cette`), a word not ending in `s` \
                or `x`, `et`, and a lowercase word ending in `s` or `x` that is no function word, \
                adverb, numeral or quantity noun; the plural determiner is suggested. Experimental \
                and off by default: without a part-of-speech lexicon the second word may be an \
                adjective or a verb, and gender clashes (`la sécurité et commerce`) are not seen."
                .into(),
            flagged: examples(&[
                (
                    "fr",
                    "Il a renforcé la camaraderie et liens amicaux entre les deux pays.",
                ),
                ("fr", "Ils ont discuté de la sécurité et échanges commerciaux."),
                ("fr", "Le ministre a salué son homologue et conseillers."),
            ]),
            allowed: examples(&[
                ("fr", "Il a renforcé la camaraderie et les liens amicaux."),
                ("fr", "Il a rappelé les droits et devoirs des citoyens."),
                ("fr", "Il a visité la ville et environs pendant deux jours."),
                ("fr", "Le président et plusieurs ministres sont arrivés."),
            ]),
            languages: vec!["fr".into()],
            default_enabled: false,
            origin: file!().into(),
        }
    }

    fn check(&self, cx: &Ctx<'_>, out: &mut Sink<'_>) {
        if cx.an.lang != Lang::FR {
            return;
        }
        let text = cx.text();
        if !text.contains(" et ") {
            return;
        }
        for c in PATTERN.captures_iter(text) {
            let (Some(all), Some(first), Some(second)) = (c.get(0), c.get(3), c.get(4)) else {
                continue;
            };
            let det = c.get(1).map_or("le", |d| d.as_str());
            let (w1, w2) = (first.as_str(), second.as_str());
            if w1.ends_with(['s', 'x'])
                || NOT_PLURAL_NOUNS.contains(&w2)
                || is_stopword(Lang::FR, w2)
                || is_stopword(Lang::FR, w1)
                || w2.ends_with("ment")
            {
                continue;
            }
            let fixed = format!(
                "{}{} et {} {w2}",
                &text[all.start()..first.start()],
                w1,
                plural_of(det)
            );
            out.report_fix(
                Span::from_usize(all.start(), all.end()),
                format!(
                    "`{w2}` is plural but shares the singular determiner of `{w1}`: repeat it (`{} {w2}`)",
                    plural_of(det)
                ),
                fixed,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_allows, assert_flags, run};

    #[test]
    fn catalog_cases() {
        let r = FrCoordMissingDeterminer;
        let t = "Il a renforcé la camaraderie et liens amicaux entre les deux pays.";
        let found = run(&r, Lang::FR, t);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span.text(t), "la camaraderie et liens");
        assert_eq!(
            found[0].suggestion.as_deref(),
            Some("la camaraderie et les liens")
        );
        assert_flags(
            &r,
            Lang::FR,
            "Ils ont discuté de la sécurité et échanges commerciaux.",
            &["la sécurité et échanges"],
        );
        assert_flags(
            &r,
            Lang::FR,
            "Il a évoqué l’amitié et liens anciens.",
            &["l’amitié et liens"],
        );
        assert_allows(
            &r,
            Lang::FR,
            "Il a renforcé la camaraderie et les liens amicaux.",
        );
        assert_allows(
            &r,
            Lang::FR,
            "Il a rappelé les droits et devoirs des citoyens.",
        );
        assert_allows(
            &r,
            Lang::FR,
            "Le président et plusieurs ministres sont arrivés.",
        );
        assert_allows(&r, Lang::FR, "Il est resté un an et trois mois.");
        assert_allows(
            &r,
            Lang::FR,
            "Le but a fait toute la différence et permis à l’équipe de gagner.",
        );
        assert_allows(&r, Lang::EN, "la camaraderie et liens amicaux");
    }
}
