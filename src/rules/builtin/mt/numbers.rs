//! Numbers of a text, read in the conventions of its language, for comparing a translation with its
//! source: `1 500,75` (fr) = `1,500.75` (en) = `1.500,75` (de); `1,5 milliard` = `1.5 billion`; `3 p.m.`
//! may be `15 h`. An ambiguous number (`1,500`) keeps every reading. Spelled-out numbers (`trois`,
//! `twelve`, `dozen`) are read separately: they only excuse a digit number without a counterpart.

use crate::lang::Lang;

/// One number of a text: its byte range and its possible values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Num {
    pub start: usize,
    pub end: usize,
    /// Part of a numeric date (`19.09.2023`, `9/19`): a month name may stand for it.
    pub date_part: bool,
    /// Part of a code or name (`A380`, `COVID-19`, `5G`): it may match, but is not reported when it
    /// does not (codes are often localised as a whole).
    pub optional: bool,
    vals: [f64; 4],
    len: u8,
}

impl Num {
    fn new(start: usize, end: usize) -> Self {
        Num {
            start,
            end,
            date_part: false,
            optional: false,
            vals: [0.0; 4],
            len: 0,
        }
    }

    fn push(&mut self, v: f64) {
        if (self.len as usize) < self.vals.len() && !self.values().iter().any(|&x| same(x, v)) {
            self.vals[self.len as usize] = v;
            self.len += 1;
        }
    }

    /// The possible values.
    pub fn values(&self) -> &[f64] {
        &self.vals[..self.len as usize]
    }

    /// Whether two numbers can be the same value.
    pub fn matches(&self, other: &Num) -> bool {
        self.values()
            .iter()
            .any(|&a| other.values().iter().any(|&b| same(a, b)))
    }

    /// Whether the number can be `v`.
    pub fn can_be(&self, v: f64) -> bool {
        self.values().iter().any(|&a| same(a, v))
    }
}

/// Equality up to rounding error.
pub fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Whether `c` is a space that can group thousands in `lang`.
fn group_space(c: char, lang: Lang) -> bool {
    match c {
        '\u{a0}' | '\u{202f}' | '\u{2009}' => true,
        // English groups with commas; a space between numbers there is two numbers.
        ' ' => lang != Lang::EN,
        _ => false,
    }
}

/// Appends the numbers of `text` (read as `lang`) to `out`.
pub fn extract(text: &str, lang: Lang, out: &mut Vec<Num>) {
    let b = text.as_bytes();
    let mut i = 0usize;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        // Groups and separators: digits joined by `.` `,` or a grouping space before 3 digits.
        let mut parts: Vec<(usize, usize)> = Vec::new();
        let mut seps: Vec<char> = Vec::new();
        let mut g = i;
        loop {
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            parts.push((g, i));
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            let after = i + c.len_utf8();
            let digits_after = b[after.min(b.len())..]
                .iter()
                .take_while(|x| x.is_ascii_digit())
                .count();
            let joins = match c {
                '.' | ',' => digits_after > 0,
                c if group_space(c, lang) => {
                    // Only thousands groups: a 1–3 digit head and exactly 3 digits after.
                    digits_after == 3
                        && parts.iter().all(|&(s, e)| e - s <= 3)
                        && seps.iter().all(|&s| group_space(s, lang))
                }
                _ => false,
            };
            if !joins {
                break;
            }
            seps.push(c);
            i = after;
            g = i;
        }
        let end = i;
        if is_zero_minutes(text, start, end) {
            continue;
        }
        let optional = is_code(text, start, end);
        let readings = if is_clock_or_short_date(text, &parts, &seps, end, lang) {
            None
        } else {
            readings(text, &parts, &seps)
        };
        match readings {
            Some(values) => {
                let mut n = Num::new(start, end);
                n.optional = optional;
                n.date_part = slash_date_neighbour(b, start, end);
                let last_of_date = n.date_part
                    && !matches!(b.get(end), Some(b'/' | b'-'))
                    && !matches!(b.get(end), Some(b'.') if b.get(end + 1).is_some_and(u8::is_ascii_digit));
                if last_of_date && end - start == 2 {
                    two_digit_year(&mut n, text);
                }
                if is_decade(text, start, end)
                    && let Ok(v) = text[start..end].parse::<f64>()
                {
                    n.push(v);
                    n.push(1900.0 + v);
                }
                let scale = magnitude_after(text, end, lang);
                let pm = pm_after(text, end);
                for v in values.into_iter().flatten() {
                    n.push(v * scale);
                    if let Some(pm) = pm {
                        match (pm, v) {
                            (true, h) if (1.0..12.0).contains(&h) => n.push(h + 12.0),
                            (false, h) if same(h, 12.0) => n.push(0.0),
                            _ => {}
                        }
                    }
                }
                out.push(n);
            }
            None => {
                // Dates, versions, lists: each group is a number of its own.
                for (k, &(s, e)) in parts.iter().enumerate() {
                    if k > 0 && &text[s..e] == "00" {
                        continue;
                    }
                    let mut n = Num::new(s, e);
                    n.optional = optional;
                    n.date_part = true;
                    if let Ok(v) = text[s..e].parse::<f64>() {
                        n.push(v);
                    }
                    if e - s == 2 && k + 1 == parts.len() && parts.len() >= 3 {
                        two_digit_year(&mut n, text);
                    }
                    out.push(n);
                }
            }
        }
    }
}

