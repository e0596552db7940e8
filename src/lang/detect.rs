//! Language detection: a stop-word scorer for the seven languages Coquille knows best (fr, en, de,
//! es, it, pt, nl), falling back to `whatlang` for anything else.
//!
//! The stop-word lists live in `src/lang/data/<code>/stopwords.txt` (one lowercase word per line,
//! `#` comments); they are compiled into a single map word → bitmask of languages on first use.

use std::sync::OnceLock;

use hashbrown::HashMap;

use super::Lang;

/// The languages with stop-word lists, in the order of [`stopword_scores`]' result.
pub const STOPWORD_LANGS: [Lang; 7] = [
    Lang::FR,
    Lang::EN,
    Lang::DE,
    Lang::ES,
    Lang::IT,
    Lang::PT,
    Lang::NL,
];

/// The stop-word list of each language of [`STOPWORD_LANGS`], in that order: the one copy every
/// stop-word table is built from.
pub(crate) const STOPWORD_DATA: [&str; 7] = [
    include_str!("data/fr/stopwords.txt"),
    include_str!("data/en/stopwords.txt"),
    include_str!("data/de/stopwords.txt"),
    include_str!("data/es/stopwords.txt"),
    include_str!("data/it/stopwords.txt"),
    include_str!("data/pt/stopwords.txt"),
    include_str!("data/nl/stopwords.txt"),
];

/// How many words of a document the stop-word scorer reads.
const SAMPLE_WORDS: usize = 200;
/// How many bytes of a document the scorer looks at, at most (enough for `SAMPLE_WORDS` words).
const SAMPLE_BYTES: usize = 4096;
/// How many bytes of a document go to whatlang, at most.
const WHATLANG_BYTES: usize = 1024;
/// The scorer decides when the best language has at least this many hits...
const MIN_HITS: u32 = 3;
/// ...and at least this ratio (as `num / den`) over the runner-up.
const MARGIN_NUM: u32 = 3;
const MARGIN_DEN: u32 = 2;
/// The token scorer stops early once the best language has this many hits and twice the runner-up.
const EARLY_HITS: u32 = 12;
/// Below this whatlang confidence, an unreliable guess is reported as `und`.
const MIN_CONFIDENCE: f64 = 0.05;

fn stopword_map() -> &'static HashMap<&'static str, u8> {
    static MAP: OnceLock<HashMap<&'static str, u8>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = HashMap::with_capacity(800);
        for (bit, data) in STOPWORD_DATA.iter().enumerate() {
            for word in data
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
            {
                *map.entry(word).or_insert(0u8) |= 1 << bit;
            }
        }
        map
    })
}

fn lang_index(lang: Lang) -> Option<usize> {
    STOPWORD_LANGS.iter().position(|&l| l == lang)
}

/// True when `lowercase_word` (already lowercased) is one of the frequent function words of
/// `lang`. Always false for languages without a stop-word list.
pub fn is_stopword(lang: Lang, lowercase_word: &str) -> bool {
    let Some(i) = lang_index(lang) else {
        return false;
    };
    stopword_map()
        .get(lowercase_word)
        .is_some_and(|mask| mask & (1 << i) != 0)
}

/// Counts, for each language of [`STOPWORD_LANGS`] (in that order), how many of `words` are its
/// stop words. Words may be in any case (they are lowercased here); a word shared by several
/// languages counts for each of them.
pub fn stopword_scores<'a>(words: impl IntoIterator<Item = &'a str>) -> [(Lang, u32); 7] {
    let map = stopword_map();
    let mut counts = [0u32; 7];
    let mut lower = String::new();
    for word in words {
        let upper = if word.is_ascii() {
            word.bytes().any(|b| b.is_ascii_uppercase())
        } else {
            word.chars().any(char::is_uppercase)
        };
        let key = if upper {
            crate::tokenize::normalize::fold(word, &mut lower);
            lower.as_str()
        } else {
            word
        };
        if let Some(&mask) = map.get(key) {
            for (i, count) in counts.iter_mut().enumerate() {
                *count += u32::from(mask >> i & 1);
            }
        }
    }
    let mut out = [(Lang::UND, 0u32); 7];
    for (slot, (&lang, &count)) in out.iter_mut().zip(STOPWORD_LANGS.iter().zip(&counts)) {
        *slot = (lang, count);
    }
    out
}

/// The language with the best stop-word score, when it has at least `MIN_HITS` hits and a margin
/// of 1.5× over the runner-up.
pub fn stopword_language(scores: &[(Lang, u32)]) -> Option<Lang> {
    let mut best = (Lang::UND, 0u32);
    let mut second = 0u32;
    for &(lang, n) in scores {
        if n > best.1 {
            second = best.1;
            best = (lang, n);
        } else if n > second {
            second = n;
        }
    }
    (best.1 >= MIN_HITS && best.1 * MARGIN_DEN >= second * MARGIN_NUM).then_some(best.0)
}

