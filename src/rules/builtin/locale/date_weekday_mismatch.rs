//! `locale/date-weekday-mismatch`: a weekday that contradicts its date (`mercredi 19 septembre 2023`,
//! a Tuesday), or a date that does not exist (`31 juin`, `February 30`).

use crate::diagnostic::Severity;
use crate::lang::Lang;
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};
use crate::span::Span;
use crate::tokenize::{Token, TokenKind};

use super::calendar::{
    EN_DAYS, FR_DAYS, day, day_number, days_in_month, en_month, is_punct, month, next_sig, weekday,
    year_number,
};

pub struct DateWeekdayMismatch;

/// A date read from the text: token range, optional weekday, day, month, optional year.
#[derive(Debug, Clone, Copy)]
struct Date {
    first: usize,
    last: usize,
    weekday: Option<u32>,
    day: u32,
    month: u32,
    year: Option<i64>,
}

impl Rule for DateWeekdayMismatch {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "locale/date-weekday-mismatch".into(),
            severity: Severity::Error,
            summary: "a weekday that contradicts its date, or a date that does not exist".into(),
            explanation: "A full date with a weekday (`mardi 19 septembre 2023`, `Friday, March 3, \
                2024`, `Sunday 3 March 2024`) is checked against the Gregorian calendar: a wrong \
                weekday is a factual error, often made when a translation system or an editor changes \
                the day or the weekday but not both. Dates that cannot exist (`31 juin`, `February 30`, \
                `29 février 2023`) are reported too (sub-kind `invalid-date`). In a range such as \
                `du lundi 3 au vendredi 7 mars 2025`, the first item takes the month and year of the \
                second. Dates without a year are not checked against their weekday (the year would \
                have to be inferred from the document's timestamp). French and English."
                .into(),
            flagged: examples(&[
                ("fr", "Le scrutin aura lieu le mercredi 19 septembre 2023."),
                ("en", "The summit opened on Friday, March 3, 2024."),
                ("fr", "La réunion est prévue le 31 juin prochain."),
                ("fr", "Les négociations ont duré du mardi 3 au vendredi 7 mars 2025."),
            ]),
            allowed: examples(&[
                ("fr", "Mis à jour mardi 19 septembre 2023 – 04:14"),
                ("en", "The summit opened on Sunday, March 3, 2024."),
                ("en", "The vote is on Thursday 14 March 2024 and the results on March 31."),
                ("fr", "Les négociations ont duré du lundi 3 au vendredi 7 mars 2025."),
            ]),
            languages: vec!["fr".into(), "en".into()],
            default_enabled: true,
            origin: file!().into(),
        }
    }

    fn check(&self, cx: &Ctx<'_>, out: &mut Sink<'_>) {
        let lang = cx.an.lang;
        if lang != Lang::FR && lang != Lang::EN {
            return;
        }
        let text = cx.text();
        let bytes = text.as_bytes();
        let tokens = &cx.an.tokens;
        let mut covered_until = 0usize;
        for (i, tok) in tokens.iter().enumerate() {
            if i < covered_until {
                continue;
            }
            let date = match tok.kind {
                TokenKind::Word if !may_start_date(lang, bytes, tok) => None,
                // A day number has one or two digits.
                TokenKind::Number if tok.end - tok.start > 2 => None,
                TokenKind::Word => day(lang, tok.text(text))
                    .and_then(|wd| parse_after_weekday(lang, text, tokens, i, wd))
                    .or_else(|| {
                        (lang == Lang::EN)
                            .then(|| parse_mdy(text, tokens, i, None))
                            .flatten()
                    }),
                TokenKind::Number => parse_dmy(lang, text, tokens, i, None),
                _ => None,
            };
            let Some(date) = date else { continue };
            covered_until = date.last + 1;
            report(lang, text, tokens, &date, out);
        }
    }
}

/// Whether word token `tok` may start a date, by its length and end bytes (most words leave here,
/// undecoded): a French weekday has 5 to 8 bytes and ends with `i` or `e` (`lundi`, `dimanche`);
/// an English one has 6 to 9 and ends with `day`; an English month name starts with a capital `A`–`Z`.
fn may_start_date(lang: Lang, bytes: &[u8], tok: &Token) -> bool {
    let (start, end) = (tok.start as usize, tok.end as usize);
    let len = end - start;
    let last = end.checked_sub(1).and_then(|i| bytes.get(i)).copied();
    if lang == Lang::FR {
        (5..=8).contains(&len) && matches!(last, Some(b'i' | b'I' | b'e' | b'E'))
    } else {
        ((6..=9).contains(&len) && matches!(last, Some(b'y' | b'Y')))
            || bytes.get(start).is_some_and(u8::is_ascii_uppercase)
    }
}

