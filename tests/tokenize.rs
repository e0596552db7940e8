//! Tokenizer, sentence splitter and language detection: exact expectations, properties of the
//! token stream (tiling, agreement of the fast and general paths) and a throughput check.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use coquille::lang::Lang;
use coquille::lang::detect::{detect_document, is_stopword, stopword_scores};
use coquille::tokenize::{Analysis, Token, TokenKind, tokenize, tokenize_fast, tokenize_general};
use proptest::prelude::*;

use TokenKind::*;

fn toks(text: &str) -> Vec<(&str, TokenKind)> {
    let mut out = Vec::new();
    tokenize(text, &mut out);
    out.iter().map(|t| (t.text(text), t.kind)).collect()
}

fn fast(text: &str) -> Option<Vec<Token>> {
    let mut out = Vec::new();
    tokenize_fast(text, &mut out).map(|()| out)
}

fn general(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    tokenize_general(text, &mut out);
    out
}

/// Checks that `tokens` tile `text`: in order, non-empty, contiguous, on char boundaries, and
/// with the shape their kind promises.
fn check_tiling(text: &str, tokens: &[Token]) -> Result<(), TestCaseError> {
    let mut pos = 0u32;
    for t in tokens {
        prop_assert_eq!(t.start, pos, "gap or overlap at {} in {:?}", pos, text);
        prop_assert!(t.end > t.start, "empty token at {} in {:?}", pos, text);
        prop_assert!(text.is_char_boundary(t.start as usize));
        prop_assert!(text.is_char_boundary(t.end as usize));
        let s = t.text(text);
        match t.kind {
            Newline => prop_assert!(matches!(s, "\n" | "\r\n" | "\r"), "newline {:?}", s),
            Punct => prop_assert_eq!(s.chars().count(), 1, "punct {:?}", s),
            Space => prop_assert!(
                s.chars()
                    .all(|c| c.is_whitespace() && c != '\n' && c != '\r'),
                "space {:?}",
                s
            ),
            Word => prop_assert!(s.chars().any(char::is_alphabetic), "word {:?}", s),
            Number => prop_assert!(
                s.chars().any(char::is_numeric) && !s.chars().any(char::is_alphabetic),
                "number {:?}",
                s
            ),
            Symbol => {}
        }
        pos = t.end;
    }
    prop_assert_eq!(pos as usize, text.len());
    Ok(())
}

/// Characters of French and English news text, with the typographic punctuation and spaces the
/// fast path handles, plus a few it does not (to mix both paths in one text).
const NEWS_CHARS: &[char] = &[
    'a', 'b', 'c', 'e', 'l', 'n', 'o', 's', 't', 'u', 'z', 'A', 'J', 'L', 'S', 'U', 'é', 'è', 'à',
    'ç', 'ô', 'œ', 'É', 'Œ', 'ß', 'ł', 'ă', 'ª', 'µ', '0', '1', '5', '9', '²', '½', ' ', ' ', ' ',
    '\u{a0}', '\u{202f}', '\u{2009}', '\t', '\n', '\r', '\'', '\'', '’', '’', '-', '-', '.', ',',
    ';', ':', '!', '?', '«', '»', '“', '”', '‘', '(', ')', '–', '—', '…', '•', '·', '%', '€', '$',
    '+', '°', '×', '§', '\u{ad}', '\u{200b}', '\u{2028}', '\u{b}', '\u{85}', '\u{301}', 'д', '中',
    '😀', '\u{fffd}', '™', '\u{2010}',
];

