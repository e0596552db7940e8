//! `locale/datetime-format`: dates and times written in the conventions of another locale: English
//! month or weekday names, US month/day order or `3 p.m.` in French; French month names or `15h30` in
//! English. Colon times in French (`04:14` for `4 h 14`) are reported at info level.

use crate::diagnostic::Severity;
use crate::lang::Lang;
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};
use crate::span::Span;
use crate::tokenize::{Token, TokenKind};

use super::calendar::{
    EN_DAYS, EN_MONTHS, FR_DAYS, FR_MONTHS, day_number, en_month, fr_day, fr_month, is_punct,
    next_sig, prev_sig, year_number,
};
use crate::rules::builtin::mt::quotes::QuotedSpans;

pub struct DatetimeFormat;

impl Rule for DatetimeFormat {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "locale/datetime-format".into(),
            severity: Severity::Info,
            summary: "a date or time written in the conventions of another locale".into(),
            explanation: "Translation systems often copy date and time formats from the source. In \
                French text the rule flags English month and weekday names next to a day or a year \
                (`19 September`, `Monday 3`), US month/day order (`09/19/2023`, when the second number \
                cannot be a month) and 12-hour times (`3 p.m.`); in English text, French month and \
                weekday names next to a number (`19 septembre`) and French-style times (`15h30`). These \
                are warnings. A colon time in French (`04:14`) is common on web pages but French \
                typography writes `4 h 14`: it is reported at info level (sub-kind `colon-time`). Names \
                inside quotation marks (titles of works, quoted English) are left alone, and so are \
                durations (`2:05:30`), URLs and numbers glued to letters. The day/month order of \
                English dates (en-US or en-GB) is not checked."
                .into(),
            flagged: examples(&[
                ("fr", "La réunion est prévue le 09/19/2023 à 3 p.m."),
                ("en", "The meeting is set for 19 septembre at 15h30."),
                ("fr", "Le sommet s’est ouvert le 19 September 2023 à Genève."),
                ("fr", "Mis à jour mardi 19 septembre 2023 – 04:14"),
            ]),
            allowed: examples(&[
                ("fr", "La réunion est prévue le 19/09/2023 à 15 h 30."),
                ("en", "The meeting is set for September 19 at 3:30 p.m."),
                ("fr", "Il a chanté « September Song » et couru le marathon en 2:05:30."),
                ("en", "The Mars 2020 rover landed in February 2021."),
            ]),
            languages: vec!["fr".into(), "en".into()],
            default_enabled: true,
            origin: file!().into(),
        }
    }

    fn check(&self, cx: &Ctx<'_>, out: &mut Sink<'_>) {
        let lang = cx.an.lang;
        let text = cx.text();
        let tokens = &cx.an.tokens;
        let mut quotes = QuotedSpans::new(text);
        if lang == Lang::FR {
            for (i, tok) in tokens.iter().enumerate() {
                match tok.kind {
                    TokenKind::Word => english_name_in_fr(text, tokens, i, &mut quotes, out),
                    TokenKind::Number => numeric_in_fr(text, tokens, i, out),
                    _ => {}
                }
            }
        } else if lang == Lang::EN {
            for (i, tok) in tokens.iter().enumerate() {
                match tok.kind {
                    TokenKind::Word => {
                        french_name_in_en(text, tokens, i, &mut quotes, out);
                        glued_h_time_in_en(text, tok, out);
                    }
                    TokenKind::Number => spaced_h_time_in_en(text, tokens, i, out),
                    _ => {}
                }
            }
        }
    }
}

/// Whether token `i` is a day number (`19`, `1er`, `3rd`).
fn is_day(text: &str, tokens: &[Token], i: Option<usize>) -> bool {
    i.is_some_and(|i| day_number(text, &tokens[i]).is_some())
}

fn is_year(text: &str, tokens: &[Token], i: Option<usize>) -> bool {
    i.is_some_and(|i| year_number(text, &tokens[i]).is_some())
}