/// The longest prefix of `text` of at most `max` bytes that ends on a char boundary.
fn prefix(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while end > 0 && !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or("")
}

/// The words (maximal runs of alphabetic chars) of `text`.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
}

/// Detects the language of a document: the stop-word scorer over its first words when it is
/// clear-cut, else whatlang on its first kilobyte. `und` for empty or letterless text, or when
/// whatlang has no confident answer.
pub fn detect_document(text: &str) -> Lang {
    let sample = prefix(text, SAMPLE_BYTES);
    if !sample.chars().any(char::is_alphabetic) {
        return Lang::UND;
    }
    let scores = stopword_scores(words(sample).take(SAMPLE_WORDS));
    if let Some(lang) = stopword_language(&scores) {
        return lang;
    }
    detect_whatlang(prefix(sample, WHATLANG_BYTES))
}

/// Detects the language of an already tokenized document: the stop-word scorer over its first word
/// tokens, stopping as soon as the answer is clear (at least `EARLY_HITS` hits and twice the
/// runner-up), else whatlang on its first kilobyte. Same answers as [`detect_document`] on
/// clear-cut text, without scanning the text a second time.
pub fn detect_tokens(text: &str, tokens: &[crate::tokenize::Token]) -> Lang {
    let map = stopword_map();
    let mut counts = [0u32; 7];
    let mut lower = String::new();
    let mut seen = 0usize;
    for t in tokens
        .iter()
        .filter(|t| t.kind == crate::tokenize::TokenKind::Word)
    {
        let word = t.text(text);
        let key = if word.bytes().any(|b| b.is_ascii_uppercase()) || !word.is_ascii() {
            crate::tokenize::normalize::fold(word, &mut lower);
            lower.as_str()
        } else {
            word
        };
        if let Some(&mask) = map.get(key) {
            for (i, count) in counts.iter_mut().enumerate() {
                *count += u32::from(mask >> i & 1);
            }
        }
        seen += 1;
        if seen.is_multiple_of(16) {
            let mut sorted = counts;
            sorted.sort_unstable_by(|a, b| b.cmp(a));
            if sorted[0] >= EARLY_HITS && sorted[0] >= 2 * sorted[1] {
                break;
            }
        }
        if seen >= SAMPLE_WORDS {
            break;
        }
    }
    if seen == 0 {
        return Lang::UND;
    }
    let mut scores = [(Lang::UND, 0u32); 7];
    for (slot, (&lang, &count)) in scores.iter_mut().zip(STOPWORD_LANGS.iter().zip(&counts)) {
        *slot = (lang, count);
    }
    if let Some(lang) = stopword_language(&scores) {
        return lang;
    }
    detect_whatlang(prefix(text, WHATLANG_BYTES))
}

/// Detects the language of `text` with whatlang alone; `und` when it has no confident answer.
pub fn detect_whatlang(text: &str) -> Lang {
    let Some(info) = whatlang::detect(text) else {
        return Lang::UND;
    };
    if !info.is_reliable() && info.confidence() < MIN_CONFIDENCE {
        return Lang::UND;
    }
    Lang::parse(info.lang().code()).unwrap_or(Lang::UND)
}

