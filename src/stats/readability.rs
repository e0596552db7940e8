//! Readability formulas, each language with its adaptation, on textstat-compatible counts.
//!
//! With `ASL = Wd/Se` and `ASW = Sy/Wd` (each 0 when its denominator is 0), as textstat 0.7.13:
//!
//! - **Flesch reading ease**, language-adapted `B − a·ASL − b·ASW` (0 when ASL or ASW is 0):
//!
//!   | language | formula | B | a | b |
//!   |---|---|---|---|---|
//!   | en | Flesch | 206.835 | 1.015 | 84.6 |
//!   | fr | Kandel–Moles | 207 | 1.015 | 73.6 |
//!   | es | Fernández-Huerta | 206.84 | 1.02 | 60 |
//!   | de | Amstad | 180 | 1 | 58.5 |
//!   | it | Flesch–Vacca | 217 | 1.3 | 60 |
//!   | nl | Douma | 206.835 | 0.93 | 77 |
//!   | ru | — | 206.835 | 1.3 | 60.1 |
//!   | other | Flesch (English constants) | 206.835 | 1.015 | 84.6 |
//!
//! - **Flesch–Kincaid grade** `0.39·ASL + 11.8·ASW − 15.59` (0 when ASL or ASW is 0), for every
//!   language (it is calibrated on English).
//! - **LIX** `ASL + 100·long/Wd` (0 when Wd = 0) and **RIX** `long/Se` (0 when Se = 0), for every
//!   language; long = more than 6 letters.
//! - **Gulpease** (it) `89 + 300·Se/Wd − 10·chars/Wd′` (0 when either ratio is 0; chars are
//!   non-space characters, punctuation included, and Wd′ the raw whitespace chunks).
//! - **Wiener Sachtextformel** (de, first variant) `0.1935·MS + 0.1672·ASL + 0.1297·IW − 0.0327·ES
//!   − 0.875` with MS, IW, ES the percentages of words with ≥ 3 syllables, > 6 letters, 1 syllable.

use serde::Serialize;

use super::textstat::TextCounts;
use crate::lang::Lang;

/// Constants of the language-adapted Flesch reading ease.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Flesch {
    pub name: &'static str,
    pub base: f64,
    pub sentence_length: f64,
    pub syllables_per_word: f64,
}

impl Flesch {
    pub fn for_lang(lang: Lang) -> Flesch {
        let (name, base, a, b) = match lang.as_str() {
            "en" => ("flesch", 206.835, 1.015, 84.6),
            "fr" => ("kandel-moles", 207.0, 1.015, 73.6),
            "es" => ("fernandez-huerta", 206.84, 1.02, 60.0),
            "de" => ("amstad", 180.0, 1.0, 58.5),
            "it" => ("flesch-vacca", 217.0, 1.3, 60.0),
            "nl" => ("douma", 206.835, 0.93, 77.0),
            "ru" => ("flesch-ru", 206.835, 1.3, 60.1),
            _ => ("flesch", 206.835, 1.015, 84.6),
        };
        Flesch {
            name,
            base,
            sentence_length: a,
            syllables_per_word: b,
        }
    }
}

/// The readability scores of one text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Readability {
    /// Which adaptation `flesch_reading_ease` is (`flesch`, `kandel-moles`, `amstad`...).
    pub formula: &'static str,
    pub flesch_reading_ease: f64,
    pub flesch_kincaid_grade: f64,
    pub lix: f64,
    pub rix: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gulpease: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wiener_sachtextformel: Option<f64>,
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

impl Readability {
    pub fn compute(lang: Lang, c: &TextCounts) -> Readability {
        let asl = ratio(c.words, c.sentences);
        let asw = ratio(c.syllables, c.words);
        let f = Flesch::for_lang(lang);
        let fre = if asl == 0.0 || asw == 0.0 {
            0.0
        } else {
            f.base - f.sentence_length * asl - f.syllables_per_word * asw
        };
        let fkg = if asl == 0.0 || asw == 0.0 {
            0.0
        } else {
            0.39 * asl + 11.8 * asw - 15.59
        };
        let lix = if c.words == 0 {
            0.0
        } else {
            asl + 100.0 * c.long_words as f64 / c.words as f64
        };
        let rix = ratio(c.long_words, c.sentences);
        let gulpease = (lang == Lang::IT).then(|| {
            let spw = ratio(c.sentences, c.words);
            let cpw = ratio(c.chars, c.raw_words);
            if spw == 0.0 || cpw == 0.0 {
                0.0
            } else {
                300.0 * spw - 10.0 * cpw + 89.0
            }
        });
        let wiener = (lang == Lang::DE).then(|| {
            if c.words == 0 {
                return 0.0;
            }
            let pct = |x: u64| 100.0 * x as f64 / c.words as f64;
            0.1935 * pct(c.polysyllables) + 0.1672 * asl + 0.1297 * pct(c.long_words)
                - 0.0327 * pct(c.monosyllables)
                - 0.875
        });
        Readability {
            formula: f.name,
            flesch_reading_ease: fre,
            flesch_kincaid_grade: fkg,
            lix,
            rix,
            gulpease,
            wiener_sachtextformel: wiener,
        }
    }

