//! `mt/number-mismatch`: a number changed, added or dropped in translation. Needs the record's
//! `source` field.

use crate::diagnostic::Severity;
use crate::lang::Lang;
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};
use crate::span::Span;

use super::bitext::{aligned_lines, first_line, source, source_lang};
use super::numbers::{Num, Spelled, extract, spelled};

pub struct NumberMismatch;

/// At most this many values are listed in one message.
const MAX_LISTED: usize = 4;
/// Segments with more numbers than this (tables, data sheets) are skipped.
const MAX_NUMBERS: usize = 24;

impl Rule for NumberMismatch {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "mt/number-mismatch".into(),
            severity: Severity::Error,
            summary: "a number changed, added or dropped in translation".into(),
            explanation: "Needs the source text in the record's `source` field (JSONL); without it the \
                rule does nothing. The numbers of source and target are read in the conventions of \
                their languages (the source language comes from a `source_lang`, `src_lang` or `lp` \
                field, or is detected): `1 500,75` = `1,500.75` = `1.500,75`, `4,5 %` = `4.5%`, `1,5 \
                milliard` = `1.5 billion` (but French `billion` is 10¹²), `3 p.m.` = `15 h`. A number \
                that can be read two ways (`1,500`) matches either reading. Numbers are compared line \
                by line when both sides have the same number of non-blank lines, otherwise over the \
                whole text. A target number without a counterpart is reported (`changed` when the \
                source segment has an unmatched number too, else `added`); source numbers without a \
                counterpart are reported on the target segment (`missing`). A number written out on \
                the other side (`trois`, `a dozen`, `first`) excuses a digit number. Unit and currency \
                conversions are reported: they are rare in news translation and worth a look. The \
                examples below are target texts; the rule's tests pair them with their sources."
                .into(),
            flagged: examples(&[
                ("fr", "L’explosion a fait 32 morts."),
                ("fr", "Les prix ont augmenté de 5 % en mai."),
                ("fr", "La dette atteint 1,5 billion d’euros."),
            ]),
            allowed: examples(&[
                ("fr", "L’explosion a fait 23 morts."),
                ("fr", "Les prix ont augmenté de 4,5 % en mai."),
                ("fr", "La dette atteint 1,5 milliard d’euros."),
            ]),
            languages: Vec::new(),
            default_enabled: true,
            origin: file!().into(),
        }
    }

    fn check(&self, cx: &Ctx<'_>, out: &mut Sink<'_>) {
        let Some(src) = source(cx) else {
            return;
        };
        if !src.bytes().any(|b| b.is_ascii_digit())
            && !cx.text().bytes().any(|b| b.is_ascii_digit())
        {
            return;
        }
        let text = cx.text();
        let tlang = cx.an.lang;
        let slang = source_lang(cx, src);
        match aligned_lines(text, src) {
            Some(pairs) => {
                for p in pairs {
                    let seg = p.target.text(text);
                    compare(
                        seg,
                        tlang,
                        p.source,
                        slang,
                        p.target.start as usize,
                        p.target,
                        out,
                    );
                }
            }
            None => compare(text, tlang, src, slang, 0, first_line(text), out),
        }
    }
}

