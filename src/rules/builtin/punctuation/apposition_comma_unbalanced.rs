//! `punctuation/apposition-comma-unbalanced`: a name in apposition opened by a comma and not closed
//! before the verb (`Le dirigeant nord-coréen, Kim Jong-un est de retour`, seed D10).

use std::sync::LazyLock;

use crate::diagnostic::Severity;
use crate::lang::Lang;
use crate::lang::words::WordMap;
use crate::rules::builtin::typography::first_char;
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};
use crate::span::Span;
use crate::tokenize::{Token, TokenKind};

pub struct AppositionCommaUnbalanced;

const FR_DETERMINERS: &[&str] = &["Le", "La", "Les", "Un", "Une"];
const EN_DETERMINERS: &[&str] = &["The", "A", "An"];

/// Role nouns heading the noun phrase (lowercase; `L’ancien` is split at the apostrophe).
const FR_ROLES: &[&str] = &[
    "président",
    "présidente",
    "ministre",
    "dirigeant",
    "dirigeante",
    "chef",
    "cheffe",
    "porte-parole",
    "secrétaire",
    "directeur",
    "directrice",
    "pdg",
    "patron",
    "patronne",
    "leader",
    "maire",
    "gouverneur",
    "gouverneure",
    "ambassadeur",
    "ambassadrice",
    "commissaire",
    "procureur",
    "procureure",
    "juge",
    "général",
    "générale",
    "sénateur",
    "sénatrice",
    "député",
    "députée",
    "chancelier",
    "chancelière",
    "roi",
    "reine",
    "pape",
    "prince",
    "princesse",
    "entraîneur",
    "entraîneuse",
    "sélectionneur",
    "sélectionneuse",
    "capitaine",
    "avocat",
    "avocate",
    "fondateur",
    "fondatrice",
    "représentant",
    "représentante",
    "négociateur",
    "négociatrice",
    "envoyé",
    "envoyée",
    "émissaire",
    "conseiller",
    "conseillère",
    "vice-président",
    "vice-présidente",
    "homologue",
    "opposant",
    "opposante",
    "candidat",
    "candidate",
    "responsable",
    "commandant",
    "cheffe",
    "numéro",
    "premier",
    "première",
    "nouveau",
    "nouvelle",
    "ancien",
    "ancienne",
    "actuel",
    "actuelle",
    "ex-président",
    "ex-ministre",
    "médiateur",
    "médiatrice",
    "diplomate",
    "émir",
    "monarque",
    "sultan",
    "prix",
    "lauréat",
    "lauréate",
    "auteur",
    "autrice",
    "écrivain",
    "écrivaine",
    "économiste",
    "chercheur",
    "chercheuse",
    "spécialiste",
    "expert",
    "experte",
    "attaquant",
    "attaquante",
    "joueur",
    "joueuse",
    "pilote",
    "skipper",
    "navigatrice",
    "navigateur",
    "entraîneur-adjoint",
    "rapporteur",
    "rapporteure",
    "préfet",
    "préfète",
    "vice-ministre",
    "sous-secrétaire",
];

/// Adjectives and ordinal words that may precede the role noun (`Le nouveau ministre`); they are
/// listed above too but never count as the head on their own.
const FR_PRE: &[&str] = &[
    "premier",
    "première",
    "nouveau",
    "nouvelle",
    "ancien",
    "ancienne",
    "actuel",
    "actuelle",
    "numéro",
    "prix",
];

const EN_ROLES: &[&str] = &[
    "president",
    "minister",
    "leader",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "secretary-general",
    "secretary",
    "chief",
    "executive",
    "director",
    "ceo",
    "chairman",
    "chairwoman",
    "chair",
    "head",
    "governor",
    "mayor",
    "ambassador",
    "commissioner",
    "prosecutor",
    "judge",
    "general",
    "senator",
    "chancellor",
    "king",
    "queen",
    "pope",
    "prince",
    "princess",
    "coach",
    "manager",
    "captain",
    "lawyer",
    "attorney",
    "founder",
    "envoy",
    "adviser",
    "advisor",
    "negotiator",
    "representative",
    "candidate",
    "economist",
    "analyst",
    "researcher",
    "author",
    "commander",
    "officer",
    "official",
    "counterpart",
    "striker",
    "premier",
    "emir",
    "monarch",
    "diplomat",
    "rapporteur",
    "vice-president",
    "co-founder",
    "chancellor",
];