/// A number that is part of a code or name: glued to a letter before it (`A380`, `G7`, `COVID-19`),
/// or `2G`, `5G`, `3D`. Such codes are copied or localised as a whole.
fn is_code(text: &str, start: usize, end: usize) -> bool {
    let head = text[..start].strip_suffix('-').unwrap_or(&text[..start]);
    let letters = head.trim_end_matches(char::is_alphabetic);
    // `1m85`, `22h30`: a unit between two numbers, not a code.
    let glued_before = letters.len() < head.len()
        && (head.len() < text[..start].len() || !letters.ends_with(|c: char| c.is_ascii_digit()));
    // `2G`, `5G`, `3D`: one digit and a capital G or D (`1.5A`, `3W`, `20EUR` are amounts).
    let digit_code = end - start == 1
        && text[end..].starts_with(['G', 'D'])
        && !text[end + 1..].starts_with(char::is_alphanumeric);
    glued_before || digit_code
}

/// `00` minutes (`10:00`, `10 h 00`, `22.00 Uhr`): nothing to compare with `10 h`.
fn is_zero_minutes(text: &str, start: usize, end: usize) -> bool {
    if &text[start..end] != "00" {
        return false;
    }
    let head = text[..start].trim_end_matches([' ', '\u{a0}', '\u{202f}']);
    head.ends_with([':', 'h', 'H', '.'])
}

/// A two-digit part of a numeric date may be a year: `12.01.21` = `12/01/2021`.
fn two_digit_year(n: &mut Num, text: &str) {
    if let Ok(v) = text[n.start..n.end].parse::<f64>() {
        n.push(2000.0 + v);
        n.push(1900.0 + v);
    }
}

/// A decade written with two digits: `90er` (de), `90s`, `’90s` (en), `années 90` (fr).
fn is_decade(text: &str, start: usize, end: usize) -> bool {
    let d = &text[start..end];
    if d.len() != 2 || !d.ends_with('0') {
        return false;
    }
    let after = &text[end..];
    let suffix = ["er", "s", "'s", "’s"].iter().any(|s| {
        after.starts_with(s) && !after[s.len()..].starts_with(|c: char| c.is_alphanumeric())
    });
    let before = text[..start].trim_end_matches([' ', '\u{a0}']);
    let word = ["années", "anni", "años", "jaren", "anos"].iter().any(|w| {
        before
            .len()
            .checked_sub(w.len())
            .and_then(|at| before.get(at..))
            .is_some_and(|tail| tail.eq_ignore_ascii_case(w))
    });
    suffix || word
}

/// A clock time written with a dot (`22.33 Uhr`, `22.33 h`) or a German day-month date with its
/// trailing dot (`26.12.`): read as separate numbers, not as a decimal.
fn is_clock_or_short_date(
    text: &str,
    parts: &[(usize, usize)],
    seps: &[char],
    end: usize,
    lang: Lang,
) -> bool {
    if seps != ['.'] {
        return false;
    }
    let (a, b) = (parts[0], parts[1]);
    let (la, lb) = (a.1 - a.0, b.1 - b.0);
    let num = |p: (usize, usize)| text[p.0..p.1].parse::<u32>().unwrap_or(99);
    if la <= 2 && lb == 2 && num(a) <= 24 && num(b) <= 59 {
        let next = next_word(text, end).map(|(w, _)| w);
        if next.is_some_and(|w| matches!(w, "Uhr" | "h" | "heures" | "hours")) {
            return true;
        }
    }
    lang == Lang::DE
        && la <= 2
        && lb <= 2
        && (1..=31).contains(&num(a))
        && (1..=12).contains(&num(b))
        && text[end..].starts_with('.')
}