/// English month or weekday names next to a date number in French text.
fn english_name_in_fr(
    text: &str,
    tokens: &[Token],
    i: usize,
    quotes: &mut QuotedSpans<'_>,
    out: &mut Sink<'_>,
) {
    let tok = &tokens[i];
    // English names are capitalised; a French text only borrows them in titles and quotes. They
    // have 3 to 9 bytes (`May`, `September`, `Wednesday`): most words leave before being sliced.
    let len = tok.end - tok.start;
    if !(3..=9).contains(&len)
        || !text
            .as_bytes()
            .get(tok.start as usize)
            .is_some_and(u8::is_ascii_uppercase)
    {
        return;
    }
    let word = tok.text(text);
    let month = EN_MONTHS.iter().position(|m| *m == word);
    let day = match month {
        Some(_) => None,
        None => EN_DAYS.iter().position(|d| *d == word),
    };
    if month.is_none() && day.is_none() {
        return;
    }
    let next = next_sig(tokens, i);
    let prev = prev_sig(tokens, i);
    if let Some(m) = month {
        let fr = FR_MONTHS[m];
        let after_day = is_day(text, tokens, prev);
        let before_day = is_day(text, tokens, next);
        // `May` is also a name (Theresa May): only after a day number.
        let ok = after_day || (word != "May" && (before_day || is_year(text, tokens, next)));
        if !ok || quotes.contains(tok.start as usize) {
            return;
        }
        let message = format!("English month name `{word}` in French text");
        if before_day && !after_day {
            // `September 19[, 2023]` → `19 septembre[ 2023]`.
            let Some(d) = next else { return };
            let day = tokens[d].text(text);
            let mut end = tokens[d].end;
            let mut year = String::new();
            let mut y = next_sig(tokens, d);
            if y.is_some_and(|y| is_punct(text, tokens, y, ",")) {
                y = y.and_then(|y| next_sig(tokens, y));
            }
            if let Some(y) = y.filter(|&y| year_number(text, &tokens[y]).is_some()) {
                year = format!(" {}", tokens[y].text(text));
                end = tokens[y].end;
            }
            let day = day.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let day = if day == "1" { "1er" } else { day };
            out.report_kind(
                "english-month",
                true,
                Span::new(tok.start, end),
                message,
                Some(format!("{day} {fr}{year}")),
            );
        } else {
            out.report_kind(
                "english-month",
                true,
                tok.span(),
                message,
                Some(fr.to_string()),
            );
        }
    } else if let Some(d) = day {
        let next_is_month = next.is_some_and(|n| en_month(tokens[n].text(text), false).is_some());
        if !(is_day(text, tokens, next) || next_is_month) || quotes.contains(tok.start as usize) {
            return;
        }
        out.report_kind(
            "english-day",
            true,
            tok.span(),
            format!("English weekday `{word}` in French text"),
            Some(FR_DAYS[d].to_string()),
        );
    }
}

/// French month or weekday names next to a number in English text (lowercase, as French writes
/// them: `Mars` and `Mai` capitalised are names).
fn french_name_in_en(
    text: &str,
    tokens: &[Token],
    i: usize,
    quotes: &mut QuotedSpans<'_>,
    out: &mut Sink<'_>,
) {
    let tok = &tokens[i];
    // French names are written in lowercase here and start with an ASCII letter (`août`,
    // `décembre`): most words leave before being sliced.
    if tok.end - tok.start < 3
        || !text
            .as_bytes()
            .get(tok.start as usize)
            .is_some_and(u8::is_ascii_lowercase)
    {
        return;
    }
    let word = tok.text(text);
    let month = fr_month(word);
    if month.is_some() && !FR_MONTHS.contains(&word) {
        return; // unaccented or oddly cased forms are not what a French text would contain
    }
    let day = match month {
        Some(_) => None,
        None => fr_day(word),
    };
    if month.is_none() && day.is_none() {
        return;
    }
    let next = next_sig(tokens, i);
    let prev = prev_sig(tokens, i);
    if let Some(m) = month {
        let ok =
            is_day(text, tokens, prev) || is_day(text, tokens, next) || is_year(text, tokens, next);
        if !ok || quotes.contains(tok.start as usize) {
            return;
        }
        out.report_kind(
            "french-month",
            true,
            tok.span(),
            format!("French month name `{word}` in English text"),
            Some(EN_MONTHS[m as usize - 1].to_string()),
        );
    } else if let Some(d) = day {
        let next_is_month = next.is_some_and(|n| fr_month(tokens[n].text(text)).is_some());
        if !(is_day(text, tokens, next) || next_is_month) || quotes.contains(tok.start as usize) {
            return;
        }
        out.report_kind(
            "french-day",
            true,
            tok.span(),
            format!("French weekday `{word}` in English text"),
            Some(EN_DAYS[d as usize].to_string()),
        );
    }
}