/// Words that end the head noun phrase: what follows is a complement (`du Kremlin`, `of state`).
const FR_STOP: &[&str] = &[
    "de", "du", "des", "d’", "d'", "à", "au", "aux", "en", "pour", "chez", "sur", "contre",
];
const EN_STOP: &[&str] = &["of", "for", "at", "in", "to", "on", "from", "with"];

/// Words that show a clause rather than a noun phrase before the comma.
const FR_CLAUSE: &[&str] = &[
    "qui", "que", "qu’", "dont", "où", "est", "a", "ont", "sont", "était", "avait", "dit", "selon",
    "mais", "lorsque", "quand", "si", "après", "avant", "pendant", "depuis", "dans", "comme",
    "sera", "a-t-il", "a-t-elle", "ne", "n’a", "se", "s’est",
];
const EN_CLAUSE: &[&str] = &[
    "said", "says", "that", "who", "which", "is", "was", "has", "had", "will", "would", "when",
    "if", "after", "before", "during", "but", "since", "while", "because", "told", "are", "were",
];

/// Verbs (finite forms, auxiliaries first) that follow the name when the second comma is missing.
const FR_VERBS: &[&str] = &[
    "est",
    "a",
    "ont",
    "sont",
    "était",
    "avait",
    "sera",
    "aura",
    "va",
    "doit",
    "peut",
    "dit",
    "estime",
    "affirme",
    "déclare",
    "annonce",
    "assure",
    "explique",
    "indique",
    "juge",
    "rappelle",
    "souligne",
    "veut",
    "vient",
    "reste",
    "devrait",
    "pourrait",
    "avait",
    "serait",
    "aurait",
    "n’a",
    "n’est",
    "s’est",
    "se",
    "fait",
    "compte",
    "espère",
    "prévient",
    "dénonce",
    "confirme",
    "admet",
    "reconnaît",
    "accuse",
    "demande",
    "appelle",
    "quitte",
    "rencontre",
    "entend",
    "ne",
];
const EN_VERBS: &[&str] = &[
    "is",
    "was",
    "has",
    "had",
    "said",
    "says",
    "will",
    "would",
    "told",
    "added",
    "announced",
    "warned",
    "called",
    "denied",
    "insisted",
    "argued",
    "urged",
    "wrote",
    "can",
    "could",
    "should",
    "did",
    "does",
    "met",
    "visited",
    "signed",
    "declined",
    "confirmed",
    "stressed",
];

/// Name particles allowed between the capitalised words of a name.
const PARTICLES: &[&str] = &[
    "de", "van", "von", "der", "da", "del", "bin", "al", "el", "ben", "di",
];

struct Tables {
    dets: &'static [&'static str],
    roles: &'static [&'static str],
    stops: &'static [&'static str],
    clause: &'static [&'static str],
    verbs: &'static [&'static str],
    and: &'static str,
}

const FR: Tables = Tables {
    dets: FR_DETERMINERS,
    roles: FR_ROLES,
    stops: FR_STOP,
    clause: FR_CLAUSE,
    verbs: FR_VERBS,
    and: "et",
};

const EN: Tables = Tables {
    dets: EN_DETERMINERS,
    roles: EN_ROLES,
    stops: EN_STOP,
    clause: EN_CLAUSE,
    verbs: EN_VERBS,
    and: "and",
};

/// Bits of [`WordClasses`]: the lists of a [`Tables`] (and [`FR_PRE`]) a lowercase word is in.
const CLAUSE: u8 = 1;
const STOP: u8 = 2;
const ROLE: u8 = 4;
const PRE: u8 = 8;

/// The lists of one [`Tables`] a word belongs to, found in one look-up.
struct WordClasses(WordMap<u8>);

static FR_CLASSES: LazyLock<WordClasses> = LazyLock::new(|| WordClasses::new(&FR));
static EN_CLASSES: LazyLock<WordClasses> = LazyLock::new(|| WordClasses::new(&EN));

impl WordClasses {
    fn new(t: &Tables) -> Self {
        let mut map = WordMap::default();
        for (list, bit) in [
            (t.clause, CLAUSE),
            (t.stops, STOP),
            (t.roles, ROLE),
            (FR_PRE, PRE),
        ] {
            for w in list {
                let bits = map.get(w).unwrap_or(0) | bit;
                map.insert(w, bits);
            }
        }
        WordClasses(map)
    }