fn news_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(NEWS_CHARS), 0..80)
        .prop_map(|chars| chars.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn tokens_tile_arbitrary_text(text in any::<String>()) {
        let mut mixed = Vec::new();
        tokenize(&text, &mut mixed);
        check_tiling(&text, &mixed)?;
        let reference = general(&text);
        check_tiling(&text, &reference)?;
        prop_assert_eq!(&mixed, &reference);
        if let Some(f) = fast(&text) {
            prop_assert_eq!(f, reference);
        }
    }

    #[test]
    fn tokens_tile_news_text(text in news_text()) {
        let mut mixed = Vec::new();
        tokenize(&text, &mut mixed);
        check_tiling(&text, &mixed)?;
        let reference = general(&text);
        prop_assert_eq!(&mixed, &reference, "text {:?}", text);
    }

    #[test]
    fn fast_and_general_paths_agree(text in news_text()) {
        if let Some(f) = fast(&text) {
            check_tiling(&text, &f)?;
            prop_assert_eq!(f, general(&text), "text {:?}", text);
        }
    }

    #[test]
    fn sentences_are_trimmed_and_within_lines(text in news_text()) {
        let a = Analysis::new(&text, Some(Lang::FR));
        let mut last_end = 0;
        for s in &a.sentences {
            let toks = a.sentence_tokens(s);
            prop_assert!(!toks.is_empty());
            prop_assert!(s.span.start >= last_end);
            last_end = s.span.end;
            prop_assert_eq!(toks[0].start, s.span.start);
            prop_assert_eq!(toks[toks.len() - 1].end, s.span.end);
            prop_assert!(toks[0].kind != Space && toks[toks.len() - 1].kind != Space);
            prop_assert!(toks.iter().all(|t| t.kind != Newline));
            let body = s.span.text(&text);
            prop_assert!(!body.contains('\n') && !body.contains('\r'));
        }
    }
}

#[test]
fn every_fast_char_agrees_with_the_general_path() {
    let ranges = (0u32..0x300).chain(0x2000..0x2070).chain(0x20A0..0x20C0);
    let mut checked = 0;
    for cp in ranges {
        let Some(c) = char::from_u32(cp) else {
            continue;
        };
        for text in [
            c.to_string(),
            format!("a{c}b"),
            format!("{c}{c}"),
            format!("1{c}2"),
            format!("é{c}"),
            format!("l’{c}x"),
            format!("x-{c}"),
        ] {
            if let Some(f) = fast(&text) {
                assert_eq!(f, general(&text), "{text:?} (U+{cp:04X})");
                checked += 1;
            }
        }
    }
    assert!(checked > 2000, "{checked}");
}

#[test]
fn french_words_with_apostrophes_and_hyphens() {
    assert_eq!(toks("l’agence"), vec![("l’agence", Word)]);
    assert_eq!(
        toks("aujourd'hui nord-coréen"),
        vec![("aujourd'hui", Word), (" ", Space), ("nord-coréen", Word)]
    );
    assert_eq!(
        toks("Kim Jong-un"),
        vec![("Kim", Word), (" ", Space), ("Jong-un", Word)]
    );
    assert_eq!(
        toks("anti- et pro-"),
        vec![
            ("anti", Word),
            ("-", Punct),
            (" ", Space),
            ("et", Word),
            (" ", Space),
            ("pro", Word),
            ("-", Punct)
        ]
    );
    assert_eq!(
        toks("'90s l'"),
        vec![
            ("'", Punct),
            ("90s", Word),
            (" ", Space),
            ("l", Word),
            ("'", Punct)
        ]
    );
    assert_eq!(
        toks("a--b"),
        vec![("a", Word), ("-", Punct), ("-", Punct), ("b", Word)]
    );
    assert_eq!(toks("3-4"), vec![("3-4", Number)]);
    assert_eq!(toks("2023"), vec![("2023", Number)]);
    assert_eq!(toks("19e"), vec![("19e", Word)]);
}

#[test]
fn missing_space_after_period() {
    assert_eq!(
        toks("voyage.STRAFP"),
        vec![("voyage", Word), (".", Punct), ("STRAFP", Word)]
    );
}

