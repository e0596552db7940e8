//! `locale/number-format`: numbers written in the conventions of another locale: English grouping or a
//! decimal point in French (`1,500.75`, `7.2%`), German/Spanish dot grouping (`10.000`), a currency
//! symbol before the amount in French (`€10`); a decimal comma or `10 €` in English.

use crate::diagnostic::Severity;
use crate::lang::Lang;
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};
use crate::span::Span;
use crate::tokenize::TokenKind;

pub struct NumberFormat;

/// French thousands separator in suggestions: narrow no-break space.
const FR_GROUP: char = '\u{202f}';

impl Rule for NumberFormat {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "locale/number-format".into(),
            severity: Severity::Warning,
            summary: "a number written in the conventions of another locale".into(),
            explanation: "Translation systems often copy number formats from the source. In French \
                text the rule flags English grouping (`1,500,000`, `1,500.75`), a decimal point before \
                a percentage, a currency, a magnitude or a unit (`7.2%`, `3.5 millions`), German or \
                Spanish dot grouping (`12.000.000`, `1.500,75`) and a currency symbol before the amount \
                (`€10`, `$5`). In English text it flags a decimal comma (`3,5`), dot grouping and a \
                currency symbol after the amount (`10 €`). A single dot group in French (`10.000`) \
                can be read as 10 or as 10,000: it is ambiguous and reported as an error (sub-kind \
                `ambiguous-grouping`). Versions (`3.2.1`), IP addresses, section numbers (`article \
                3.2`), numbers glued to letters (`A380`, `COVID-19`) and French decimal commas with three \
                decimals (`1,500`, which may be 1.5) are left alone. The French spacing of `%` \
                (`7 %`) is left to typography rules."
                .into(),
            flagged: examples(&[
                ("fr", "Le budget atteint 1,500.75 millions d’euros."),
                ("fr", "Le chômage a reculé à 7.2% au premier trimestre."),
                ("fr", "La manifestation a réuni 10.000 personnes et coûté €20."),
                ("en", "Inflation reached 3,5 percent and tickets cost 10 €."),
            ]),
            allowed: examples(&[
                ("fr", "Le budget atteint 1 500,75 millions d’euros et le chômage 7,2 %."),
                ("fr", "La version 3.2.1 du logiciel est disponible."),
                ("en", "Inflation reached 3.5 percent, or 1,500,000 people, at €10 a day."),
                ("fr", "L’article 3.2 du code et l’adresse 192.168.100.100 ; le vol A380."),
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
        let mut skip_until = 0usize;
        let bytes = text.as_bytes();
        for tok in &cx.an.tokens {
            if tok.kind != TokenKind::Number || (tok.start as usize) < skip_until {
                continue;
            }
            let start = tok.start as usize;
            let end = chunk_end(text, start);
            skip_until = end;
            if glued_to_word(text, start, end) {
                continue;
            }
            let chunk = &text[start..end];
            // Fast path: a plain integer with no currency sign around it has nothing to check.
            let plain = !chunk.bytes().any(|b| b == b'.' || b == b',');
            let near = |i: usize| bytes.get(i).is_some_and(|&b| b == b'$' || b >= 0x80);
            if plain && !near(start.wrapping_sub(1)) && !near(start.wrapping_sub(2)) {
                let after = text[end..].trim_start_matches([' ', '\u{a0}', '\u{202f}']);
                if !after.starts_with(['€', '£']) {
                    continue;
                }
            }
            if lang == Lang::FR {
                check_fr(text, start, end, chunk, out);
            } else {
                check_en(text, start, end, chunk, out);
            }
        }
    }
}

/// The end of the numeric chunk starting at `start`: digits joined by `.` or `,` followed by a digit.
fn chunk_end(text: &str, start: usize) -> usize {
    let b = text.as_bytes();
    let mut i = start;
    while i < b.len() {
        let joins = matches!(b[i], b'.' | b',') && b.get(i + 1).is_some_and(u8::is_ascii_digit);
        if b[i].is_ascii_digit() || joins {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// Whether the chunk is part of a word, code, path or longer numeric expression.
fn glued_to_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let bad_before = before.is_some_and(|c| {
        c.is_alphanumeric() || matches!(c, '.' | ',' | '/' | '_' | '-' | '#' | '@' | '\\' | ':')
    });
    let bad_after =
        after.is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | '_' | '@' | '\\'));
    bad_before || bad_after
}

/// Splits a chunk into its digit groups and the separators between them.
fn groups(chunk: &str) -> (Vec<&str>, Vec<u8>) {
    let mut parts = Vec::new();
    let mut seps = Vec::new();
    let mut last = 0;
    for (i, b) in chunk.bytes().enumerate() {
        if matches!(b, b'.' | b',') {
            parts.push(&chunk[last..i]);
            seps.push(b);
            last = i + 1;
        }
    }
    parts.push(&chunk[last..]);
    (parts, seps)
}

/// Whether `parts` are thousands groups: the first of 1–3 digits not starting with 0, the rest of 3.
fn is_grouping(parts: &[&str]) -> bool {
    parts
        .first()
        .is_some_and(|p| (1..=3).contains(&p.len()) && !p.starts_with('0'))
        && parts.iter().skip(1).all(|p| p.len() == 3)
}

/// Whether separators say "grouped with `group`": two or more `group` marks, or `group` marks followed
/// by one final `decimal` mark.
fn grouped_with(seps: &[u8], group: u8, decimal: u8) -> bool {
    if !seps.contains(&group) {
        return false;
    }
    if seps.contains(&decimal) {
        seps.last() == Some(&decimal)
    } else {
        seps.len() >= 2
    }
}

/// Groups `digits` by threes with `sep`.
fn group_digits(digits: &str, sep: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    let n = digits.len();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// The integer and decimal parts of a chunk read with `group` as thousands separator and `decimal` as
/// decimal separator, when it is well formed in that convention.
fn read(chunk: &str, group: u8, decimal: u8) -> Option<(String, Option<&str>)> {
    let (parts, seps) = groups(chunk);
    let (int_parts, frac) = match seps.last() {
        Some(&s) if s == decimal => (&parts[..parts.len() - 1], parts.last().copied()),
        _ => (&parts[..], None),
    };
    let int_seps = &seps[..int_parts.len() - 1];
    if int_seps.iter().any(|&s| s != group) || (int_parts.len() > 1 && !is_grouping(int_parts)) {
        return None;
    }
    Some((int_parts.concat(), frac))
}

fn fr_number(int: &str, frac: Option<&str>) -> String {
    let mut s = if int.len() >= 4 {
        group_digits(int, FR_GROUP)
    } else {
        int.to_string()
    };
    if let Some(f) = frac {
        s.push(',');
        s.push_str(f);
    }
    s
}

fn en_number(int: &str, frac: Option<&str>) -> String {
    let mut s = if int.len() >= 4 {
        group_digits(int, ',')
    } else {
        int.to_string()
    };
    if let Some(f) = frac {
        s.push('.');
        s.push_str(f);
    }
    s
}

/// Whether a dotted chunk of four parts is an IPv4 address.
fn is_ipv4(parts: &[&str]) -> bool {
    parts.len() == 4
        && parts
            .iter()
            .all(|p| p.parse::<u32>().is_ok_and(|v| v <= 255))
}

/// The word before byte `at` (skipping spaces), lowercased ASCII-wise.
fn word_before(text: &str, at: usize) -> &str {
    let head = text[..at].trim_end();
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '§'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &head[start..]
}

/// Words before a number that make it a reference rather than a quantity.
fn is_reference_word(w: &str) -> bool {
    const WORDS: &[&str] = &[
        "article",
        "art",
        "articles",
        "§",
        "chapitre",
        "section",
        "alinéa",
        "paragraphe",
        "point",
        "version",
        "v",
        "norme",
        "iso",
        "rfc",
        "annexe",
        "tableau",
        "figure",
        "fig",
        "page",
        "p",
        "pages",
        "windows",
        "ios",
        "android",
        "web",
        "release",
        "chapter",
        "table",
        "rule",
    ];
    // An all-caps code before the number: `ORS 106.010`, `ISO 9001.2015`.
    let acronym = w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase());
    acronym || WORDS.iter().any(|x| x.eq_ignore_ascii_case(w))
}

/// What follows a number (after at most one space): a symbol, a magnitude, a unit or a currency word.
fn unit_after(text: &str, end: usize) -> Option<&str> {
    let rest = &text[end..];
    let rest = rest
        .strip_prefix([' ', '\u{a0}', '\u{202f}'])
        .unwrap_or(rest);
    let first = rest.chars().next()?;
    if matches!(first, '%' | '‰' | '€' | '$' | '£' | '¥' | '°') {
        return Some(&rest[..first.len_utf8()]);
    }
    let word_end = rest
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(rest.len(), |(i, _)| i);
    let word = &rest[..word_end];
    const UNITS: &[&str] = &[
        "million",
        "millions",
        "milliard",
        "milliards",
        "billion",
        "billions",
        "mille",
        "dollars",
        "dollar",
        "euros",
        "euro",
        "livres",
        "francs",
        "yens",
        "yuans",
        "roubles",
        "points",
        "point",
        "pour",
        "km",
        "m",
        "cm",
        "mm",
        "kg",
        "g",
        "t",
        "tonnes",
        "litres",
        "l",
        "ha",
        "hectares",
        "degrés",
        "mètres",
        "kilomètres",
        "kilos",
        "fois",
        "percent",
        "per",
        "bn",
        "trillion",
    ];
    if word == "pour" {
        return rest[word_end..]
            .trim_start()
            .starts_with("cent")
            .then_some("pour cent");
    }
    UNITS.contains(&word).then_some(word)
}

/// A currency symbol right before byte `at` (after at most one space): (symbol start, symbol, has a
/// letter prefix such as `US$`).
fn currency_before(text: &str, at: usize) -> Option<(usize, char, bool)> {
    let head = &text[..at];
    let head = head
        .strip_suffix([' ', '\u{a0}', '\u{202f}'])
        .unwrap_or(head);
    let sym = head.chars().next_back()?;
    if !matches!(sym, '€' | '$' | '£') {
        return None;
    }
    let sym_start = head.len() - sym.len_utf8();
    let prefixed = head[..sym_start]
        .chars()
        .next_back()
        .is_some_and(char::is_alphabetic);
    Some((sym_start, sym, prefixed))
}

fn check_fr(text: &str, start: usize, end: usize, chunk: &str, out: &mut Sink<'_>) {
    let (parts, seps) = groups(chunk);
    let has_dot = seps.contains(&b'.');
    let span = Span::from_usize(start, end);
    // A currency symbol before the amount.
    if let Some((sym_start, sym, prefixed)) = currency_before(text, start) {
        // `€1.500` may be 1.5 or 1500: no fix for a single dot group.
        let ambiguous = seps == [b'.'] && is_grouping(&parts);
        let fr = read(chunk, b'.', b',')
            .or_else(|| read(chunk, b',', b'.'))
            .filter(|_| !ambiguous)
            .map(|(i, f)| fr_number(&i, f));
        let magnitude = unit_after(text, end).is_some_and(|u| u.len() > 1);
        let fix = match (fr, prefixed || magnitude) {
            (Some(n), false) => Some(format!("{n}\u{a0}{sym}")),
            _ => None,
        };
        out.report_kind(
            "currency-before",
            false,
            Span::from_usize(sym_start, end),
            format!(
                "currency symbol before the amount in `{}`: French writes it after",
                &text[sym_start..end]
            ),
            fix,
        );
        return;
    }
    if seps.is_empty() {
        return;
    }
    // English grouping: 1,500,000 or 1,500.75.
    let en_grouped = grouped_with(&seps, b',', b'.');
    if en_grouped {
        if let Some((int, frac)) = read(chunk, b',', b'.') {
            out.report_kind(
                "english-grouping",
                false,
                span,
                format!(
                    "`{chunk}` uses English separators; French writes `{}`",
                    fr_number(&int, frac).replace(FR_GROUP, " ")
                ),
                Some(fr_number(&int, frac)),
            );
        }
        return;
    }
    // German/Spanish grouping: 12.000.000 or 1.500,75.
    let dot_grouped = grouped_with(&seps, b'.', b',');
    if dot_grouped {
        if is_ipv4(&parts) || is_reference_word(word_before(text, start)) {
            return;
        }
        if let Some((int, frac)) = read(chunk, b'.', b',') {
            out.report_kind(
                "dot-grouping",
                false,
                span,
                format!(
                    "`{chunk}` groups thousands with dots; French writes `{}`",
                    fr_number(&int, frac).replace(FR_GROUP, " ")
                ),
                Some(fr_number(&int, frac)),
            );
        }
        return;
    }
    if !has_dot || seps.len() != 1 {
        return;
    }
    if is_reference_word(word_before(text, start)) {
        return;
    }
    // One dot: `10.000` (ambiguous grouping) or `7.2` (decimal point).
    if is_grouping(&parts) {
        let as_decimal = chunk
            .trim_end_matches('0')
            .trim_end_matches('.')
            .replace('.', ",");
        out.report_kind(
            "ambiguous-grouping",
            true,
            span,
            format!(
                "`{chunk}` is ambiguous: {as_decimal} with an English decimal point, or {} with German or Spanish grouping",
                group_digits(&parts.concat(), ' ')
            ),
            None,
        );
        return;
    }
    if unit_after(text, end).is_some() {
        let fixed = chunk.replace('.', ",");
        out.report_kind(
            "decimal-point",
            false,
            span,
            format!("decimal point in `{chunk}`: French writes `{fixed}`"),
            Some(fixed),
        );
    }
}

fn check_en(text: &str, start: usize, end: usize, chunk: &str, out: &mut Sink<'_>) {
    let (parts, seps) = groups(chunk);
    let has_comma = seps.contains(&b',');
    let has_dot = seps.contains(&b'.');
    let span = Span::from_usize(start, end);
    // A currency symbol after the amount: `10 €`.
    let rest = &text[end..];
    let rest_trim = rest
        .strip_prefix([' ', '\u{a0}', '\u{202f}'])
        .unwrap_or(rest);
    if let Some(sym) = rest_trim.chars().next().filter(|c| matches!(c, '€' | '£'))
        && currency_before(text, start).is_none()
    {
        let sym_end = end + (rest.len() - rest_trim.len()) + sym.len_utf8();
        let en = read(chunk, b',', b'.')
            .or_else(|| read(chunk, b'.', b','))
            .map(|(i, f)| en_number(&i, f));
        out.report_kind(
            "currency-after",
            false,
            Span::from_usize(start, sym_end),
            format!(
                "currency symbol after the amount in `{}`: English writes it before",
                &text[start..sym_end]
            ),
            en.map(|n| format!("{sym}{n}")),
        );
        return;
    }
    // Decimal comma: 3,5 (one comma, one or two decimals).
    if has_comma && !has_dot && seps.len() == 1 && parts[1].len() <= 2 {
        let fixed = chunk.replace(',', ".");
        out.report_kind(
            "decimal-comma",
            false,
            span,
            format!("decimal comma in `{chunk}`: English writes `{fixed}`"),
            Some(fixed),
        );
        return;
    }
    let dot_grouped = grouped_with(&seps, b'.', b',');
    if dot_grouped
        && !is_ipv4(&parts)
        && !is_reference_word(word_before(text, start))
        && let Some((int, frac)) = read(chunk, b'.', b',')
    {
        let fixed = en_number(&int, frac);
        out.report_kind(
            "dot-grouping",
            false,
            span,
            format!("`{chunk}` uses German or French separators; English writes `{fixed}`"),
            Some(fixed),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_allows, assert_flags, run};

    #[test]
    fn catalog_cases() {
        let r = NumberFormat;
        assert_flags(
            &r,
            Lang::FR,
            "Le budget atteint 1,500.75 millions d’euros.",
            &["1,500.75"],
        );
        assert_flags(
            &r,
            Lang::FR,
            "Le chômage a reculé à 7.2% au premier trimestre.",
            &["7.2"],
        );
        assert_allows(
            &r,
            Lang::FR,
            "Le budget atteint 1 500,75 millions d’euros et le chômage 7,2 %.",
        );
        assert_allows(&r, Lang::FR, "La version 3.2.1 du logiciel est disponible.");
    }

    #[test]
    fn french_fixes_and_kinds() {
        let r = NumberFormat;
        let found = run(&r, Lang::FR, "Il y a 1,500,000 habitants et 1,500.75 km.");
        assert_eq!(
            found[0].suggestion.as_deref(),
            Some("1\u{202f}500\u{202f}000")
        );
        assert_eq!(found[1].suggestion.as_deref(), Some("1\u{202f}500,75"));
        assert_eq!(found[0].kind, Some("english-grouping"));
        let found = run(
            &r,
            Lang::FR,
            "Ils étaient 10.000, pour 12.000.000 € et 1.500,75 €.",
        );
        let kinds: Vec<_> = found.iter().map(|d| d.kind).collect();
        assert_eq!(
            kinds,
            [
                Some("ambiguous-grouping"),
                Some("dot-grouping"),
                Some("dot-grouping")
            ]
        );
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(found[1].severity, Severity::Warning);
        assert_eq!(
            found[1].suggestion.as_deref(),
            Some("12\u{202f}000\u{202f}000")
        );
        assert_eq!(found[2].suggestion.as_deref(), Some("1\u{202f}500,75"));
        let found = run(
            &r,
            Lang::FR,
            "Le billet coûte €20 ou $ 5.5, soit US$3 et €2.5 millions.",
        );
        let spans: Vec<_> = found
            .iter()
            .map(|d| {
                (
                    d.span
                        .text("Le billet coûte €20 ou $ 5.5, soit US$3 et €2.5 millions."),
                    d.suggestion.clone(),
                )
            })
            .collect();
        assert_eq!(
            spans,
            [
                ("€20", Some("20\u{a0}€".to_string())),
                ("$ 5.5", Some("5,5\u{a0}$".to_string())),
                ("$3", None),
                ("€2.5", None),
            ]
        );
    }

    #[test]
    fn french_decimal_point_needs_a_unit() {
        let r = NumberFormat;
        assert_flags(
            &r,
            Lang::FR,
            "Une hausse de 3.5 millions, de 0.25 point et de 2.75 pour cent.",
            &["3.5", "0.25", "2.75"],
        );
        assert_allows(
            &r,
            Lang::FR,
            "Le Web 2.0, la règle 4.2 et le score 6.4 ; rendez-vous à 15.30 le 19.09, ORS 106.010.",
        );
        assert_allows(
            &r,
            Lang::FR,
            "Le vol A380, le COVID-19, le 1,500 (un virgule cinq) et 3,14.",
        );
    }

    #[test]
    fn english_checks() {
        let r = NumberFormat;
        assert_flags(
            &r,
            Lang::EN,
            "Inflation reached 3,5 percent and tickets cost 10 €.",
            &["3,5", "10 €"],
        );
        let found = run(
            &r,
            Lang::EN,
            "It cost 1.500,75 € and 12.000.000 people came.",
        );
        assert_eq!(found[0].suggestion.as_deref(), Some("€1,500.75"));
        assert_eq!(found[1].suggestion.as_deref(), Some("12,000,000"));
        assert_allows(
            &r,
            Lang::EN,
            "Inflation reached 3.5 percent, or 1,500,000 people, at €10 a day; 1,234 votes.",
        );
        assert_allows(
            &r,
            Lang::EN,
            "Version 1.2.3 at 10.0.0.1, rounds 1,2,3 and 1.500 kg.",
        );
    }

    #[test]
    fn other_languages_are_skipped() {
        assert_allows(&NumberFormat, Lang::DE, "Es kostet 1.500,75 € und 3,5 %.");
    }
}
