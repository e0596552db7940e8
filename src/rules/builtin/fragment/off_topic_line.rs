//! `fragment/off-topic-line`: a headline-like line with no lexical cohesion with the rest of the
//! document, such as another article's title left between the title and the lead (`Des chercheurs
//! utilisent un ordinateur quantique pour identifier un candidat` in an article about Kim Jong-un).

use hashbrown::{HashMap, HashSet};

use super::boilerplate_line::BoilerplateLine;
use super::support::{bullet_len, content_lines, ends_with_terminal, strip_elision, word_count};
use crate::diagnostic::Severity;
use crate::lang::{Lang, words};
use crate::rules::builtin::text;
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};
use crate::span::Span;
use crate::stats::keys::IdBuild;
use crate::tokenize::{Analysis, Token, TokenKind, normalize};

pub struct OffTopicLine {
    furniture: BoilerplateLine,
    /// Words of the document's language in the corpus index before idf weights are used.
    pub min_corpus_words: u64,
}

/// Documents shorter than this (in words) are too short to judge cohesion.
const MIN_DOC_WORDS: usize = 80;
/// Non-blank lines the document needs besides the candidate.
const MIN_OTHER_LINES: usize = 4;
/// Candidate lines have this many words (inclusive).
const LINE_WORDS: std::ops::RangeInclusive<usize> = 4..=25;
/// Content words a candidate needs.
const MIN_CONTENT_WORDS: usize = 4;
/// With idf weights, lines under this cohesion are flagged.
const MAX_COHESION: f64 = 0.05;
/// Documents (this one included) a line must occur in to count as corroborated by the corpus.
const CORROBORATING_DF: u64 = 3;
// `check` keeps only the line and sentence counts of at least `spill::MIN_DF` documents.
const _: () = assert!(CORROBORATING_DF >= crate::index::spill::MIN_DF);

impl OffTopicLine {
    pub fn new() -> Self {
        OffTopicLine {
            furniture: BoilerplateLine::new(),
            min_corpus_words: 1_000_000,
        }
    }
}

impl Default for OffTopicLine {
    fn default() -> Self {
        Self::new()
    }
}

/// A content word of a line: its stem key (for matching) and its case-folded form (for idf).
struct Content {
    key: u64,
    folded: String,
    capitalised: bool,
}

/// Calls `f` with each content word of `tokens`: its stem key, its case-folded form and whether it
/// is capitalised (not first). Content words are not stop words, have three letters or more (or
/// are an acronym), lose their elision, are case-folded and accent-stripped, with a crude stem
/// (final `s`/`x`, then `e`, removed).
fn each_content_word(an: &Analysis<'_>, tokens: &[Token], mut f: impl FnMut(u64, &str, bool)) {
    let mut bufs = Buffers::default();
    for (i, t) in tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .enumerate()
    {
        let w = elided(t.text(an.text));
        if !is_content(an.lang, w, &mut bufs.folded) {
            continue;
        }
        f(
            stem_key(w, &mut bufs),
            &bufs.folded,
            i > 0 && w.chars().next().is_some_and(char::is_uppercase),
        );
    }
}

/// The content words of `tokens` (see [`each_content_word`]).
fn content_words(an: &Analysis<'_>, tokens: &[Token], out: &mut Vec<Content>) {
    each_content_word(an, tokens, |key, folded, capitalised| {
        out.push(Content {
            key,
            folded: folded.to_string(),
            capitalised,
        })
    });
}

/// Scratch strings for [`is_content`] and [`stem_key`].
#[derive(Default)]
struct Buffers {
    folded: String,
    key: String,
    scratch: String,
}

/// The word without its French elision ([`strip_elision`]). The elided prefixes have 1, 2, 5 or 6
/// letters (`l’`, `qu’`, `jusqu’`, `lorsqu’`), so a word can only lose one when an apostrophe
/// (`'`, or the lead byte of `’`) is at one of these bytes, which most words do not have.
fn elided(word: &str) -> &str {
    let b = word.as_bytes();
    let apostrophe = |i: usize| b.get(i).is_some_and(|&c| c == b'\'' || c == 0xE2);
    if apostrophe(1) || apostrophe(2) || apostrophe(5) || apostrophe(6) {
        strip_elision(word)
    } else {
        word
    }
}