/// Whether the number at `start..end` is glued by `/` or `-` to another number (`9/19/2023`).
fn slash_date_neighbour(b: &[u8], start: usize, end: usize) -> bool {
    let before = start >= 2 && matches!(b[start - 1], b'/' | b'-') && b[start - 2].is_ascii_digit();
    let after =
        matches!(b.get(end), Some(b'/' | b'-')) && b.get(end + 1).is_some_and(u8::is_ascii_digit);
    before || after
}

/// The readings of a chunk: as grouped thousands, as a decimal, or both; `None` when it is neither
/// (a date such as `19.09.2023`).
fn readings(text: &str, parts: &[(usize, usize)], seps: &[char]) -> Option<[Option<f64>; 2]> {
    let digits = |(s, e): (usize, usize)| &text[s..e];
    if seps.is_empty() {
        return Some([digits(parts[0]).parse().ok(), None]);
    }
    let grouped = |ps: &[(usize, usize)], ss: &[char]| -> Option<String> {
        let first = ss.first()?;
        if !ss.iter().all(|s| s == first) {
            return None;
        }
        let head = ps[0].1 - ps[0].0;
        if !(1..=3).contains(&head) || ps[1..].iter().any(|&(s, e)| e - s != 3) {
            return None;
        }
        Some(ps.iter().map(|&p| digits(p)).collect())
    };
    // All separators group thousands.
    let as_int = grouped(parts, seps).and_then(|s| s.parse::<f64>().ok());
    // The last separator is a decimal mark (`.` or `,`), the others group thousands.
    let last = *seps.last()?;
    let as_decimal = if matches!(last, '.' | ',') {
        let n = parts.len();
        let int = if n == 2 {
            Some(digits(parts[0]).to_string())
        } else {
            grouped(&parts[..n - 1], &seps[..n - 2]).filter(|_| seps[0] != last)
        };
        int.and_then(|int| {
            format!("{int}.{}", digits(parts[n - 1]))
                .parse::<f64>()
                .ok()
        })
    } else {
        None
    };
    if as_int.is_none() && as_decimal.is_none() {
        return None;
    }
    Some([as_int, as_decimal])
}

/// The next word after byte `at` (after spaces), with its end.
fn next_word(text: &str, at: usize) -> Option<(&str, usize)> {
    let rest = &text[at..];
    let trimmed = rest.trim_start_matches([' ', '\u{a0}', '\u{202f}', '\u{2009}']);
    let from = at + rest.len() - trimmed.len();
    let len = trimmed
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(trimmed.len(), |(i, _)| i);
    (len > 0).then(|| (&trimmed[..len], from + len))
}

/// The multiplier of a magnitude word after a number (`million`, `milliard`, `Mrd.`), per language.
fn magnitude_after(text: &str, end: usize, lang: Lang) -> f64 {
    // `50k`, `3k`: thousands, glued.
    let glued = &text[end..];
    if glued.starts_with(['k', 'K']) && !glued[1..].starts_with(|c: char| c.is_alphabetic()) {
        return 1e3;
    }
    let Some((word, word_end)) = next_word(text, end) else {
        return 1.0;
    };
    let w = word.to_lowercase();
    let lang = lang.as_str();
    // `trillion` is read as 10¹² (English); news rarely uses the long-scale 10¹⁸.
    match (lang, w.as_str()) {
        (_, "million" | "millions" | "mio" | "millionen" | "millón" | "millones" | "milione")
        | (_, "milioni" | "milhão" | "milhões" | "miljoen" | "miljoenen" | "mln") => 1e6,
        (_, "milliard" | "milliards" | "milliarde" | "milliarden" | "mrd" | "miliardo")
        | (_, "miliardi" | "miljard" | "miljarden" | "md" | "mds" | "bn" | "mld") => 1e9,
        ("en" | "pt" | "und", "billion" | "billions" | "bilhão" | "bilhões") => 1e9,
        (
            _,
            "billion" | "billions" | "billionen" | "billón" | "billones" | "bilione" | "bilião",
        )
        | (_, "biliões" | "biljoen" | "trillion" | "trillions") => 1e12,
        (_, "thousand" | "tausend" | "duizend") => 1e3,
        ("es" | "pt", "mil") => {
            // `mil millones` is 10⁹.
            match next_word(text, word_end) {
                Some((next, _)) if next.eq_ignore_ascii_case("millones") => 1e9,
                Some((next, _)) if next.eq_ignore_ascii_case("milhões") => 1e9,
                _ => 1e3,
            }
        }
        ("it", "mila") => 1e3,
        _ => 1.0,
    }
}