#[test]
fn guillemets_with_no_break_spaces() {
    assert_eq!(
        toks("«\u{a0}millions\u{a0}»"),
        vec![
            ("«", Punct),
            ("\u{a0}", Space),
            ("millions", Word),
            ("\u{a0}", Space),
            ("»", Punct)
        ]
    );
    assert_eq!(
        toks("« millions »"),
        vec![
            ("«", Punct),
            (" ", Space),
            ("millions", Word),
            (" ", Space),
            ("»", Punct)
        ]
    );
}

#[test]
fn numbers_and_percent() {
    assert_eq!(
        toks("2,5 %"),
        vec![
            ("2", Number),
            (",", Punct),
            ("5", Number),
            (" ", Space),
            ("%", Punct)
        ]
    );
    assert_eq!(
        toks("2,5\u{202f}%"),
        vec![
            ("2", Number),
            (",", Punct),
            ("5", Number),
            ("\u{202f}", Space),
            ("%", Punct)
        ]
    );
    assert_eq!(
        toks("+5 € • 3°"),
        vec![
            ("+", Symbol),
            ("5", Number),
            (" ", Space),
            ("€", Symbol),
            (" ", Space),
            ("•", Punct),
            (" ", Space),
            ("3", Number),
            ("°", Symbol)
        ]
    );
}

#[test]
fn english_acronyms_and_dashes() {
    assert_eq!(
        toks("U.S."),
        vec![("U", Word), (".", Punct), ("S", Word), (".", Punct)]
    );
    assert_eq!(
        toks("It’s—really—fine…"),
        vec![
            ("It’s", Word),
            ("—", Punct),
            ("really", Word),
            ("—", Punct),
            ("fine", Word),
            ("…", Punct)
        ]
    );
}

#[test]
fn line_breaks_and_spaces() {
    assert_eq!(
        toks("a\r\nb\rc\n\n \t\u{a0}d"),
        vec![
            ("a", Word),
            ("\r\n", Newline),
            ("b", Word),
            ("\r", Newline),
            ("c", Word),
            ("\n", Newline),
            ("\n", Newline),
            (" \t\u{a0}", Space),
            ("d", Word)
        ]
    );
    assert_eq!(toks("a\u{2028}b")[1], ("\u{2028}", Symbol));
    assert!(toks("").is_empty());
}

#[test]
fn non_latin_text_goes_through_the_general_path() {
    assert_eq!(fast("Москва"), None);
    assert_eq!(
        toks("Москва, 5 мая 😀"),
        vec![
            ("Москва", Word),
            (",", Punct),
            (" ", Space),
            ("5", Number),
            (" ", Space),
            ("мая", Word),
            (" ", Space),
            ("😀", Symbol)
        ]
    );
}

fn sentence_texts(text: &str, lang: Lang) -> Vec<&str> {
    let a = Analysis::new(text, Some(lang));
    a.sentences.iter().map(|s| s.span.text(text)).collect()
}

#[test]
fn french_news_sentences() {
    let text = "Séoul, 12 mai (AFP) - M. Kim Jong-un a visité l’usine. Selon l’agence, \
                la production a crû de 2,5\u{a0}%. « C’est historique\u{a0}! » a dit Mme Park.\n\
                \n\
                Un titre sans point\n";
    assert_eq!(
        sentence_texts(text, Lang::FR),
        vec![
            "Séoul, 12 mai (AFP) - M. Kim Jong-un a visité l’usine.",
            "Selon l’agence, la production a crû de 2,5\u{a0}%.",
            "« C’est historique\u{a0}! » a dit Mme Park.",
            "Un titre sans point",
        ]
    );
}

#[test]
fn english_news_sentences() {
    let text = "WASHINGTON (AP) — Mr. Biden met Gov. J. Smith on Jan. 5 in the U.S. Capitol. \
                Prices rose 2.5 percent. \"We are ready,\" she said. Really?! Yes.";
    assert_eq!(
        sentence_texts(text, Lang::EN),
        vec![
            "WASHINGTON (AP) — Mr. Biden met Gov. J. Smith on Jan. 5 in the U.S. Capitol.",
            "Prices rose 2.5 percent.",
            "\"We are ready,\" she said.",
            "Really?!",
            "Yes.",
        ]
    );
}

