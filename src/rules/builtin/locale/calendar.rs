//! Month and weekday names of French and English, the Gregorian calendar (weekday of a date, days
//! in a month), and a small token cursor shared by the `locale/` rules.

use crate::lang::Lang;
use crate::tokenize::{Token, TokenKind};

/// French month names, lowercase, January first.
pub const FR_MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// English month names, capitalised, January first.
pub const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// French weekday names, lowercase, Monday first.
pub const FR_DAYS: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];

/// English weekday names, capitalised, Monday first.
pub const EN_DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// English month abbreviations (AP style, written with a period), January first.
const EN_MONTH_ABBREVS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sept", "oct", "nov", "dec",
];

/// The month (1–12) a French month name denotes; any case, accents optional.
pub fn fr_month(word: &str) -> Option<u32> {
    if word.len() < 3 || word.len() > 9 {
        return None;
    }
    let unaccented = [
        "janvier",
        "fevrier",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "aout",
        "septembre",
        "octobre",
        "novembre",
        "decembre",
    ];
    // Every month name starts with one of these letters: most words leave here.
    if !matches!(
        word.as_bytes()[0].to_ascii_lowercase(),
        b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd'
    ) {
        return None;
    }
    if word.is_ascii() {
        return unaccented
            .iter()
            .position(|u| word.eq_ignore_ascii_case(u))
            .map(|i| i as u32 + 1);
    }
    FR_MONTHS
        .iter()
        .position(|m| eq_fold(word, m))
        .map(|i| i as u32 + 1)
}

/// The month (1–12) an English month name denotes; any case. `abbrev` also accepts `Sept`, `Oct`…
/// (the caller checks the period that must follow them).
pub fn en_month(word: &str, abbrev: bool) -> Option<u32> {
    if !word.is_ascii() || word.len() < 3 || word.len() > 9 {
        return None;
    }
    if let Some(i) = EN_MONTHS.iter().position(|m| m.eq_ignore_ascii_case(word)) {
        return Some(i as u32 + 1);
    }
    if abbrev {
        return EN_MONTH_ABBREVS
            .iter()
            .position(|m| m.eq_ignore_ascii_case(word))
            .map(|i| i as u32 + 1);
    }
    None
}

/// The weekday (0 = Monday … 6 = Sunday) a French weekday name denotes; any case.
pub fn fr_day(word: &str) -> Option<u32> {
    // Every French weekday ends with `i` or `e` (`lundi`, `dimanche`).
    if word.len() < 5
        || word.len() > 8
        || !matches!(word.as_bytes()[word.len() - 1], b'i' | b'I' | b'e' | b'E')
        || !word.is_ascii()
    {
        return None;
    }
    FR_DAYS
        .iter()
        .position(|d| d.eq_ignore_ascii_case(word))
        .map(|i| i as u32)
}

/// The weekday (0 = Monday … 6 = Sunday) an English weekday name denotes; any case.
pub fn en_day(word: &str) -> Option<u32> {
    // Every English weekday ends with `day`.
    if word.len() < 6
        || word.len() > 9
        || !word.as_bytes()[word.len() - 3..].eq_ignore_ascii_case(b"day")
        || !word.is_ascii()
    {
        return None;
    }
    EN_DAYS
        .iter()
        .position(|d| d.eq_ignore_ascii_case(word))
        .map(|i| i as u32)
}

/// A month name of `lang` (French or English).
pub fn month(lang: Lang, word: &str) -> Option<u32> {
    if lang == Lang::FR {
        fr_month(word)
    } else {
        en_month(word, false)
    }
}

/// A weekday name of `lang` (French or English).
pub fn day(lang: Lang, word: &str) -> Option<u32> {
    if lang == Lang::FR {
        fr_day(word)
    } else {
        en_day(word)
    }
}

/// Case-insensitive comparison of `word` with a lowercase `name` that may contain non-ASCII letters.
fn eq_fold(word: &str, lower: &str) -> bool {
    let mut a = word.chars().flat_map(char::to_lowercase);
    let mut b = lower.chars();
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x == y => {}
            _ => return false,
        }
    }
}

pub fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in `month` (1–12) of `year`; `None` for a month out of range. Without a year February has 29.
pub fn days_in_month(year: Option<i64>, month: u32) -> Option<u32> {
    Some(match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => match year {
            Some(y) if !is_leap(y) => 28,
            _ => 29,
        },
        _ => return None,
    })
}