/// Whether `w` (elision stripped) is a content word (see [`each_content_word`]); `folded` is left
/// holding its case-folded form.
fn is_content(lang: Lang, w: &str, folded: &mut String) -> bool {
    text::fold(w, folded);
    // Only whether there are fewer than three letters matters.
    let letters = w.chars().filter(|c| c.is_alphabetic()).take(3).count();
    let acronym = || letters >= 2 && w.chars().all(|c| !c.is_lowercase());
    !((letters < 3 && !acronym()) || words::is_stopword(lang, folded))
}

/// The stem key of `w` (elision stripped): a hash of its accent- and case-insensitive key with a
/// final `s`/`x`, then `e`, removed.
fn stem_key(w: &str, bufs: &mut Buffers) -> u64 {
    let b = w.as_bytes();
    if b.len() < 16 {
        // Most words: up to 15 ASCII bytes, lowercased eight at a time, no string built.
        let (lo, hi) = match b.split_first_chunk::<8>() {
            Some((lo, hi)) => (u64::from_le_bytes(*lo), words::read_partial(hi)),
            None => (words::read_partial(b), 0),
        };
        if (lo | hi) & 0x8080_8080_8080_8080 == 0 {
            let mut key = [0u8; 16];
            key[..8].copy_from_slice(&words::ascii_lower8(lo).to_le_bytes());
            key[8..].copy_from_slice(&words::ascii_lower8(hi).to_le_bytes());
            let mut n = b.len();
            n -= usize::from(n > 0 && matches!(key[n - 1], b's' | b'x'));
            n -= usize::from(n > 0 && key[n - 1] == b'e');
            return xxhash_rust::xxh3::xxh3_64(&key[..n]);
        }
    }
    bufs.key.clear();
    text::push_fold_key(w, &mut bufs.key, &mut bufs.scratch);
    let stem = bufs.key.strip_suffix(['s', 'x']).unwrap_or(&bufs.key);
    let stem = stem.strip_suffix('e').unwrap_or(stem);
    xxhash_rust::xxh3::xxh3_64(stem.as_bytes())
}

/// The number of sentences that overlap `span`.
fn sentence_count(an: &Analysis<'_>, span: Span) -> usize {
    let from = an.sentences.partition_point(|s| s.span.end <= span.start);
    an.sentences[from..]
        .iter()
        .take_while(|s| s.span.start < span.end)
        .count()
}

const KOREA_FR: &str = "Kim rentre de Russie après un sommet avec Poutine\n\n{LINE}\n\nLe dirigeant nord-coréen Kim Jong-un est rentré mardi de Russie après une visite de six jours, selon l’agence officielle KCNA.\n\nSon train blindé a franchi la frontière dans la matinée, après un long trajet depuis Vladivostok.\n\nKim et Poutine ont tenu un sommet au cosmodrome de Vostotchny, dans l’Extrême-Orient russe.\n\nLes deux dirigeants ont évoqué une coopération militaire, selon les médias russes.\n\nSéoul et Washington craignent des livraisons d’armes à Moscou en échange de technologies.";
const INFLATION_EN: &str = "UK inflation falls to 6.7 percent in September\n\n{LINE}\n\nInflation in the United Kingdom fell to 6.7 percent in September, official figures showed on Wednesday.\n\nFood prices rose more slowly than in August, while fuel costs climbed again.\n\nEconomists had expected a slightly larger fall in the headline rate of inflation.\n\nThe Bank of England will weigh the figures at its next meeting in November.\n\nWages are still growing faster than prices, which keeps pressure on the bank.";