/// The value of a Number token of at most `max_len` digits.
fn small_number(text: &str, tok: &Token, max_len: usize) -> Option<u32> {
    let t = tok.text(text);
    if tok.kind != TokenKind::Number || t.is_empty() || t.len() > max_len {
        return None;
    }
    t.parse().ok()
}

/// The token at `i` when it is a Number glued to the previous token (no space between).
fn glued(tokens: &[Token], i: usize) -> Option<&Token> {
    let t = tokens.get(i)?;
    let p = tokens.get(i.checked_sub(1)?)?;
    (p.end == t.start).then_some(t)
}

/// Whether the character before byte `at` glues the number to a word, path or URL.
fn glued_before(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | ':' | '.' | ',' | '-' | '_'))
}

/// Whether the character at byte `at` glues the number to a word, path or URL.
fn glued_after(text: &str, at: usize) -> bool {
    let mut chars = text[at..].chars();
    match chars.next() {
        Some(c) if c.is_alphanumeric() || matches!(c, '/' | '_') => true,
        // `:` or `.` followed by a digit continues the number (`2:05:30`, `19.09.2023`).
        Some(':' | '.' | ',') => chars.next().is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    }
}

/// A 12-hour marker (`a.m.`, `p.m.`, `am`, `pm`, any case) right after byte `at`, after optional
/// spaces: returns (is pm, end offset).
fn am_pm(text: &str, at: usize) -> Option<(bool, usize)> {
    let rest = &text[at..];
    let trimmed = rest.trim_start_matches([' ', '\u{a0}', '\u{202f}']);
    let skipped = rest.len() - trimmed.len();
    if skipped > 3 {
        return None;
    }
    for (marker, pm) in [
        ("a.m.", false),
        ("p.m.", true),
        ("a.m", false),
        ("p.m", true),
        ("am", false),
        ("pm", true),
    ] {
        let head = trimmed.get(..marker.len())?;
        if head.eq_ignore_ascii_case(marker) {
            let end = at + skipped + marker.len();
            let boundary = !text[end..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
            if boundary {
                return Some((pm, end));
            }
        }
    }
    None
}

/// US dates, 12-hour times and colon times in French text, starting at Number token `i`.
fn numeric_in_fr(text: &str, tokens: &[Token], i: usize, out: &mut Sink<'_>) {
    let tok = &tokens[i];
    let Some(first) = small_number(text, tok, 2) else {
        return;
    };
    if glued(tokens, i).is_some() && glued_before(text, tok.start as usize) {
        return;
    }
    // US month/day/year: 09/19/2023.
    if is_punct(text, tokens, i + 1, "/")
        && glued(tokens, i + 1).is_some()
        && let Some(second) = glued(tokens, i + 2).and_then(|t| small_number(text, t, 2))
        && is_punct(text, tokens, i + 3, "/")
        && glued(tokens, i + 3).is_some()
        && let Some(year_tok) = glued(tokens, i + 4)
            .filter(|t| t.kind == TokenKind::Number && matches!(t.len_text(text), 2 | 4))
    {
        if (1..=12).contains(&first)
            && (13..=31).contains(&second)
            && !glued_after(text, year_tok.end as usize)
        {
            let year = year_tok.text(text);
            out.report_kind(
                "us-date-order",
                true,
                Span::new(tok.start, year_tok.end),
                format!(
                    "`{}` is in US month/day order; French writes the day first",
                    Span::new(tok.start, year_tok.end).text(text)
                ),
                Some(format!("{second:02}/{first:02}/{year}")),
            );
        }
        return;
    }
    // Hours and minutes: `3:30`, with an optional 12-hour marker.
    let mut minutes: Option<(u32, u32)> = None; // (value, end offset)
    if is_punct(text, tokens, i + 1, ":")
        && glued(tokens, i + 1).is_some()
        && let Some(m_tok) = glued(tokens, i + 2)
        && m_tok.kind == TokenKind::Number
        && m_tok.len_text(text) == 2
        && let Some(m) = small_number(text, m_tok, 2)
    {
        if glued_after(text, m_tok.end as usize) || m > 59 {
            return; // a duration (2:05:30), a ratio, a reference
        }
        minutes = Some((m, m_tok.end));
    }
    let end_of_time = minutes.map_or(tok.end, |(_, e)| e) as usize;
    if let Some((pm, marker_end)) = am_pm(text, end_of_time) {
        if !(1..=12).contains(&first) {
            return;
        }
        let hour = match (pm, first) {
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, 12) => 0,
            (false, h) => h,
        };
        let fix = match minutes {
            Some((0, _)) | None => format!("{hour}\u{a0}h"),
            Some((m, _)) => format!("{hour}\u{a0}h\u{a0}{m:02}"),
        };
        let span = Span::from_usize(tok.start as usize, marker_end);
        out.report_kind(
            "12-hour",
            true,
            span,
            format!(
                "12-hour time `{}` in French text; French uses the 24-hour clock",
                span.text(text)
            ),
            Some(fix),
        );
        return;
    }
    if let Some((m, end)) = minutes {
        if first > 23 || is_score(text, tok.start as usize, end as usize) {
            return;
        }
        let span = Span::new(tok.start, end);
        let fix = if m == 0 {
            format!("{first}\u{a0}h")
        } else {
            format!("{first}\u{a0}h\u{a0}{m:02}")
        };
        out.report_kind(
            "colon-time",
            false,
            span,
            format!(
                "colon time `{}`: French typography writes `{}`",
                span.text(text),
                fix.replace('\u{a0}', " ")
            ),
            Some(fix),
        );
    }
}