#[test]
fn analysis_parts() {
    let text = "Le titre\n\nLe premier paragraphe est dans la page. Et de deux.\nLa suite\n";
    let a = Analysis::new(text, None);
    assert_eq!(a.lang, Lang::FR);
    assert_eq!(a.lines.len(), 5);
    assert_eq!(a.paragraphs.len(), 2);
    assert_eq!(a.sentences.len(), 4);
    assert_eq!(a.word_count(), 14);
}

const FR_PARA: &str = "Le gouvernement a annoncé mardi une série de mesures pour soutenir les \
    agriculteurs, qui manifestent depuis plusieurs semaines dans tout le pays. Selon le ministre, \
    ces aides seront versées avant la fin du mois et concerneront près de 50 000 exploitations.";
const EN_PARA: &str = "The government announced on Tuesday a series of measures to support \
    farmers, who have been protesting for several weeks across the country. According to the \
    minister, the aid will be paid before the end of the month.";
const DE_PARA: &str = "Die Bundesregierung hat am Dienstag eine Reihe von Maßnahmen angekündigt, \
    um die Landwirte zu unterstützen, die seit mehreren Wochen im ganzen Land protestieren. Nach \
    Angaben des Ministers soll das Geld noch vor dem Ende des Monats ausgezahlt werden.";
const ES_PARA: &str = "El gobierno anunció el martes una serie de medidas para apoyar a los \
    agricultores, que protestan desde hace varias semanas en todo el país. Según el ministro, \
    las ayudas se pagarán antes del final del mes.";
const IT_PARA: &str = "Il governo ha annunciato martedì una serie di misure per sostenere gli \
    agricoltori, che protestano da diverse settimane in tutto il paese. Secondo il ministro, \
    gli aiuti saranno versati prima della fine del mese.";
const PT_PARA: &str = "O governo anunciou na terça-feira uma série de medidas para apoiar os \
    agricultores, que protestam há várias semanas em todo o país. Segundo o ministro, os \
    apoios serão pagos antes do fim do mês.";
const NL_PARA: &str = "De regering heeft dinsdag een reeks maatregelen aangekondigd om de boeren \
    te steunen, die al enkele weken in het hele land protesteren. Volgens de minister wordt de \
    steun nog voor het einde van de maand uitbetaald.";
const RU_PARA: &str = "Правительство во вторник объявило о ряде мер по поддержке фермеров, \
    которые уже несколько недель протестуют по всей стране. По словам министра, помощь будет \
    выплачена до конца месяца.";
const ZH_PARA: &str = "政府星期二宣布了一系列支持农民的措施，农民们已经在全国各地抗议了好几个星期。\
    据部长说，这些援助将在月底之前发放。";

#[test]
fn detects_document_languages() {
    assert_eq!(detect_document(FR_PARA), Lang::FR);
    assert_eq!(detect_document(EN_PARA), Lang::EN);
    assert_eq!(detect_document(DE_PARA), Lang::DE);
    assert_eq!(detect_document(ES_PARA), Lang::ES);
    assert_eq!(detect_document(IT_PARA), Lang::IT);
    assert_eq!(detect_document(PT_PARA), Lang::PT);
    assert_eq!(detect_document(NL_PARA), Lang::NL);
}

#[test]
fn other_scripts_go_to_whatlang() {
    assert_eq!(detect_document(RU_PARA), Lang::parse("ru").unwrap());
    assert_eq!(detect_document(ZH_PARA), Lang::parse("zh").unwrap());
    let scores = stopword_scores(RU_PARA.split_whitespace());
    assert!(scores.iter().all(|&(_, n)| n == 0));
}

#[test]
fn empty_or_letterless_text_is_undetermined() {
    assert_eq!(detect_document(""), Lang::UND);
    assert_eq!(detect_document("   \n\n"), Lang::UND);
    assert_eq!(detect_document("12 345 — 67,8 % !!!"), Lang::UND);
}