    /// The lists `word` is in, lowercased (`buf` is scratch space). ASCII words are lowercased in
    /// the look-up itself; others char by char (which differs from `str::to_lowercase` only on a
    /// final `Σ`, in no list).
    fn get(&self, word: &str, buf: &mut String) -> u8 {
        if word.is_ascii() {
            return self.0.get_ascii_lowercase(word).unwrap_or(0);
        }
        buf.clear();
        buf.extend(word.chars().flat_map(char::to_lowercase));
        self.0.get(buf).unwrap_or(0)
    }
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

impl Rule for AppositionCommaUnbalanced {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "punctuation/apposition-comma-unbalanced".into(),
            severity: Severity::Warning,
            summary: "a name in apposition opened by a comma but not closed before the verb".into(),
            explanation: "A sentence that opens with a role (`Le porte-parole du Kremlin`, `The UN \
                Secretary-General`), a comma and a name must close the apposition with a second comma \
                before the verb, or drop the first one: `Le porte-parole du Kremlin, Dmitri Peskov, a \
                démenti`. The rule looks only at that sentence shape: a determiner, a noun phrase of \
                at most 60 characters whose head is a role noun (before any preposition), a comma, one \
                to four capitalised words, then a verb from a short list. It stays silent when the \
                name is followed by `et`/`and` or a comma (an enumeration or a closed apposition) and \
                when the part before the comma reads as a clause. The suggestion adds the closing comma."
                .into(),
            flagged: examples(&[
                ("fr", "Le porte-parole du Kremlin, Dmitri Peskov a démenti l’information."),
                ("en", "The UN Secretary-General, Antonio Guterres said the attack was unacceptable."),
                ("fr", "  • Le dirigeant nord-coréen, Kim Jong-un est déjà de retour dans son pays."),
            ]),
            allowed: examples(&[
                ("fr", "Le porte-parole du Kremlin, Dmitri Peskov, a démenti l’information."),
                ("fr", "Le porte-parole du Kremlin Dmitri Peskov a démenti l’information."),
                ("fr", "Le président, Emmanuel Macron et Olaf Scholz ont signé l’accord."),
                ("en", "The minister said that in the long run, Germany will pay."),
            ]),
            languages: vec!["fr".into(), "en".into()],
            default_enabled: true,
            origin: file!().into(),
        }
    }

    fn check(&self, cx: &Ctx<'_>, out: &mut Sink<'_>) {
        let (tables, classes) = match cx.an.lang {
            Lang::FR => (&FR, &*FR_CLASSES),
            Lang::EN => (&EN, &*EN_CLASSES),
            _ => return,
        };
        let text = cx.text();
        let mut buf = String::new();
        for s in &cx.an.sentences {
            let toks = cx.an.sentence_tokens(s);
            check_sentence(text, toks, tables, classes, &mut buf, out);
        }
    }
}