/// Compares the numbers of one target segment (starting at byte `offset` of the document) with its
/// source segment; `missing` findings go on `segment`.
fn compare(
    target: &str,
    tlang: Lang,
    source: &str,
    slang: Lang,
    offset: usize,
    segment: Span,
    out: &mut Sink<'_>,
) {
    let mut t = Vec::new();
    let mut s = Vec::new();
    extract(target, tlang, &mut t);
    extract(source, slang, &mut s);
    if t.is_empty() && s.is_empty() {
        return;
    }
    // Tables and specification sheets are out of scope: too many numbers to pair reliably.
    if t.len().max(s.len()) > MAX_NUMBERS {
        return;
    }
    let (mut t_left, mut s_left) = match_numbers(&t, &s);
    if t_left.is_empty() && s_left.is_empty() {
        return;
    }
    // `16.3` on one side and `16` … `3` on the other (a date or a version read as a decimal).
    join_split_parts(target, &t, &mut t_left, &s, &mut s_left);
    join_split_parts(source, &s, &mut s_left, &t, &mut t_left);
    // Numbers written out on the other side excuse digit numbers.
    let mut s_words = Vec::new();
    let mut t_words = Vec::new();
    spelled(source, slang, &mut s_words);
    spelled(target, tlang, &mut t_words);
    excuse(&mut t_left, &t, &mut s_words);
    excuse(&mut s_left, &s, &mut t_words);
    // Codes (`A380`, `2G`) may match but are not reported.
    t_left.retain(|&i| !t[i].optional);
    s_left.retain(|&i| !s[i].optional);
    let s_shown: Vec<String> = s_left
        .iter()
        .take(MAX_LISTED)
        .map(|&i| format!("`{}`", &source[s[i].start..s[i].end]))
        .collect();
    for &i in &t_left {
        let n = &t[i];
        let shown = &target[n.start..n.end];
        let span = Span::from_usize(offset + n.start, offset + n.end);
        if s_shown.is_empty() {
            out.report_kind(
                "added",
                false,
                span,
                format!("`{shown}` is not in the source"),
                None,
            );
        } else {
            out.report_kind(
                "changed",
                false,
                span,
                format!(
                    "`{shown}` does not match the source, which has {}",
                    s_shown.join(", ")
                ),
                None,
            );
        }
    }
    if t_left.is_empty() && !s_shown.is_empty() {
        let more = if s_left.len() > MAX_LISTED {
            ", …"
        } else {
            ""
        };
        let (noun, verb) = if s_left.len() == 1 {
            ("number", "is")
        } else {
            ("numbers", "are")
        };
        out.report_kind(
            "missing",
            false,
            segment,
            format!(
                "the source {noun} {}{more} {verb} missing from the translation",
                s_shown.join(", ")
            ),
            None,
        );
    }
}

/// Pairs target and source numbers that can have the same value; returns the indices of the unpaired
/// ones (target, source). Numbers with a single reading are paired first.
fn match_numbers(t: &[Num], s: &[Num]) -> (Vec<usize>, Vec<usize>) {
    let mut s_used = vec![false; s.len()];
    let mut t_used = vec![false; t.len()];
    let mut order: Vec<usize> = (0..t.len()).collect();
    order.sort_by_key(|&i| t[i].values().len());
    let mut s_order: Vec<usize> = (0..s.len()).collect();
    s_order.sort_by_key(|&i| s[i].values().len());
    for &ti in &order {
        if let Some(&si) = s_order
            .iter()
            .find(|&&si| !s_used[si] && t[ti].matches(&s[si]))
        {
            s_used[si] = true;
            t_used[ti] = true;
        }
    }
    (
        (0..t.len()).filter(|&i| !t_used[i]).collect(),
        (0..s.len()).filter(|&i| !s_used[i]).collect(),
    )
}

/// Removes an unmatched number with separators (`16.3`, `1,85`) from `a_left` when each of its digit
/// groups matches a distinct unmatched number of the other side, removed from `b_left` too.
fn join_split_parts(
    a_text: &str,
    a: &[Num],
    a_left: &mut Vec<usize>,
    b: &[Num],
    b_left: &mut Vec<usize>,
) {
    a_left.retain(|&i| {
        let chunk = &a_text[a[i].start..a[i].end];
        let parts: Vec<f64> = chunk
            .split(|c: char| !c.is_ascii_digit())
            .filter(|p| !p.is_empty())
            .filter_map(|p| p.parse().ok())
            .collect();
        if parts.len() < 2 {
            return true;
        }
        let mut taken: Vec<usize> = Vec::new();
        for v in &parts {
            match b_left
                .iter()
                .copied()
                .find(|j| !taken.contains(j) && b[*j].can_be(*v))
            {
                Some(j) => taken.push(j),
                None => return true,
            }
        }
        b_left.retain(|j| !taken.contains(j));
        false
    });
}