impl Rule for OffTopicLine {
    fn meta(&self) -> RuleMeta {
        let korea = |l: &str| KOREA_FR.replace("{LINE}", l);
        let inflation = |l: &str| INFLATION_EN.replace("{LINE}", l);
        let ex = [
            (
                "fr",
                korea("Des chercheurs découvrent une nouvelle espèce de grenouille en Amazonie"),
            ),
            (
                "en",
                inflation("Scientists train a robot dog to climb stairs"),
            ),
            (
                "fr",
                korea("Un refuge de haute montagne rouvre après trois hivers de rénovation"),
            ),
        ];
        let ok = [
            (
                "fr",
                korea("Kim a quitté la Russie après six jours de visite"),
            ),
            (
                "en",
                inflation("Bank of England raises interest rates again"),
            ),
            ("fr", korea("Mis à jour jeudi 14 mars 2024 – 18:42")),
            ("fr", korea("Une facture salée")),
        ];
        let to_examples = |list: &[(&str, String)]| {
            examples(
                &list
                    .iter()
                    .map(|(l, t)| (*l, t.as_str()))
                    .collect::<Vec<_>>(),
            )
        };
        RuleMeta {
            id: "fragment/off-topic-line".into(),
            severity: Severity::Warning,
            summary: "a headline-like line that shares no content word with the rest of the document"
                .into(),
            explanation: "A related-article teaser or another story's title left inside an article (`Des \
                chercheurs utilisent un ordinateur quantique…` in a story about a Korea–Russia summit) \
                has no lexical cohesion with the text around it. Candidates are lines of 4 to 25 words \
                starting with a capital, with no terminal punctuation and a single sentence, other than the first line, in documents of 80 words or \
                more with at least 4 other lines; page furniture is left to \
                `fragment/boilerplate-line`. Content words drop stop words and words under three \
                letters, ignore case, accents and elision, and lose a final `s`/`x`/`e`. Cohesion is the \
                idf-weighted share of the line's content words found elsewhere in the document. Without \
                a corpus of 1M words or more in the language, every word weighs 1 and the rule needs \
                cohesion 0 with at least 4 content words; with one, cohesion under 0.05. A line that \
                shares a capitalised name with the text is never flagged. The finding is an error when \
                the same line also occurs in two other documents of the corpus."
                .into(),
            flagged: to_examples(&ex),
            allowed: to_examples(&ok),
            languages: Vec::new(),
            default_enabled: true,
            origin: file!().into(),
        }
    }

    fn needs_index(&self) -> bool {
        true
    }