/// Whether the colon pair at `start..end` is a sports score with its half-time score in parentheses:
/// `16:32 (8:13)`.
fn is_score(text: &str, start: usize, end: usize) -> bool {
    fn colon_pair(s: &str) -> bool {
        let mut parts = s.split(':');
        let ok = |p: Option<&str>| {
            p.is_some_and(|p| (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
        };
        ok(parts.next()) && ok(parts.next()) && parts.next().is_none()
    }
    let after = text[end..].trim_start();
    if let Some(inner) = after.strip_prefix('(')
        && let Some(close) = inner.find(')')
        && colon_pair(&inner[..close])
    {
        return true;
    }
    let before = text[..start].trim_end();
    if let Some(head) = before.strip_suffix('(') {
        let head = head.trim_end();
        let from = head
            .char_indices()
            .rev()
            .find(|&(_, c)| !(c.is_ascii_digit() || c == ':'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        return colon_pair(&head[from..]);
    }
    false
}

/// `15h30` as one token in English text.
fn glued_h_time_in_en(text: &str, tok: &Token, out: &mut Sink<'_>) {
    if !(4..=5).contains(&(tok.end - tok.start))
        || !text
            .as_bytes()
            .get(tok.start as usize)
            .is_some_and(u8::is_ascii_digit)
    {
        return;
    }
    let t = tok.text(text);
    let Some(h_at) = t.find(['h', 'H']) else {
        return;
    };
    let (hours, minutes) = (&t[..h_at], &t[h_at + 1..]);
    if !(1..=2).contains(&hours.len())
        || minutes.len() != 2
        || !hours.bytes().all(|c| c.is_ascii_digit())
        || !minutes.bytes().all(|c| c.is_ascii_digit())
    {
        return;
    }
    let (Ok(h), Ok(m)) = (hours.parse::<u32>(), minutes.parse::<u32>()) else {
        return;
    };
    if h > 23 || m > 59 {
        return;
    }
    out.report_kind(
        "h-time",
        true,
        tok.span(),
        format!("French-style time `{t}` in English text"),
        Some(format!("{h}:{minutes}")),
    );
}

/// `15 h 30` (spaced) in English text, starting at Number token `i`.
fn spaced_h_time_in_en(text: &str, tokens: &[Token], i: usize, out: &mut Sink<'_>) {
    let tok = &tokens[i];
    let Some(h) = small_number(text, tok, 2) else {
        return;
    };
    let Some(hi) = next_sig(tokens, i) else {
        return;
    };
    if !matches!(tokens[hi].text(text), "h" | "H") {
        return;
    }
    let Some(mi) = next_sig(tokens, hi) else {
        return;
    };
    let m_tok = &tokens[mi];
    let Some(m) = small_number(text, m_tok, 2) else {
        return;
    };
    if h > 23 || m > 59 || m_tok.len_text(text) != 2 || glued_after(text, m_tok.end as usize) {
        return;
    }
    let span = Span::new(tok.start, m_tok.end);
    out.report_kind(
        "h-time",
        true,
        span,
        format!("French-style time `{}` in English text", span.text(text)),
        Some(format!("{h}:{m:02}")),
    );
}

trait LenText {
    fn len_text(&self, text: &str) -> usize;
}

impl LenText for Token {
    fn len_text(&self, text: &str) -> usize {
        self.text(text).len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_allows, assert_flags, run};

    #[test]
    fn catalog_cases() {
        let r = DatetimeFormat;
        assert_flags(
            &r,
            Lang::FR,
            "La réunion est prévue le 09/19/2023 à 3 p.m.",
            &["09/19/2023", "3 p.m."],
        );
        assert_flags(
            &r,
            Lang::EN,
            "The meeting is set for 19 septembre at 15h30.",
            &["septembre", "15h30"],
        );
        assert_allows(
            &r,
            Lang::FR,
            "La réunion est prévue le 19/09/2023 à 15 h 30.",
        );
        assert_allows(
            &r,
            Lang::EN,
            "The meeting is set for September 19 at 3:30 p.m.",
        );
    }

    #[test]
    fn fixes_and_kinds() {
        let r = DatetimeFormat;
        let found = run(&r, Lang::FR, "Le 09/19/2023 à 3:30 p.m. précises.");
        assert_eq!(found[0].suggestion.as_deref(), Some("19/09/2023"));
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(found[1].suggestion.as_deref(), Some("15\u{a0}h\u{a0}30"));
        assert_eq!(found[1].kind, Some("12-hour"));
        let found = run(&r, Lang::FR, "Mis à jour mardi 19 septembre 2023 – 04:14");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, Some("colon-time"));
        assert_eq!(found[0].severity, Severity::Info);
        assert_eq!(found[0].suggestion.as_deref(), Some("4\u{a0}h\u{a0}14"));
        let found = run(
            &r,
            Lang::FR,
            "Le sommet s’ouvre le September 19, 2023 à Genève.",
        );
        assert_eq!(
            found[0]
                .span
                .text("Le sommet s’ouvre le September 19, 2023 à Genève."),
            "September 19, 2023"
        );
        assert_eq!(found[0].suggestion.as_deref(), Some("19 septembre 2023"));
        let found = run(&r, Lang::EN, "It starts at 15 h 30 on lundi 3 mars.");
        let kinds: Vec<_> = found.iter().map(|d| d.kind).collect();
        assert_eq!(
            kinds,
            [Some("h-time"), Some("french-day"), Some("french-month")]
        );
        assert_eq!(found[0].suggestion.as_deref(), Some("15:30"));
        assert_eq!(found[2].suggestion.as_deref(), Some("March"));
    }

    #[test]
    fn english_names_need_a_date_context() {
        let r = DatetimeFormat;
        assert_flags(
            &r,
            Lang::FR,
            "Le sommet s’est ouvert le 19 September 2023 à Genève, un Monday 19.",
            &["September", "Monday"],
        );
        assert_allows(
            &r,
            Lang::FR,
            "Theresa May 2019 : la Première ministre démissionne.",
        );
        assert_allows(
            &r,
            Lang::FR,
            "Le Black Friday attire les foules ; Sunday Times.",
        );
        assert_allows(&r, Lang::FR, "Il a chanté « September 1999 » hier.");
        assert_flags(&r, Lang::FR, "Le 3 May dernier.", &["May"]);
    }

    #[test]
    fn allows_durations_urls_scores() {
        let r = DatetimeFormat;
        assert_allows(
            &r,
            Lang::FR,
            "Il a couru en 2:05:30 ; voir https://exemple.fr/12:30 et le ratio 3:1.",
        );
        assert_allows(&r, Lang::FR, "La version 10/13/2 et le code A12/13/2023.");
        assert_allows(&r, Lang::FR, "Le 12/11/2023, puis le 3/4/2024.");
        assert_allows(&r, Lang::FR, "Une défaite de 16:32 (8:13) à Granollers.");
        assert_allows(&r, Lang::FR, "Il a pris 5 pmi et 3 amis.");
        assert_allows(&r, Lang::EN, "The 24h race and the A4h12 road; Mars 2020.");
        assert_allows(&r, Lang::EN, "He won 6 h 3 and 15h300.");
    }

    #[test]
    fn other_languages_are_skipped() {
        assert_allows(
            &DatetimeFormat,
            Lang::DE,
            "Am 19 September um 15h30 und 3 p.m.",
        );
    }
}