fn check_sentence(
    text: &str,
    toks: &[Token],
    t: &Tables,
    classes: &WordClasses,
    buf: &mut String,
    out: &mut Sink<'_>,
) {
    // Skip list markup before the first word (`• `, `- `).
    let Some(first) = toks.iter().position(|k| k.kind == TokenKind::Word) else {
        return;
    };
    if toks[..first].iter().any(|k| {
        !matches!(
            k.kind,
            TokenKind::Space | TokenKind::Punct | TokenKind::Symbol
        )
    }) {
        return;
    }
    let det = toks[first].text(text);
    // `L’ancien président`: the elided article is glued to the first word.
    let elided = det
        .strip_prefix("L’")
        .or_else(|| det.strip_prefix("L'"))
        .filter(|_| t.and == "et");
    if elided.is_none() && !t.dets.contains(&det) {
        return;
    }
    // The noun phrase up to the comma: at most 60 characters, no other punctuation.
    let start = toks[first].start;
    let mut head_seen = elided.is_some_and(|w| classes.get(w, buf) & (ROLE | PRE) == ROLE);
    let mut stopped = false;
    let mut comma = None;
    let mut words = 0usize;
    for (k, tok) in toks.iter().enumerate().skip(first + 1) {
        if tok.end - start > 60 + 2 {
            return;
        }
        match tok.kind {
            TokenKind::Space => {}
            TokenKind::Word => {
                words += 1;
                let w = tok.text(text);
                let class = classes.get(w, buf);
                if class & CLAUSE != 0 {
                    return;
                }
                if w.starts_with("d’") || w.starts_with("d'") || w.starts_with("l’") && words > 1
                {
                    stopped = true;
                }
                if class & STOP != 0 {
                    stopped = true;
                }
                if !stopped && class & (ROLE | PRE) == ROLE {
                    head_seen = true;
                }
            }
            TokenKind::Number => words += 1,
            TokenKind::Punct => {
                let c = first_char(text, tok);
                if c == ',' {
                    comma = Some(k);
                    break;
                }
                if c != '-' && c != '’' && c != '\'' {
                    return;
                }
            }
            _ => return,
        }
    }
    let Some(comma) = comma else { return };
    if !head_seen || words == 0 {
        return;
    }
    // The name: 1 to 4 capitalised words (particles allowed inside), single spaces between.
    let mut k = comma + 1;
    if toks.get(k).is_none_or(|x| x.kind != TokenKind::Space) {
        return;
    }
    k += 1;
    let name_start = k;
    let mut name_words = 0usize;
    let mut last_name_tok = None;
    loop {
        let Some(tok) = toks.get(k) else { return };
        if tok.kind != TokenKind::Word {
            return;
        }
        let w = tok.text(text);
        if is_capitalised(w) {
            name_words += 1;
            last_name_tok = Some(k);
        } else if !(name_words > 0 && PARTICLES.contains(&w)) {
            break;
        }
        if name_words > 4 {
            return;
        }
        // Then a single space and the next word, or the end of the name.
        match toks.get(k + 1) {
            Some(sp) if sp.kind == TokenKind::Space && sp.text(text) == " " => k += 2,
            _ => return,
        }
    }
    let Some(last) = last_name_tok else { return };
    if name_words == 0 || k != last + 2 {
        // A particle ended the name (`Kim de`): not a name.
        return;
    }
    let verb = toks[k].text(text);
    if verb == t.and || !t.verbs.contains(&verb) {
        return;
    }
    let name = Span::new(toks[name_start].start, toks[last].end);
    let span = Span::new(toks[comma].start, name.end);
    let name_text = name.text(text);
    out.report_fix(
        span,
        format!(
            "apposition opened by a comma before `{name_text}` is not closed before `{verb}`: add a \
             comma after the name, or remove the first one"
        ),
        format!("{},", span.text(text)),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_allows, assert_flags, run};

    #[test]
    fn catalog_cases() {
        let r = AppositionCommaUnbalanced;
        assert_flags(
            &r,
            Lang::FR,
            "Le porte-parole du Kremlin, Dmitri Peskov a démenti l’information.",
            &[", Dmitri Peskov"],
        );
        assert_flags(
            &r,
            Lang::EN,
            "The UN Secretary-General, Antonio Guterres said the attack was unacceptable.",
            &[", Antonio Guterres"],
        );
        assert_allows(
            &r,
            Lang::FR,
            "Le porte-parole du Kremlin, Dmitri Peskov, a démenti l’information.",
        );
        assert_allows(
            &r,
            Lang::FR,
            "Le porte-parole du Kremlin Dmitri Peskov a démenti l’information.",
        );
    }

    #[test]
    fn seed_and_corpus_shapes() {
        let r = AppositionCommaUnbalanced;
        let text = "  • Le dirigeant nord-coréen, Kim Jong-un est déjà de retour.";
        assert_flags(&r, Lang::FR, text, &[", Kim Jong-un"]);
        let found = run(&r, Lang::FR, text);
        assert_eq!(found[0].suggestion.as_deref(), Some(", Kim Jong-un,"));
        assert_flags(
            &r,
            Lang::FR,
            "• La ministre espagnole de la Transition écologique, María-José Lorente est rentrée.",
            &[", María-José Lorente"],
        );
        assert_flags(
            &r,
            Lang::FR,
            "Le porte-parole du ministère sud-coréen, Kang Min-seo a refusé de commenter.",
            &[", Kang Min-seo"],
        );
        assert_flags(
            &r,
            Lang::FR,
            "L’ancien président, Nicolas Sarkozy a réagi.",
            &[", Nicolas Sarkozy"],
        );
    }

    #[test]
    fn stays_quiet() {
        let r = AppositionCommaUnbalanced;
        for text in [
            "Le président, Emmanuel Macron et Olaf Scholz ont signé l’accord.",
            "Le lendemain du discours du président, Emmanuel Macron a réagi.",
            "Le ministre qui a parlé hier, Jean Dupont a dit non.",
            "La semaine dernière, Emmanuel Macron a dit non.",
            "Le ministre de l’Intérieur, Gérald Darmanin, a dit non.",
            "Le président russe, Vladimir Poutine, Ils ont tenu un sommet.",
        ] {
            assert_allows(&r, Lang::FR, text);
        }
        assert_allows(
            &r,
            Lang::EN,
            "The minister said that in the long run, Germany will pay.",
        );
        assert_allows(
            &r,
            Lang::EN,
            "In the end, the president, Joe Biden, said no.",
        );
    }
}