/// A 12-hour marker after a number, or after its `:mm` minutes: `Some(true)` for p.m.
fn pm_after(text: &str, end: usize) -> Option<bool> {
    let mut at = end;
    let b = text.as_bytes();
    if b.get(at) == Some(&b':')
        && b.get(at + 1..at + 3)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    {
        at += 3;
    }
    let rest = text[at..].trim_start_matches([' ', '\u{a0}', '\u{202f}']);
    let lower: String = rest
        .chars()
        .take(4)
        .collect::<String>()
        .to_ascii_lowercase();
    let (pm, len) = if lower.starts_with("p.m") {
        (true, 3)
    } else if lower.starts_with("a.m") {
        (false, 3)
    } else if lower.starts_with("pm") {
        (true, 2)
    } else if lower.starts_with("am") {
        (false, 2)
    } else {
        return None;
    };
    let boundary = !rest[len..].starts_with(|c: char| c.is_alphanumeric());
    boundary.then_some(pm)
}

/// Spelled-out numbers of a language: cardinals 0–20, tens, `hundred`, `thousand`, `dozen` and
/// ordinals 1–10 (lowercase).
fn spelled_table(lang: Lang) -> &'static [(&'static str, f64)] {
    match lang.as_str() {
        "fr" => &[
            ("zéro", 0.0),
            ("un", 1.0),
            ("une", 1.0),
            ("deux", 2.0),
            ("trois", 3.0),
            ("quatre", 4.0),
            ("cinq", 5.0),
            ("six", 6.0),
            ("sept", 7.0),
            ("huit", 8.0),
            ("neuf", 9.0),
            ("dix", 10.0),
            ("onze", 11.0),
            ("douze", 12.0),
            ("treize", 13.0),
            ("quatorze", 14.0),
            ("quinze", 15.0),
            ("seize", 16.0),
            ("vingt", 20.0),
            ("trente", 30.0),
            ("quarante", 40.0),
            ("cinquante", 50.0),
            ("soixante", 60.0),
            ("cent", 100.0),
            ("mille", 1000.0),
            ("douzaine", 12.0),
            ("dizaine", 10.0),
            ("premier", 1.0),
            ("première", 1.0),
            ("deuxième", 2.0),
            ("second", 2.0),
            ("seconde", 2.0),
            ("troisième", 3.0),
            ("quatrième", 4.0),
            ("cinquième", 5.0),
            ("sixième", 6.0),
            ("septième", 7.0),
            ("huitième", 8.0),
            ("neuvième", 9.0),
            ("dixième", 10.0),
            ("huitaine", 8.0),
            ("quinzaine", 15.0),
            ("vingtaine", 20.0),
            ("trentaine", 30.0),
            ("quarantaine", 40.0),
            ("cinquantaine", 50.0),
            ("soixantaine", 60.0),
            ("centaine", 100.0),
            ("millier", 1000.0),
            ("minuit", 0.0),
            ("midi", 12.0),
            ("moitié", 0.5),
            ("demi", 0.5),
            ("demie", 0.5),
            ("quart", 0.25),
            ("tiers", 1.0 / 3.0),
            ("double", 2.0),
            ("triple", 3.0),
        ],
        "en" => &[
            ("zero", 0.0),
            ("one", 1.0),
            ("a", 1.0),
            ("two", 2.0),
            ("three", 3.0),
            ("four", 4.0),
            ("five", 5.0),
            ("six", 6.0),
            ("seven", 7.0),
            ("eight", 8.0),
            ("nine", 9.0),
            ("ten", 10.0),
            ("eleven", 11.0),
            ("twelve", 12.0),
            ("thirteen", 13.0),
            ("fourteen", 14.0),
            ("fifteen", 15.0),
            ("sixteen", 16.0),
            ("seventeen", 17.0),
            ("eighteen", 18.0),
            ("nineteen", 19.0),
            ("twenty", 20.0),
            ("thirty", 30.0),
            ("forty", 40.0),
            ("fifty", 50.0),
            ("sixty", 60.0),
            ("seventy", 70.0),
            ("eighty", 80.0),
            ("ninety", 90.0),
            ("hundred", 100.0),
            ("thousand", 1000.0),
            ("dozen", 12.0),
            ("first", 1.0),
            ("second", 2.0),
            ("third", 3.0),
            ("fourth", 4.0),
            ("fifth", 5.0),
            ("sixth", 6.0),
            ("seventh", 7.0),
            ("eighth", 8.0),
            ("ninth", 9.0),
            ("tenth", 10.0),
            ("half", 0.5),
            ("quarter", 0.25),
            ("double", 2.0),
            ("twice", 2.0),
            ("triple", 3.0),
            ("once", 1.0),
            ("midnight", 0.0),
            ("noon", 12.0),
            ("both", 2.0),
            ("couple", 2.0),
            ("score", 20.0),
        ],
        "de" => &[
            ("null", 0.0),
            ("ein", 1.0),
            ("eine", 1.0),
            ("einer", 1.0),
            ("eines", 1.0),
            ("einem", 1.0),
            ("einen", 1.0),
            ("eins", 1.0),
            ("zwei", 2.0),
            ("drei", 3.0),
            ("vier", 4.0),
            ("fünf", 5.0),
            ("sechs", 6.0),
            ("sieben", 7.0),
            ("acht", 8.0),
            ("neun", 9.0),
            ("zehn", 10.0),
            ("elf", 11.0),
            ("zwölf", 12.0),
            ("dreizehn", 13.0),
            ("vierzehn", 14.0),
            ("fünfzehn", 15.0),
            ("sechzehn", 16.0),
            ("siebzehn", 17.0),
            ("achtzehn", 18.0),
            ("neunzehn", 19.0),
            ("zwanzig", 20.0),
            ("dreißig", 30.0),
            ("vierzig", 40.0),
            ("fünfzig", 50.0),
            ("sechzig", 60.0),
            ("siebzig", 70.0),
            ("achtzig", 80.0),
            ("neunzig", 90.0),
            ("hundert", 100.0),
            ("tausend", 1000.0),
            ("dutzend", 12.0),
            ("erste", 1.0),
            ("ersten", 1.0),
            ("erster", 1.0),
            ("zweite", 2.0),
            ("zweiten", 2.0),
            ("dritte", 3.0),
            ("dritten", 3.0),
            ("vierte", 4.0),
            ("vierten", 4.0),
            ("fünfte", 5.0),
            ("fünften", 5.0),
            ("sechste", 6.0),
            ("sechsten", 6.0),
            ("siebte", 7.0),
            ("siebten", 7.0),
            ("achte", 8.0),
            ("achten", 8.0),
            ("neunte", 9.0),
            ("neunten", 9.0),
            ("zehnte", 10.0),
            ("zehnten", 10.0),
            ("beide", 2.0),
            ("mitternacht", 0.0),
            ("mittag", 12.0),
            ("beiden", 2.0),
            ("drittel", 1.0 / 3.0),
            ("halb", 0.5),
            ("halbe", 0.5),
            ("hälfte", 0.5),
            ("viertel", 0.25),
            ("doppelt", 2.0),
            ("zweimal", 2.0),
            ("dreimal", 3.0),
        ],
        "es" => &[
            ("cero", 0.0),
            ("un", 1.0),
            ("uno", 1.0),
            ("una", 1.0),
            ("dos", 2.0),
            ("tres", 3.0),
            ("cuatro", 4.0),
            ("cinco", 5.0),
            ("seis", 6.0),
            ("siete", 7.0),
            ("ocho", 8.0),
            ("nueve", 9.0),
            ("diez", 10.0),
            ("once", 11.0),
            ("doce", 12.0),
            ("trece", 13.0),
            ("catorce", 14.0),
            ("quince", 15.0),
            ("dieciséis", 16.0),
            ("diecisiete", 17.0),
            ("dieciocho", 18.0),
            ("diecinueve", 19.0),
            ("veinte", 20.0),
            ("treinta", 30.0),
            ("cuarenta", 40.0),
            ("cincuenta", 50.0),
            ("cien", 100.0),
            ("mil", 1000.0),
            ("docena", 12.0),
            ("primer", 1.0),
            ("primero", 1.0),
            ("primera", 1.0),
            ("segundo", 2.0),
            ("segunda", 2.0),
            ("tercer", 3.0),
            ("tercero", 3.0),
            ("tercera", 3.0),
            ("medio", 0.5),
            ("media", 0.5),
            ("mitad", 0.5),
        ],
        "it" => &[
            ("zero", 0.0),
            ("uno", 1.0),
            ("una", 1.0),
            ("un", 1.0),
            ("due", 2.0),
            ("tre", 3.0),
            ("quattro", 4.0),
            ("cinque", 5.0),
            ("sei", 6.0),
            ("sette", 7.0),
            ("otto", 8.0),
            ("nove", 9.0),
            ("dieci", 10.0),
            ("undici", 11.0),
            ("dodici", 12.0),
            ("venti", 20.0),
            ("trenta", 30.0),
            ("cento", 100.0),
            ("mille", 1000.0),
            ("primo", 1.0),
            ("prima", 1.0),
            ("secondo", 2.0),
            ("terzo", 3.0),
            ("metà", 0.5),
        ],
        "pt" => &[
            ("zero", 0.0),
            ("um", 1.0),
            ("uma", 1.0),
            ("dois", 2.0),
            ("duas", 2.0),
            ("três", 3.0),
            ("quatro", 4.0),
            ("cinco", 5.0),
            ("seis", 6.0),
            ("sete", 7.0),
            ("oito", 8.0),
            ("nove", 9.0),
            ("dez", 10.0),
            ("onze", 11.0),
            ("doze", 12.0),
            ("vinte", 20.0),
            ("trinta", 30.0),
            ("cem", 100.0),
            ("mil", 1000.0),
            ("primeiro", 1.0),
            ("primeira", 1.0),
            ("segundo", 2.0),
            ("terceiro", 3.0),
            ("metade", 0.5),
        ],
        "nl" => &[
            ("nul", 0.0),
            ("een", 1.0),
            ("één", 1.0),
            ("twee", 2.0),
            ("drie", 3.0),
            ("vier", 4.0),
            ("vijf", 5.0),
            ("zes", 6.0),
            ("zeven", 7.0),
            ("acht", 8.0),
            ("negen", 9.0),
            ("tien", 10.0),
            ("elf", 11.0),
            ("twaalf", 12.0),
            ("twintig", 20.0),
            ("dertig", 30.0),
            ("honderd", 100.0),
            ("duizend", 1000.0),
            ("eerste", 1.0),
            ("tweede", 2.0),
            ("derde", 3.0),
            ("half", 0.5),
            ("helft", 0.5),
        ],
        _ => &[],
    }
}