/// Parses the date that follows weekday token `w` (with the weekday `wd`).
fn parse_after_weekday(
    lang: Lang,
    text: &str,
    tokens: &[Token],
    w: usize,
    wd: u32,
) -> Option<Date> {
    let mut j = next_sig(tokens, w)?;
    if is_punct(text, tokens, j, ",") {
        j = next_sig(tokens, j)?;
    }
    if lang == Lang::EN
        && tokens[j].kind == TokenKind::Word
        && tokens[j].text(text).eq_ignore_ascii_case("the")
    {
        j = next_sig(tokens, j)?;
    }
    let mut date = match tokens[j].kind {
        TokenKind::Word if lang == Lang::EN && day_number(text, &tokens[j]).is_none() => {
            parse_mdy(text, tokens, j, Some(wd))?
        }
        _ => match parse_dmy(lang, text, tokens, j, Some(wd)) {
            Some(d) => d,
            None => parse_range_head(lang, text, tokens, j, wd)?,
        },
    };
    date.first = w;
    Some(date)
}

/// A range head (`lundi 3 au vendredi 7 mars 2025`): the day at `j`, then `au`/`et`/`-`/`to`/`and`, then
/// a full date whose month and year the head borrows.
fn parse_range_head(lang: Lang, text: &str, tokens: &[Token], j: usize, wd: u32) -> Option<Date> {
    let d = day_number(text, &tokens[j])?;
    let link = next_sig(tokens, j)?;
    let lt = tokens[link].text(text);
    let is_link = matches!(lt, "-" | "–" | "au" | "et" | "to" | "and" | "through");
    if !is_link {
        return None;
    }
    let mut k = next_sig(tokens, link)?;
    if day(lang, tokens[k].text(text)).is_some() {
        k = next_sig(tokens, k)?;
        if is_punct(text, tokens, k, ",") {
            k = next_sig(tokens, k)?;
        }
    }
    let tail = parse_dmy(lang, text, tokens, k, None)?;
    tail.year?;
    // Only the head is reported here; the tail is checked when the scan reaches its own weekday.
    Some(Date {
        first: j,
        last: j,
        weekday: Some(wd),
        day: d,
        month: tail.month,
        year: tail.year,
    })
}

/// Day-month-year from token `j` (a day number): `19 septembre 2023`, `3 March 2024`, `3rd of March`.
fn parse_dmy(lang: Lang, text: &str, tokens: &[Token], j: usize, wd: Option<u32>) -> Option<Date> {
    let d = day_number(text, &tokens[j])?;
    let mut k = next_sig(tokens, j)?;
    if lang == Lang::EN && tokens[k].text(text) == "of" {
        k = next_sig(tokens, k)?;
    }
    if tokens[k].kind != TokenKind::Word {
        return None;
    }
    let m = month(lang, tokens[k].text(text))?;
    let mut last = k;
    let mut year = None;
    if let Some(mut y) = next_sig(tokens, k) {
        if lang == Lang::EN && is_punct(text, tokens, y, ",") {
            y = next_sig(tokens, y).unwrap_or(y);
        }
        if let Some(yy) = year_number(text, &tokens[y]) {
            year = Some(yy);
            last = y;
        }
    }
    Some(Date {
        first: j,
        last,
        weekday: wd,
        day: d,
        month: m,
        year,
    })
}

/// Month-day-year from token `j` (an English month name): `March 3, 2024`, `Sept. 19, 2023`.
fn parse_mdy(text: &str, tokens: &[Token], j: usize, wd: Option<u32>) -> Option<Date> {
    let word = tokens[j].text(text);
    // Names must be capitalised: `may 3` is a verb before a number.
    if !word.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let full = en_month(word, false);
    let abbrev = if full.is_none() {
        Some(en_month(word, true)?)
    } else {
        None
    };
    let mut k = next_sig(tokens, j)?;
    let m = match (full, abbrev) {
        (Some(m), _) => m,
        (None, Some(m)) if is_punct(text, tokens, k, ".") => {
            k = next_sig(tokens, k)?;
            m
        }
        _ => return None,
    };
    // `Sept. 19` and `September 19`, but `Jan. 5` must really have its period.
    if full.is_some() && is_punct(text, tokens, k, ".") {
        return None;
    }
    let d = day_number(text, &tokens[k])?;
    let mut last = k;
    let mut year = None;
    if let Some(mut y) = next_sig(tokens, k) {
        if is_punct(text, tokens, y, ",") {
            y = next_sig(tokens, y).unwrap_or(y);
        }
        if let Some(yy) = year_number(text, &tokens[y]) {
            year = Some(yy);
            last = y;
        }
    }
    Some(Date {
        first: j,
        last,
        weekday: wd,
        day: d,
        month: m,
        year,
    })
}