    fn check(&self, cx: &Ctx<'_>, out: &mut Sink<'_>) {
        let an = cx.an;
        let text = cx.text();
        let lines = content_lines(an);
        if lines.len() < MIN_OTHER_LINES + 1 {
            return;
        }
        // Candidates first: most documents have none, and then nothing else is computed.
        let candidates: Vec<(usize, Span)> = lines
            .iter()
            .enumerate()
            .skip(1)
            .filter_map(|(i, &line)| {
                let body = line.text(text);
                let rest = Span::new(line.start + bullet_len(body) as u32, line.end);
                let rest_text = rest.text(text);
                if !rest_text.chars().next().is_some_and(char::is_uppercase)
                    || ends_with_terminal(rest_text)
                    || rest_text.ends_with(',')
                    || rest_text.contains(". ")
                    || rest_text.contains("! ")
                    || rest_text.contains("? ")
                    || self.furniture.is_furniture(rest_text)
                    || sentence_count(an, rest) != 1
                {
                    return None;
                }
                LINE_WORDS
                    .contains(&word_count(an.tokens_in(rest)))
                    .then_some((i, rest))
            })
            .collect();
        if candidates.is_empty() || an.word_count() < MIN_DOC_WORDS {
            return;
        }

        // The content words of each candidate.
        let candidates: Vec<(usize, Span, Vec<Content>)> = candidates
            .into_iter()
            .map(|(i, rest)| {
                let mut words = Vec::new();
                content_words(an, an.tokens_in(lines[i]), &mut words);
                (i, rest, words)
            })
            .collect();

        // In how many lines each content key of a candidate occurs: (lines, last line counted).
        // Other keys are never asked for, so a word is only tested for a content word when its
        // key is one of these.
        let mut line_count: HashMap<u64, (u32, usize), IdBuild> = HashMap::default();
        for (_, _, words) in &candidates {
            for c in words {
                line_count.insert(c.key, (0, usize::MAX));
            }
        }
        let mut bufs = Buffers::default();
        for (li, &line) in lines.iter().enumerate() {
            for t in an
                .tokens_in(line)
                .iter()
                .filter(|t| t.kind == TokenKind::Word)
            {
                let w = elided(t.text(an.text));
                let Some(e) = line_count.get_mut(&stem_key(w, &mut bufs)) else {
                    continue;
                };
                if e.1 != li && is_content(an.lang, w, &mut bufs.folded) {
                    *e = (e.0 + 1, li);
                }
            }
        }

        let lang = an.lang;
        let use_idf = cx.index.words(lang) >= self.min_corpus_words;
        let n_docs = cx.index.lang_documents(lang).max(1) as f64;
        for (i, rest, words) in candidates {
            let mut seen: HashSet<u64> = HashSet::new();
            let (mut total, mut shared) = (0.0f64, 0.0f64);
            let mut distinct = 0;
            let mut shared_any = false;
            let mut shared_entity = false;
            for c in &words {
                if !seen.insert(c.key) {
                    continue;
                }
                distinct += 1;
                let weight = if use_idf {
                    let df = cx.index.word(lang, &c.folded).df.max(1) as f64;
                    (n_docs / df).ln().max(0.0)
                } else {
                    1.0
                };
                total += weight;
                // The key is shared when another line has it (this line counted once).
                if line_count.get(&c.key).map_or(0, |e| e.0) > 1 {
                    shared += weight;
                    shared_any = true;
                    shared_entity |= c.capitalised;
                }
            }
            if distinct < MIN_CONTENT_WORDS || shared_entity {
                continue;
            }
            let off_topic = if use_idf {
                total > 0.0 && shared / total < MAX_COHESION
            } else {
                !shared_any
            };
            if !off_topic {
                continue;
            }
            let shown = rest.text(text);
            let df = cx.index.line_df(normalize::fingerprint_with(
                lines[i].text(text),
                &mut Vec::new(),
            ));
            let corroborated = use_idf && df >= CORROBORATING_DF;
            let msg = if corroborated {
                format!(
                    "`{shown}` shares no content with the rest of the document and occurs in {df} documents: a stray headline or teaser"
                )
            } else {
                format!(
                    "`{shown}` shares no content word with the rest of the document: a stray headline or teaser"
                )
            };
            out.report_kind("unrelated", corroborated, rest, msg, None);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_allows, assert_flags, run_with_corpus};

    fn korea(line: &str) -> String {
        KOREA_FR.replace("{LINE}", line)
    }

    /// [`stem_key`] and [`elided`] as first written: through the key string for every word.
    #[test]
    fn stem_keys_and_elisions_agree_with_the_string_path() {
        let reference = |w: &str| {
            let w = strip_elision(w);
            let (mut key, mut scratch) = (String::new(), String::new());
            text::push_fold_key(w, &mut key, &mut scratch);
            let stem = key.strip_suffix(['s', 'x']).unwrap_or(&key);
            let stem = stem.strip_suffix('e').unwrap_or(stem);
            (w.to_string(), xxhash_rust::xxh3::xxh3_64(stem.as_bytes()))
        };
        let mut bufs = Buffers::default();
        for w in [
            "",
            "e",
            "s",
            "x",
            "es",
            "ex",
            "se",
            "Les",
            "LES",
            "chercheurs",
            "Chercheuse",
            "ordinateurs",
            "ORDINATEURX",
            "abcdefgh",
            "abcdefghe",
            "abcdefghs",
            "abcdefghijklmnoe",
            "abcdefghijklmnos",
            "abcdefghijklmnopqrstuvwxyzes",
            "Été",
            "étés",
            "ÉTÉS",
            "œuvres",
            "Ωmegas",
            "l’hégémonie",
            "L'Etat",
            "qu’ils",
            "Jusqu’ici",
            "lorsqu'elles",
            "puisqu’il",
            "quoiqu’on",
            "aujourd’hui",
            "d’",
            "l'",
            "rock-stars",
            "x’y",
            "ab’cd",
            "abcde’fg",
            "abcdef’gh",
            "AB-CD",
            "3D",
            "COVID-19",
        ] {
            let w_elided = elided(w);
            let (expect_w, expect_key) = reference(w);
            assert_eq!(w_elided, expect_w, "{w}");
            assert_eq!(stem_key(w_elided, &mut bufs), expect_key, "{w}");
        }
    }

    #[test]
    fn flags_unrelated_headlines() {
        let line = "Des chercheurs découvrent une nouvelle espèce de grenouille en Amazonie";
        assert_flags(&OffTopicLine::new(), Lang::FR, &korea(line), &[line]);
        let bullet =
            "  • Des chercheurs utilisent un ordinateur quantique pour identifier un candidat";
        assert_flags(
            &OffTopicLine::new(),
            Lang::FR,
            &korea(bullet),
            &["Des chercheurs utilisent un ordinateur quantique pour identifier un candidat"],
        );
        let en = INFLATION_EN.replace("{LINE}", "Scientists train a robot dog to climb stairs");
        assert_flags(
            &OffTopicLine::new(),
            Lang::EN,
            &en,
            &["Scientists train a robot dog to climb stairs"],
        );
    }

    #[test]
    fn allows_related_lines_subheadings_and_furniture() {
        let r = OffTopicLine::new();
        assert_allows(
            &r,
            Lang::FR,
            &korea("Kim a quitté la Russie après six jours de visite"),
        );
        let en = INFLATION_EN.replace("{LINE}", "Bank of England raises interest rates again");
        assert_allows(&r, Lang::EN, &en);
        // Too few content words: a sub-heading.
        assert_allows(&r, Lang::FR, &korea("Une facture salée"));
        // Terminal punctuation: a sentence.
        assert_allows(
            &r,
            Lang::FR,
            &korea("Des chercheurs découvrent une nouvelle espèce de grenouille en Amazonie."),
        );
        assert_allows(
            &r,
            Lang::FR,
            &korea("Mis à jour mardi 19 septembre 2023 – 04:14"),
        );
        // A short document.
        assert_allows(
            &r,
            Lang::FR,
            "Titre\n\nDes chercheurs découvrent une espèce de grenouille\n\nUn.\n\nDeux.\n\nTrois.",
        );
    }

    #[test]
    fn corpus_idf_and_corroboration() {
        let r = OffTopicLine {
            min_corpus_words: 100,
            ..OffTopicLine::new()
        };
        let line = "Des chercheurs découvrent une nouvelle espèce de grenouille en Amazonie";
        let filler: Vec<String> = (0..30)
            .map(|i| {
                format!(
                    "Titre {i}\n\nUn texte sur la météo du jour numéro {i}, après six jours de pluie."
                )
            })
            .collect();
        // The teaser recurs in other documents: corroborated, an error.
        let mut corpus: Vec<String> = filler.clone();
        corpus.extend((0..5).map(|i| format!("Autre article {i}\n\n{line}\n\nUn autre texte.")));
        let corpus: Vec<&str> = corpus.iter().map(String::as_str).collect();
        let found = run_with_corpus(&r, Lang::FR, &korea(line), &corpus);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].severity, Severity::Error);
        // Without recurrence, a warning.
        let filler_refs: Vec<&str> = filler.iter().map(String::as_str).collect();
        let found = run_with_corpus(&r, Lang::FR, &korea(line), &filler_refs);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].severity, Severity::Warning);
        // A line whose only link to the text is a word found in every document is still off topic
        // with idf weights (`jours`), but not without them.
        let weak = "Des chercheurs découvrent une nouvelle espèce de grenouille après six jours";
        let found = run_with_corpus(&r, Lang::FR, &korea(weak), &filler_refs);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_allows(&OffTopicLine::new(), Lang::FR, &korea(weak));
    }
}