/// Month names of a language (lowercase), January first: a month written out excuses its number
/// (`19.09.2023` ↔ `19 septembre 2023`).
fn month_names(lang: Lang) -> &'static [&'static str; 12] {
    match lang.as_str() {
        "fr" => &[
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
        ],
        "de" => &[
            "januar",
            "februar",
            "märz",
            "april",
            "mai",
            "juni",
            "juli",
            "august",
            "september",
            "oktober",
            "november",
            "dezember",
        ],
        "es" => &[
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ],
        "it" => &[
            "gennaio",
            "febbraio",
            "marzo",
            "aprile",
            "maggio",
            "giugno",
            "luglio",
            "agosto",
            "settembre",
            "ottobre",
            "novembre",
            "dicembre",
        ],
        "pt" => &[
            "janeiro",
            "fevereiro",
            "março",
            "abril",
            "maio",
            "junho",
            "julho",
            "agosto",
            "setembro",
            "outubro",
            "novembro",
            "dezembro",
        ],
        "nl" => &[
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ],
        _ => &[
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
    }
}

/// A spelled-out number: its value and whether it is a month name (which only stands for a number
/// of a numeric date).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spelled {
    pub value: f64,
    pub month: bool,
}

/// Appends the values of the spelled-out numbers of `text` (read as `lang`) to `out`. Hyphenated
/// compounds add their parts (`vingt-trois`, `twenty-three`); French `quatre-vingt(s)` is 80.
/// Month names count as their number.
pub fn spelled(text: &str, lang: Lang, out: &mut Vec<Spelled>) {
    let push = |out: &mut Vec<Spelled>, value: f64, month: bool| out.push(Spelled { value, month });
    let table = spelled_table(lang);
    let months = month_names(lang);
    let lookup = |w: &str| -> Option<f64> { table.iter().find(|(k, _)| *k == w).map(|&(_, v)| v) };
    let mut lower = String::new();
    for word in text.split(|c: char| !(c.is_alphabetic() || c == '-')) {
        if word.is_empty() || word.len() > 40 {
            continue;
        }
        lower.clear();
        lower.extend(word.chars().flat_map(char::to_lowercase));
        // German inflects ordinals and `beide`: `fünfter`, `zweiten`, `beiden`.
        let inflected = (lang == Lang::DE)
            .then(|| lower.strip_suffix(['r', 'n', 's', 'm']))
            .flatten();
        if let Some(v) = lookup(&lower).or_else(|| inflected.and_then(lookup)) {
            push(out, v, false);
            continue;
        }
        if let Some(m) = months.iter().position(|m| *m == lower) {
            push(out, m as f64 + 1.0, true);
            continue;
        }
        if let Some(v) = roman(word) {
            push(out, v, false);
            continue;
        }
        if !lower.contains('-') {
            continue;
        }
        // Compounds: `vingt-trois`, `deux-cents`, `mille-huit-cent-soixante-trois`.
        let mut total = 0.0f64;
        let mut current = 0.0f64;
        let mut all = true;
        let parts: Vec<&str> = lower
            .split('-')
            .filter(|p| !p.is_empty() && *p != "et")
            .collect();
        let mut k = 0;
        while k < parts.len() {
            if lang == Lang::FR
                && parts[k] == "quatre"
                && parts.get(k + 1).is_some_and(|p| p.starts_with("vingt"))
            {
                current += 80.0;
                k += 2;
                continue;
            }
            let p = parts[k].trim_end_matches('s');
            match lookup(parts[k]).or_else(|| lookup(p)) {
                Some(100.0) => current = current.max(1.0) * 100.0,
                Some(1000.0) => {
                    total += current.max(1.0) * 1000.0;
                    current = 0.0;
                }
                Some(v) => current += v,
                None => {
                    all = false;
                    break;
                }
            }
            k += 1;
        }
        let sum = total + current;
        if all && !parts.is_empty() {
            push(out, sum, false);
        }
    }
}