/// The weekday (0 = Monday … 6 = Sunday) of a Gregorian date (Sakamoto's method).
pub fn weekday(year: i64, month: u32, day: u32) -> u32 {
    const T: [i64; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let m = month.clamp(1, 12) as usize;
    let y = if m < 3 { year - 1 } else { year };
    let sunday_first =
        (y + y.div_euclid(4) - y.div_euclid(100) + y.div_euclid(400) + T[m - 1] + i64::from(day))
            .rem_euclid(7);
    // Sakamoto counts from Sunday = 0.
    ((sunday_first + 6) % 7) as u32
}

/// A day of the month written as a number, `1er` (French) or with an English ordinal suffix.
pub fn day_number(text: &str, tok: &Token) -> Option<u32> {
    let t = tok.text(text);
    let digits_end = t
        .bytes()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(t.len());
    if digits_end == 0 || digits_end > 2 {
        return None;
    }
    let suffix = &t[digits_end..];
    let ok = match tok.kind {
        TokenKind::Number => suffix.is_empty(),
        TokenKind::Word => matches!(
            suffix.to_ascii_lowercase().as_str(),
            "er" | "st" | "nd" | "rd" | "th"
        ),
        _ => false,
    };
    if !ok {
        return None;
    }
    let n: u32 = t[..digits_end].parse().ok()?;
    (1..=31).contains(&n).then_some(n)
}

/// A four-digit year token (1000–2999).
pub fn year_number(text: &str, tok: &Token) -> Option<i64> {
    let t = tok.text(text);
    if tok.kind != TokenKind::Number || t.len() != 4 {
        return None;
    }
    let y: i64 = t.parse().ok()?;
    (1000..=2999).contains(&y).then_some(y)
}

/// The index of the next token after `i` that is not horizontal space, within the line.
pub fn next_sig(tokens: &[Token], i: usize) -> Option<usize> {
    let mut j = i + 1;
    while let Some(t) = tokens.get(j) {
        match t.kind {
            TokenKind::Space => j += 1,
            TokenKind::Newline => return None,
            _ => return Some(j),
        }
    }
    None
}

/// The index of the previous token before `i` that is not horizontal space, within the line.
pub fn prev_sig(tokens: &[Token], i: usize) -> Option<usize> {
    let mut j = i.checked_sub(1)?;
    loop {
        match tokens.get(j)?.kind {
            TokenKind::Space => j = j.checked_sub(1)?,
            TokenKind::Newline => return None,
            _ => return Some(j),
        }
    }
}

/// Whether token `i` is the punctuation `p`.
pub fn is_punct(text: &str, tokens: &[Token], i: usize, p: &str) -> bool {
    tokens
        .get(i)
        .is_some_and(|t| t.kind == TokenKind::Punct && t.text(text) == p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_of_known_dates() {
        assert_eq!(weekday(2023, 9, 19), 1); // Tuesday (the seed)
        assert_eq!(weekday(2024, 3, 3), 6); // Sunday
        assert_eq!(weekday(2024, 3, 14), 3); // Thursday
        assert_eq!(weekday(2024, 10, 7), 0); // Monday
        assert_eq!(weekday(2000, 1, 1), 5); // Saturday
        assert_eq!(weekday(2024, 2, 29), 3); // Thursday
        assert_eq!(weekday(1969, 7, 20), 6); // Sunday
    }

    #[test]
    fn names_and_lengths() {
        assert_eq!(fr_month("Septembre"), Some(9));
        assert_eq!(fr_month("fevrier"), Some(2));
        assert_eq!(fr_month("AOÛT"), Some(8));
        assert_eq!(fr_month("maison"), None);
        assert_eq!(en_month("sept", true), Some(9));
        assert_eq!(en_month("sept", false), None);
        assert_eq!(fr_day("Mardi"), Some(1));
        assert_eq!(en_day("sunday"), Some(6));
        assert_eq!(days_in_month(Some(2023), 2), Some(28));
        assert_eq!(days_in_month(Some(2024), 2), Some(29));
        assert_eq!(days_in_month(Some(1900), 2), Some(28));
        assert_eq!(days_in_month(None, 2), Some(29));
        assert_eq!(days_in_month(None, 6), Some(30));
    }
}