fn report(lang: Lang, text: &str, tokens: &[Token], date: &Date, out: &mut Sink<'_>) {
    let span = Span::new(tokens[date.first].start, tokens[date.last].end);
    let shown = span.text(text);
    let max = days_in_month(date.year, date.month).unwrap_or(31);
    let month_name = if lang == Lang::FR {
        super::calendar::FR_MONTHS[date.month as usize - 1]
    } else {
        super::calendar::EN_MONTHS[date.month as usize - 1]
    };
    if date.day > max {
        // `29 février` without a year, or a weekday date, is still checked for the day count.
        let what = match date.year {
            Some(y) if date.month == 2 => format!("{month_name} {y} has {max} days"),
            _ => format!("{month_name} has {max} days"),
        };
        out.report_kind(
            "invalid-date",
            false,
            span,
            format!("`{shown}` is not a date: {what}"),
            None,
        );
        return;
    }
    let (Some(wd), Some(year)) = (date.weekday, date.year) else {
        return;
    };
    let actual = weekday(year, date.month, date.day);
    if actual == wd {
        return;
    }
    let names = if lang == Lang::FR { FR_DAYS } else { EN_DAYS };
    let when = if lang == Lang::FR {
        format!("le {} {month_name} {year}", date.day)
    } else {
        format!("{month_name} {}, {year}", date.day)
    };
    out.report(
        span,
        format!(
            "`{shown}`: {when} is a {}, not a {}",
            names[actual as usize], names[wd as usize]
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_allows, assert_flags, run};

    #[test]
    fn catalog_cases() {
        let r = DateWeekdayMismatch;
        assert_flags(
            &r,
            Lang::FR,
            "Le scrutin aura lieu le mercredi 19 septembre 2023.",
            &["mercredi 19 septembre 2023"],
        );
        assert_flags(
            &r,
            Lang::EN,
            "The summit opened on Friday, March 3, 2024.",
            &["Friday, March 3, 2024"],
        );
        assert_allows(&r, Lang::FR, "Mis à jour mardi 19 septembre 2023 – 04:14");
        assert_allows(&r, Lang::EN, "The summit opened on Sunday, March 3, 2024.");
    }

    #[test]
    fn message_names_the_right_day() {
        let found = run(
            &DateWeekdayMismatch,
            Lang::FR,
            "Le scrutin aura lieu le mercredi 19 septembre 2023.",
        );
        assert_eq!(
            found[0].message,
            "`mercredi 19 septembre 2023`: le 19 septembre 2023 is a mardi, not a mercredi"
        );
    }

    #[test]
    fn english_variants() {
        let r = DateWeekdayMismatch;
        assert_flags(
            &r,
            Lang::EN,
            "It opens on Monday 3 March 2024 in Geneva.",
            &["Monday 3 March 2024"],
        );
        assert_flags(
            &r,
            Lang::EN,
            "It opened on Tuesday, Sept. 19, 2023, and on Monday, the 3rd of March 2024.",
            &["Monday, the 3rd of March 2024"],
        );
        assert_allows(&r, Lang::EN, "It opens on Sunday, 3rd March 2024.");
        assert_flags(
            &r,
            Lang::EN,
            "It opened on Wednesday, Sept. 19, 2023.",
            &["Wednesday, Sept. 19, 2023"],
        );
        // Without a year the weekday is not checked.
        assert_allows(&r, Lang::EN, "The talks resume on Friday, March 3.");
        assert_allows(&r, Lang::EN, "Prices may 3 times rise.");
    }

    #[test]
    fn invalid_dates() {
        let r = DateWeekdayMismatch;
        assert_flags(
            &r,
            Lang::FR,
            "La réunion est prévue le 31 juin prochain.",
            &["31 juin"],
        );
        assert_flags(
            &r,
            Lang::FR,
            "Le décret du 29 février 2023 est abrogé.",
            &["29 février 2023"],
        );
        assert_allows(&r, Lang::FR, "Le décret du 29 février 2024 est abrogé.");
        assert_flags(
            &r,
            Lang::EN,
            "The deadline is February 30.",
            &["February 30"],
        );
        assert_flags(
            &r,
            Lang::FR,
            "Rendez-vous le samedi 31 septembre 2023.",
            &["samedi 31 septembre 2023"],
        );
        let found = run(&r, Lang::FR, "Le 31 juin.");
        assert_eq!(found[0].kind, Some("invalid-date"));
        assert_allows(
            &r,
            Lang::FR,
            "Il a marqué 31 buts en 30 matchs, le 30 juin.",
        );
    }

    #[test]
    fn ranges_take_month_and_year_from_the_tail() {
        let r = DateWeekdayMismatch;
        assert_flags(
            &r,
            Lang::FR,
            "Les négociations ont duré du mardi 3 au vendredi 7 mars 2025.",
            &["mardi 3"],
        );
        assert_flags(
            &r,
            Lang::FR,
            "Du lundi 3 au jeudi 7 mars 2025.",
            &["jeudi 7 mars 2025"],
        );
        assert_allows(
            &r,
            Lang::FR,
            "Les négociations ont duré du lundi 3 au vendredi 7 mars 2025.",
        );
    }

    #[test]
    fn other_languages_are_skipped() {
        assert_allows(
            &DateWeekdayMismatch,
            Lang::DE,
            "Am mercredi 19 septembre 2023.",
        );
    }
}