/// An upper-case Roman numeral, possibly with an ordinal suffix (`XIIIe`, `IIIe`, `XXI`): its value.
/// Single letters need the suffix (`V` alone is more often an initial).
fn roman(word: &str) -> Option<f64> {
    let core = ["ème", "eme", "er", "e", "th"]
        .iter()
        .find_map(|s| word.strip_suffix(s))
        .unwrap_or(word);
    let suffixed = core.len() < word.len();
    if core.is_empty() || (core.len() < 2 && !suffixed) || core.len() > 8 {
        return None;
    }
    let mut total = 0i64;
    let mut prev = 0i64;
    for c in core.chars().rev() {
        let v = match c {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            'L' => 50,
            'C' => 100,
            'D' => 500,
            'M' => 1000,
            _ => return None,
        };
        if v < prev {
            total -= v;
        } else {
            total += v;
            prev = v;
        }
    }
    (total > 0).then_some(total as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str, lang: Lang) -> Vec<Vec<f64>> {
        let mut out = Vec::new();
        extract(text, lang, &mut out);
        out.iter().map(|n| n.values().to_vec()).collect()
    }

    #[test]
    fn locale_readings() {
        assert_eq!(values("1 500,75 €", Lang::FR), [vec![1500.75]]);
        assert_eq!(values("$1,500.75", Lang::EN), [vec![1500.75]]);
        assert_eq!(values("1.500,75 €", Lang::DE), [vec![1500.75]]);
        assert_eq!(values("1,500 people", Lang::EN), [vec![1500.0, 1.5]]);
        assert_eq!(values("4,5 %", Lang::FR), [vec![4.5]]);
        assert_eq!(values("4.50%", Lang::EN), [vec![4.5]]);
        assert_eq!(
            values("le 19.09.2023", Lang::DE),
            [vec![19.0], vec![9.0], vec![2023.0]]
        );
        assert_eq!(
            values("en 2023 150 personnes", Lang::FR),
            [vec![2023.0], vec![150.0]]
        );
        assert_eq!(values("4:14", Lang::FR), [vec![4.0], vec![14.0]]);
        assert_eq!(values("10 000 Menschen", Lang::DE), [vec![10000.0]]);
        assert_eq!(
            values("on May 5 300 people", Lang::EN),
            [vec![5.0], vec![300.0]]
        );
        assert_eq!(values("um 22.33 Uhr", Lang::DE), [vec![22.0], vec![33.0]]);
        assert_eq!(
            values("am 26.12. bestellt", Lang::DE),
            [vec![26.0], vec![12.0]]
        );
        assert_eq!(
            values("am 19.09.23", Lang::DE),
            [vec![19.0], vec![9.0], vec![23.0, 2023.0, 1923.0]]
        );
        assert_eq!(values("rose 16.3. Then", Lang::EN), [vec![16.3]]);
        assert_eq!(
            values("Über 5, jusqu’à 3", Lang::FR),
            [vec![5.0], vec![3.0]]
        );
        assert_eq!(
            values("à 20H00, 20 h 00", Lang::FR),
            [vec![20.0], vec![20.0]]
        );
        let optional = |text: &str| {
            let mut out = Vec::new();
            extract(text, Lang::DE, &mut out);
            out.iter().map(|n| n.optional).collect::<Vec<_>>()
        };
        assert_eq!(
            optional("Der A380, 2G-Regel, G7, COVID-19, 3e, 1.5A, 3W, 6mm2"),
            [true, true, true, true, false, false, false, false, false]
        );
        assert_eq!(
            values("1m85 à 22h30", Lang::FR),
            [vec![1.0], vec![85.0], vec![22.0], vec![30.0]]
        );
        assert_eq!(
            values("von 10:00 bis 22.00 Uhr, 50k", Lang::DE),
            [vec![10.0], vec![22.0], vec![50e3]]
        );
        assert_eq!(
            values("die 90er Jahre, années 80", Lang::DE),
            [vec![90.0, 1990.0], vec![80.0, 1980.0]]
        );
        assert_eq!(
            values("le 12/01/21", Lang::FR),
            [vec![12.0], vec![1.0], vec![2021.0, 1921.0, 21.0]]
        );
    }

    #[test]
    fn magnitudes_and_clock() {
        assert_eq!(values("1,5 milliard", Lang::FR), [vec![1.5e9]]);
        assert_eq!(values("1.5 billion", Lang::EN), [vec![1.5e9]]);
        assert_eq!(values("1,5 billion", Lang::FR), [vec![1.5e12]]);
        assert_eq!(values("1 500 millions", Lang::FR), [vec![1.5e9]]);
        assert_eq!(values("5 mil millones", Lang::ES), [vec![5e9]]);
        assert_eq!(values("3 p.m.", Lang::EN), [vec![3.0, 15.0]]);
        assert_eq!(values("3:30 pm", Lang::EN), [vec![3.0, 15.0], vec![30.0]]);
    }

    #[test]
    fn spelled_numbers() {
        let values = |text: &str, lang: Lang| {
            let mut out = Vec::new();
            spelled(text, lang, &mut out);
            out.iter().map(|s| (s.value, s.month)).collect::<Vec<_>>()
        };
        assert_eq!(
            values(
                "Trois morts, vingt-trois blessés et quatre-vingts témoins.",
                Lang::FR
            ),
            [(3.0, false), (23.0, false), (80.0, false)]
        );
        assert_eq!(
            values("a dozen and twenty-one, deux-cents", Lang::EN),
            [(1.0, false), (12.0, false), (21.0, false)]
        );
        assert_eq!(values("deux-cent-trois", Lang::FR), [(203.0, false)]);
        assert_eq!(
            values("mille-huit-cent-soixante-trois", Lang::FR),
            [(1863.0, false)]
        );
        assert_eq!(values("Er ist fünfter", Lang::DE), [(5.0, false)]);
        assert_eq!(values("le 19 septembre", Lang::FR), [(9.0, true)]);
        assert_eq!(
            values("au XIIIe siècle, Louis XIV et V", Lang::FR),
            [(13.0, false), (14.0, false)]
        );
    }
}