    /// Every score with its name, in a fixed order.
    pub fn values(&self) -> impl Iterator<Item = (&'static str, f64)> + '_ {
        [
            Some(("flesch_reading_ease", self.flesch_reading_ease)),
            Some(("flesch_kincaid_grade", self.flesch_kincaid_grade)),
            Some(("lix", self.lix)),
            Some(("rix", self.rix)),
            self.gulpease.map(|v| ("gulpease", v)),
            self.wiener_sachtextformel
                .map(|v| ("wiener_sachtextformel", v)),
        ]
        .into_iter()
        .flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worked_example_kandel_moles() {
        // anchors.md §4: Wd = 488, Se = 11, Sy = 764 → FRE = 207 − 1.015·44.364 − 73.6·1.5656.
        let c = TextCounts {
            words: 488,
            sentences: 11,
            syllables: 764,
            ..TextCounts::default()
        };
        let r = Readability::compute(Lang::FR, &c);
        assert_eq!(r.formula, "kandel-moles");
        assert!(
            (r.flesch_reading_ease - 46.74).abs() < 0.005,
            "{}",
            r.flesch_reading_ease
        );
        assert!((r.flesch_reading_ease - 46.744679582712365).abs() < 1e-9);
    }

    #[test]
    fn every_formula_by_hand() {
        // 20 words, 2 sentences, 30 syllables, 4 long words, 3 polysyllables, 12 monosyllables,
        // 110 chars over 22 raw chunks.
        let c = TextCounts {
            words: 20,
            sentences: 2,
            syllables: 30,
            letters: 90,
            chars: 110,
            raw_words: 22,
            long_words: 4,
            mini_words: 10,
            polysyllables: 3,
            monosyllables: 12,
        };
        // ASL = 10, ASW = 1.5.
        let en = Readability::compute(Lang::EN, &c);
        assert!((en.flesch_reading_ease - (206.835 - 10.15 - 126.9)).abs() < 1e-9);
        assert!((en.flesch_kincaid_grade - (3.9 + 17.7 - 15.59)).abs() < 1e-9);
        assert!((en.lix - (10.0 + 20.0)).abs() < 1e-9);
        assert!((en.rix - 2.0).abs() < 1e-9);
        assert_eq!(en.gulpease, None);
        let de = Readability::compute(Lang::DE, &c);
        assert!((de.flesch_reading_ease - (180.0 - 10.0 - 87.75)).abs() < 1e-9);
        // MS 15 %, IW 20 %, ES 60 %.
        let w = 0.1935 * 15.0 + 0.1672 * 10.0 + 0.1297 * 20.0 - 0.0327 * 60.0 - 0.875;
        assert!((de.wiener_sachtextformel.unwrap() - w).abs() < 1e-9);
        let it = Readability::compute(Lang::IT, &c);
        assert!((it.flesch_reading_ease - (217.0 - 13.0 - 90.0)).abs() < 1e-9);
        // 89 + 300·0.1 − 10·5 = 69.
        assert!((it.gulpease.unwrap() - 69.0).abs() < 1e-9);
        let es = Readability::compute(Lang::ES, &c);
        assert_eq!(es.formula, "fernandez-huerta");
        assert!((es.flesch_reading_ease - (206.84 - 10.2 - 90.0)).abs() < 1e-9);
        let und = Readability::compute(Lang::UND, &c);
        assert_eq!(und.flesch_reading_ease, en.flesch_reading_ease);
    }

    #[test]
    fn zero_denominators_give_zero() {
        let r = Readability::compute(Lang::EN, &TextCounts::default());
        assert_eq!(
            (r.flesch_reading_ease, r.flesch_kincaid_grade, r.lix, r.rix),
            (0.0, 0.0, 0.0, 0.0)
        );
    }
}