/// Maps an ISO 639-3 (or 639-2/B) code to its ISO 639-1 code, when it has one. Covers every
/// language whatlang detects, plus common macrolanguage and bibliographic codes.
pub fn iso639_3_to_1(code: &str) -> Option<&'static str> {
    Some(match code {
        // Languages detected by whatlang.
        "afr" => "af",
        "aka" => "ak",
        "amh" => "am",
        "ara" => "ar",
        "aze" => "az",
        "bel" => "be",
        "ben" => "bn",
        "bul" => "bg",
        "cat" => "ca",
        "ces" => "cs",
        "cmn" => "zh",
        "cym" => "cy",
        "dan" => "da",
        "deu" => "de",
        "ell" => "el",
        "eng" => "en",
        "epo" => "eo",
        "est" => "et",
        "fin" => "fi",
        "fra" => "fr",
        "guj" => "gu",
        "heb" => "he",
        "hin" => "hi",
        "hrv" => "hr",
        "hun" => "hu",
        "hye" => "hy",
        "ind" => "id",
        "ita" => "it",
        "jav" => "jv",
        "jpn" => "ja",
        "kan" => "kn",
        "kat" => "ka",
        "khm" => "km",
        "kor" => "ko",
        "lat" => "la",
        "lav" => "lv",
        "lit" => "lt",
        "mal" => "ml",
        "mar" => "mr",
        "mkd" => "mk",
        "mya" => "my",
        "nep" => "ne",
        "nld" => "nl",
        "nob" => "nb",
        "ori" => "or",
        "pan" => "pa",
        "pes" => "fa",
        "pol" => "pl",
        "por" => "pt",
        "ron" => "ro",
        "rus" => "ru",
        "sin" => "si",
        "slk" => "sk",
        "slv" => "sl",
        "sna" => "sn",
        "spa" => "es",
        "srp" => "sr",
        "swe" => "sv",
        "tam" => "ta",
        "tel" => "te",
        "tgl" => "tl",
        "tha" => "th",
        "tuk" => "tk",
        "tur" => "tr",
        "ukr" => "uk",
        "urd" => "ur",
        "uzb" => "uz",
        "vie" => "vi",
        "yid" => "yi",
        "zul" => "zu",
        // Macrolanguages and other common codes.
        "zho" => "zh",
        "fas" => "fa",
        "nor" => "no",
        "nno" => "nn",
        "msa" => "ms",
        "zsm" => "ms",
        "swa" => "sw",
        "gle" => "ga",
        "eus" => "eu",
        "glg" => "gl",
        "isl" => "is",
        "sqi" => "sq",
        "bos" => "bs",
        "ltz" => "lb",
        "mlt" => "mt",
        "kaz" => "kk",
        "kir" => "ky",
        "tgk" => "tg",
        "tat" => "tt",
        "som" => "so",
        "hau" => "ha",
        "yor" => "yo",
        "ibo" => "ig",
        "xho" => "xh",
        "mon" => "mn",
        "pus" => "ps",
        "kur" => "ku",
        "lao" => "lo",
        "bre" => "br",
        "cos" => "co",
        "oci" => "oc",
        "fry" => "fy",
        "gla" => "gd",
        // ISO 639-2/B bibliographic codes.
        "alb" => "sq",
        "arm" => "hy",
        "baq" => "eu",
        "bur" => "my",
        "chi" => "zh",
        "cze" => "cs",
        "dut" => "nl",
        "fre" => "fr",
        "geo" => "ka",
        "ger" => "de",
        "gre" => "el",
        "ice" => "is",
        "mac" => "mk",
        "may" => "ms",
        "per" => "fa",
        "rum" => "ro",
        "slo" => "sk",
        "wel" => "cy",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopword_lists_load() {
        assert!(is_stopword(Lang::FR, "le"));
        assert!(is_stopword(Lang::EN, "the"));
        assert!(is_stopword(Lang::DE, "und"));
        assert!(is_stopword(Lang::NL, "het"));
        assert!(!is_stopword(Lang::EN, "le"));
        assert!(!is_stopword(Lang::UND, "the"));
        assert!(!is_stopword(Lang::FR, "#"));
        for data in STOPWORD_DATA {
            let n = data.lines().filter(|l| !l.starts_with('#')).count();
            assert!((90..=120).contains(&n), "{n} stop words");
            for w in data.lines().filter(|l| !l.starts_with('#')) {
                assert_eq!(w, w.to_lowercase(), "stop words are lowercase");
                assert!(!w.is_empty() && w.trim() == w);
            }
        }
    }

    #[test]
    fn scores_count_hits() {
        let scores =
            stopword_scores("Le chat et la souris sont dans une maison avec The".split(' '));
        assert_eq!(scores[0], (Lang::FR, 7));
        assert_eq!(scores[1], (Lang::EN, 1));
        assert_eq!(stopword_language(&scores), Some(Lang::FR));
        assert_eq!(stopword_language(&[(Lang::FR, 2), (Lang::EN, 0)]), None);
        assert_eq!(stopword_language(&[(Lang::ES, 4), (Lang::PT, 3)]), None);
    }

    #[test]
    fn maps_codes() {
        assert_eq!(iso639_3_to_1("fra"), Some("fr"));
        assert_eq!(iso639_3_to_1("cmn"), Some("zh"));
        assert_eq!(iso639_3_to_1("xyz"), None);
        assert_eq!(Lang::parse("rus"), Lang::parse("ru"));
        assert_eq!(Lang::parse("ger"), Some(Lang::DE));
    }

    #[test]
    fn whatlang_codes_all_map() {
        for lang in whatlang::Lang::all() {
            assert!(
                iso639_3_to_1(lang.code()).is_some(),
                "no ISO 639-1 code for {}",
                lang.code()
            );
        }
    }

    #[test]
    fn prefix_cuts_on_char_boundary() {
        assert_eq!(prefix("été", 2), "é");
        assert_eq!(prefix("été", 1), "");
        assert_eq!(prefix("abc", 10), "abc");
    }
}