/// Removes from `left` the numbers that a spelled-out number of the other side accounts for.
fn excuse(left: &mut Vec<usize>, nums: &[Num], words: &mut Vec<Spelled>) {
    left.retain(|&i| {
        let n = &nums[i];
        match words
            .iter()
            .position(|w| (!w.month || n.date_part) && n.can_be(w.value))
        {
            Some(k) => {
                words.swap_remove(k);
                false
            }
            None => true,
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::builtin::mt::bitext::testing::{bitext_spans, run_bitext};
    use crate::rules::testing::assert_allows;

    fn spans(source: &str, target: &str) -> Vec<String> {
        bitext_spans(&NumberMismatch, Lang::FR, source, target)
    }

    #[test]
    fn catalog_cases() {
        assert_eq!(
            spans(
                "The blast killed 23 people.",
                "L’explosion a fait 32 morts."
            ),
            ["32"]
        );
        assert_eq!(
            spans(
                "Prices rose 4.5% in May.",
                "Les prix ont augmenté de 5 % en mai."
            ),
            ["5"]
        );
        assert!(
            spans(
                "The blast killed 23 people.",
                "L’explosion a fait 23 morts."
            )
            .is_empty()
        );
        assert!(
            spans(
                "Prices rose 4.5% in May.",
                "Les prix ont augmenté de 4,5 % en mai."
            )
            .is_empty()
        );
    }

    #[test]
    fn messages_and_kinds() {
        let found = run_bitext(
            &NumberMismatch,
            Lang::FR,
            "The blast killed 23 people.",
            "L’explosion a fait 32 morts.",
        );
        assert_eq!(found[0].kind, Some("changed"));
        assert_eq!(
            found[0].message,
            "`32` does not match the source, which has `23`"
        );
        assert_eq!(found[0].severity, Severity::Error);
        let found = run_bitext(
            &NumberMismatch,
            Lang::FR,
            "Title\nThe blast killed 23 people on Monday, 4 more on Tuesday.",
            "Titre\nL’explosion a fait des morts lundi, et mardi.",
        );
        assert_eq!(found[0].kind, Some("missing"));
        assert_eq!(
            found[0].message,
            "the source numbers `23`, `4` are missing from the translation"
        );
        assert_eq!(
            found[0]
                .span
                .text("Titre\nL’explosion a fait des morts lundi, et mardi."),
            "L’explosion a fait des morts lundi, et mardi."
        );
        let found = run_bitext(
            &NumberMismatch,
            Lang::FR,
            "The blast killed people.",
            "L’explosion a fait 12 morts.",
        );
        assert_eq!(found[0].kind, Some("added"));
    }

    #[test]
    fn locale_conversions_match() {
        assert!(
            spans(
                "The budget is $1,500.75 million, or 1.5 billion in total, at 3 p.m. on 9/19/2023.",
                "Le budget est de 1 500,75 millions de dollars, soit 1,5 milliard au total, à 15 h le 19/9/2023."
            )
            .is_empty()
        );
        assert_eq!(
            spans(
                "The debt is 1.5 billion euros.",
                "La dette atteint 1,5 billion d’euros."
            ),
            ["1,5"]
        );
        assert!(
            spans(
                "Three people died and a dozen were hurt; 2 fled.",
                "3 personnes sont mortes et 12 ont été blessées ; deux ont fui."
            )
            .is_empty()
        );
        assert!(
            bitext_spans(
                &NumberMismatch,
                Lang::FR,
                "Die Bank senkte die Grenze auf 50.000 Euro, am 19.09.2023 um 20 Uhr.",
                "La banque a abaissé la limite à 50 000 euros, le 19 septembre 2023 à 20 h."
            )
            .is_empty()
        );
    }

    #[test]
    fn split_dates_and_codes() {
        assert!(
            spans(
                "Wieso wird der Versand erst am 16.3. gestartet? 2G-Regel, 3 Personen.",
                "Pourquoi la livraison ne commence-t-elle que le 16.3. ? La règle VR, 3 personnes."
            )
            .is_empty()
        );
        assert!(
            spans(
                "Mon physique 1m85 - 120kg, une trentaine de personnes.",
                "Mein Körperbau ist 1,85 m - 120 kg, etwa 30 Personen."
            )
            .is_empty()
        );
    }

    #[test]
    fn german_source_with_lp_field() {
        let found = bitext_spans(
            &NumberMismatch,
            Lang::FR,
            "Die Bank senkte die Grenze auf 50.000 Euro, am 19.09.2023.",
            "La banque a abaissé la limite à 5 000 euros, le 19/09/2023.",
        );
        assert_eq!(found, ["5 000"]);
    }

    #[test]
    fn nothing_without_a_source() {
        assert_allows(&NumberMismatch, Lang::FR, "L’explosion a fait 32 morts.");
    }
}