#[test]
fn stopword_api() {
    assert!(is_stopword(Lang::FR, "dans"));
    assert!(!is_stopword(Lang::FR, "the"));
    let scores = stopword_scores(EN_PARA.split(|c: char| !c.is_alphabetic()));
    let (best, _) = scores.iter().max_by_key(|&&(_, n)| n).copied().unwrap();
    assert_eq!(best, Lang::EN);
}

/// A ~1 MB French news text made of varied paragraphs.
fn french_corpus() -> String {
    let paras = [
        FR_PARA,
        "PARIS, 14 mai 2024 (AFP) – Le président de la République a reçu lundi à l’Élysée les \
         représentants des syndicats, a indiqué l’entourage du chef de l’État. « Nous avons eu un \
         échange franc et constructif », a déclaré à l’issue de la réunion la secrétaire générale \
         de la CGT, qui réclame une hausse de 3,5\u{a0}% des salaires.",
        "Selon les chiffres publiés jeudi par l’Insee, le taux de chômage s’est établi à 7,3\u{a0}% \
         au premier trimestre, en légère baisse par rapport au trimestre précédent. Les économistes \
         s’attendaient toutefois à une stabilisation, compte tenu du ralentissement de l’activité \
         observé depuis l’automne dernier.",
        "Le Premier ministre a appelé mercredi soir au « calme » et à la « responsabilité » après \
         une nouvelle nuit de violences urbaines à Marseille, où 42 véhicules ont été incendiés et \
         une quinzaine de personnes interpellées, d’après la préfecture des Bouches-du-Rhône.",
    ];
    let mut text = String::with_capacity(1 << 20);
    let mut i = 0;
    while text.len() < 1 << 20 {
        text.push_str(paras[i % paras.len()]);
        text.push_str("\n\n");
        i += 1;
    }
    text
}

#[test]
#[ignore = "throughput check; run with --release -- --ignored --nocapture"]
fn tokenizer_throughput() {
    use std::time::Instant;
    let text = french_corpus();
    let mb = text.len() as f64 / 1e6;
    let mut tokens = Vec::with_capacity(text.len() / 3);
    let rounds = 20;
    let report = |name: &str, secs: f64| {
        println!("{name}: {:.0} MB/s", mb * rounds as f64 / secs);
    };

    let t = Instant::now();
    for _ in 0..rounds {
        tokens.clear();
        tokenize(&text, &mut tokens);
    }
    report("tokenize (fast path)", t.elapsed().as_secs_f64());

    let t = Instant::now();
    for _ in 0..rounds {
        tokens.clear();
        tokenize_general(&text, &mut tokens);
    }
    report("tokenize_general", t.elapsed().as_secs_f64());

    let ascii: String = text
        .chars()
        .map(|c| if c.is_ascii() { c } else { 'e' })
        .collect();
    let t = Instant::now();
    for _ in 0..rounds {
        tokens.clear();
        tokenize(&ascii, &mut tokens);
    }
    report("tokenize (ASCII)", t.elapsed().as_secs_f64());

    let t = Instant::now();
    for _ in 0..rounds {
        let a = Analysis::new(&text, Some(Lang::FR));
        assert!(!a.sentences.is_empty());
    }
    report("Analysis::new (lang given)", t.elapsed().as_secs_f64());

    // Documents of ~3 KB, language detected.
    let docs: Vec<&str> = text.split("\n\n").filter(|p| !p.is_empty()).collect();
    let bytes: usize = docs.iter().map(|d| d.len()).sum();
    let t = Instant::now();
    for d in &docs {
        let a = Analysis::new(d, None);
        assert_eq!(a.lang, Lang::FR);
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "Analysis::new (lang detected, {} paragraphs): {:.0} MB/s",
        docs.len(),
        bytes as f64 / 1e6 / secs
    );
}
