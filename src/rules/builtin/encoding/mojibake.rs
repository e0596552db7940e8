//! `encoding/mojibake`: text damaged by a wrong character encoding — UTF-8 read as Windows-1252 or
//! Latin-1 (`prÃ©sident`, `companyâ€™s`), U+FFFD replacement characters, HTML entities, escaped
//! Unicode (`\u00e9`), control characters, and Cyrillic or Greek look-alike letters inside Latin
//! words.

use crate::diagnostic::Severity;
use crate::rules::{Ctx, Rule, RuleMeta, Sink, examples};
use crate::span::Span;
use crate::tokenize::{Token, TokenKind};

pub struct Mojibake;

/// What starts at a trigger: a mojibake lead character (`Ã Â Å Ä Ð Ñ â ï`), U+FFFD, an entity start
/// (`&`) or an escape start (`\u`, `\x`).
#[derive(Clone, Copy)]
enum Trigger {
    Lead,
    Replacement,
    Entity,
    Escape,
}

/// Every trigger of `text`, in order (triggers never overlap). The mojibake leads are C3 83, 82,
/// 85, 84, 90, 91, A2 and AF in UTF-8, U+FFFD is EF BF BD: the bytes C3, `&` and `\` are searched
/// together, EF (rare in most texts) on its own.
fn triggers(text: &str) -> impl Iterator<Item = (usize, Trigger)> + '_ {
    let bytes = text.as_bytes();
    let mut common = memchr::memchr3_iter(0xC3, b'&', b'\\', bytes).peekable();
    let mut rare = memchr::memchr_iter(0xEF, bytes).peekable();
    std::iter::from_fn(move || {
        loop {
            let pos = match (common.peek(), rare.peek()) {
                (Some(&a), Some(&b)) if b < a => rare.next()?,
                (Some(_), _) => common.next()?,
                (None, _) => rare.next()?,
            };
            let trigger = match bytes.get(pos..) {
                Some([0xC3, 0x82..=0x85 | 0x90 | 0x91 | 0xA2 | 0xAF, ..]) => Trigger::Lead,
                Some([0xEF, 0xBF, 0xBD, ..]) => Trigger::Replacement,
                Some([b'&', ..]) => Trigger::Entity,
                Some([b'\\', b'u' | b'x', ..]) => Trigger::Escape,
                _ => continue,
            };
            return Some((pos, trigger));
        }
    })
}

/// The Windows-1252 byte of `c`, with U+0080–U+009F standing for themselves (Latin-1 decoding, and
/// the five bytes Windows-1252 leaves undefined).
fn cp1252_byte(c: char) -> Option<u8> {
    let cp = c as u32;
    if cp < 0x80 {
        return Some(cp as u8);
    }
    if (0x80..=0xFF).contains(&cp) {
        return Some(cp as u8);
    }
    Some(match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    })
}

fn is_continuation(c: char) -> bool {
    cp1252_byte(c).is_some_and(|b| (0x80..=0xBF).contains(&b))
}

/// Length in bytes of the mojibake sequence starting at `pos` (a trigger), or 0.
fn core_len(text: &str, pos: usize) -> usize {
    let mut it = text[pos..].chars();
    let Some(lead) = it.next() else { return 0 };
    let Some(c1) = it.next() else { return 0 };
    let before = text[..pos].chars().next_back();
    match lead {
        // A no-break space read as Latin-1 whose second byte became a plain space: `10Â %`.
        'Â' if c1 == ' ' && before.is_some_and(|b| !b.is_whitespace() && !b.is_uppercase()) => {
            lead.len_utf8()
        }
        'Ã' | 'Â' | 'Å' | 'Ä' | 'Ð' | 'Ñ' => {
            if !is_continuation(c1) {
                return 0;
            }
            // An all-capitals Portuguese, German or Spanish word ending in `Ã`, `Ä` or `Ñ` before a
            // closing quote or dash (`IRMÃ”`) is not mojibake.
            let letter_lead = matches!(lead, 'Ã' | 'Ä' | 'Ñ');
            let closing = matches!(c1, '»' | '”' | '’' | '…' | '–' | '—' | '·' | '•' | '›');
            if letter_lead && closing && before.is_some_and(char::is_uppercase) {
                return 0;
            }
            lead.len_utf8() + c1.len_utf8()
        }
        'â' | 'ï' => {
            let Some(c2) = it.next() else { return 0 };
            if !(is_continuation(c1) && is_continuation(c2)) {
                return 0;
            }
            // `ï` leads only the byte-order mark (`ï»¿`) and fullwidth forms (`ï¼`, `ï½`).
            if lead == 'ï' && !matches!(c1, '»' | '¼' | '½') {
                return 0;
            }
            lead.len_utf8() + c1.len_utf8() + c2.len_utf8()
        }
        _ => 0,
    }
}

/// Re-reads a string as the Windows-1252 bytes it was decoded from and decodes them as UTF-8,
/// keeping any character that is not part of a valid UTF-8 sequence. A final lone `Ã` before a
/// space was `à`, and a final lone `Â` a no-break space, whose last byte became that space. `None`
/// when nothing changes.
fn repair(s: &str, next_is_space: bool) -> Option<String> {
    let chars: Vec<char> = s.chars().collect();
    let bytes: Vec<Option<u8>> = chars.iter().map(|&c| cp1252_byte(c)).collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    let mut changed = false;
    while i < chars.len() {
        let lead = bytes[i].unwrap_or(0);
        let len = match lead {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => 1,
        };
        if len > 1 && i + len <= chars.len() {
            let seq: Option<Vec<u8>> = bytes[i..i + len].iter().copied().collect();
            if let Some(seq) = seq
                && let Ok(decoded) = std::str::from_utf8(&seq)
            {
                out.push_str(decoded);
                i += len;
                changed = true;
                continue;
            }
        }
        if i + 1 == chars.len() && next_is_space {
            // The last byte of `à` or of a no-break space became the following plain space.
            if chars[i] == 'Ã' {
                out.push('à');
                changed = true;
                i += 1;
                continue;
            }
            if chars[i] == 'Â' {
                changed = true;
                i += 1;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    changed.then_some(out)
}

/// Named HTML entities decoded for the suggestion (those `mt/token-leak` reports are skipped).
const ENTITIES: &[(&str, char)] = &[
    ("eacute", 'é'),
    ("egrave", 'è'),
    ("ecirc", 'ê'),
    ("euml", 'ë'),
    ("agrave", 'à'),
    ("acirc", 'â'),
    ("aacute", 'á'),
    ("ccedil", 'ç'),
    ("icirc", 'î'),
    ("iuml", 'ï'),
    ("iacute", 'í'),
    ("ocirc", 'ô'),
    ("oacute", 'ó'),
    ("ouml", 'ö'),
    ("ucirc", 'û'),
    ("ugrave", 'ù'),
    ("uuml", 'ü'),
    ("uacute", 'ú'),
    ("ntilde", 'ñ'),
    ("Eacute", 'É'),
    ("Egrave", 'È'),
    ("Agrave", 'À'),
    ("Ccedil", 'Ç'),
    ("oelig", 'œ'),
    ("szlig", 'ß'),
    ("rsquo", '’'),
    ("lsquo", '‘'),
    ("rdquo", '”'),
    ("ldquo", '“'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("hellip", '…'),
    ("mdash", '—'),
    ("ndash", '–'),
    ("euro", '€'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("deg", '°'),
    ("middot", '·'),
    ("bull", '•'),
    ("thinsp", '\u{2009}'),
    ("shy", '\u{AD}'),
];

/// Entities `mt/token-leak` already reports.
const LEAK_ENTITIES: &[&str] = &["amp", "quot", "apos", "lt", "gt", "nbsp", "#39", "#x27"];

/// An HTML entity at `pos` (`&…;`): its length and decoded char, if it is one.
fn entity_at(text: &str, pos: usize) -> Option<(usize, Option<char>)> {
    let rest = text.get(pos + 1..)?;
    let semi = rest.bytes().take(10).position(|b| b == b';')?;
    let body = &rest[..semi];
    let decoded = if let Some(num) = body.strip_prefix("#x").or_else(|| body.strip_prefix("#X")) {
        if !(2..=6).contains(&num.len()) || !num.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u32::from_str_radix(num, 16).ok().and_then(char::from_u32)
    } else if let Some(num) = body.strip_prefix('#') {
        if !(2..=6).contains(&num.len()) || !num.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        num.parse::<u32>().ok().and_then(char::from_u32)
    } else {
        if !(2..=8).contains(&body.len()) || !body.bytes().all(|b| b.is_ascii_alphabetic()) {
            return None;
        }
        ENTITIES.iter().find(|(n, _)| *n == body).map(|(_, c)| *c)
    };
    if LEAK_ENTITIES.contains(&body) {
        return None;
    }
    Some((semi + 2, decoded))
}

/// `\u00e9` (or a run of `\xc3\xa9`) at `pos`: its length and decoded text.
fn escape_at(text: &str, pos: usize) -> Option<(usize, Option<String>)> {
    let b = text.as_bytes();
    let hex = |s: usize, n: usize| -> Option<u32> {
        let h = text.get(s..s + n)?;
        h.bytes()
            .all(|c| c.is_ascii_hexdigit())
            .then(|| u32::from_str_radix(h, 16).ok())?
    };
    match b.get(pos + 1)? {
        b'u' => {
            let cp = hex(pos + 2, 4)?;
            Some((6, char::from_u32(cp).map(String::from)))
        }
        b'x' => {
            let mut bytes = Vec::new();
            let mut p = pos;
            while b.get(p) == Some(&b'\\') && b.get(p + 1) == Some(&b'x') {
                let Some(v) = hex(p + 2, 2) else { break };
                bytes.push(v as u8);
                p += 4;
            }
            if bytes.is_empty() {
                return None;
            }
            let decoded = match std::str::from_utf8(&bytes) {
                Ok(s) => s.to_string(),
                Err(_) => bytes.iter().map(|&v| char::from(v)).collect(),
            };
            Some((p - pos, Some(decoded)))
        }
        _ => None,
    }
}

/// Cyrillic and Greek letters that look like Latin ones, and their Latin twins.
fn latin_twin(c: char) -> Option<char> {
    Some(match c {
        'а' => 'a',
        'е' => 'e',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'у' => 'y',
        'х' => 'x',
        'і' => 'i',
        'ј' => 'j',
        'ѕ' => 's',
        'ԁ' => 'd',
        'һ' => 'h',
        'ӏ' => 'l',
        'А' => 'A',
        'В' => 'B',
        'Е' => 'E',
        'К' => 'K',
        'М' => 'M',
        'Н' => 'H',
        'О' => 'O',
        'Р' => 'P',
        'С' => 'C',
        'Т' => 'T',
        'Х' => 'X',
        'І' => 'I',
        'Ј' => 'J',
        'Ѕ' => 'S',
        'У' => 'Y',
        'Α' => 'A',
        'Β' => 'B',
        'Ε' => 'E',
        'Ζ' => 'Z',
        'Η' => 'H',
        'Ι' => 'I',
        'Κ' => 'K',
        'Μ' => 'M',
        'Ν' => 'N',
        'Ο' => 'O',
        'Ρ' => 'P',
        'Τ' => 'T',
        'Υ' => 'Y',
        'Χ' => 'X',
        'ο' => 'o',
        _ => return None,
    })
}

/// A Latin word with look-alike Cyrillic or Greek letters: its all-Latin spelling.
fn homoglyph_fix(word: &str) -> Option<String> {
    let mut latin = false;
    let mut twins = false;
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if c.is_ascii_alphabetic() {
            latin = true;
            out.push(c);
        } else if let Some(t) = latin_twin(c) {
            twins = true;
            out.push(t);
        } else if ('\u{370}'..='\u{52F}').contains(&c) {
            // A genuine Greek or Cyrillic letter: a mixed-script word, not a disguise.
            return None;
        } else {
            out.push(c);
        }
    }
    (latin && twins).then_some(out)
}

/// Characters of the word around a mojibake sequence.
fn wordish(c: char) -> bool {
    c.is_alphanumeric()
}

impl Rule for Mojibake {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            id: "encoding/mojibake".into(),
            severity: Severity::Error,
            summary: "text damaged by a wrong character encoding, entities, escapes or look-alike letters".into(),
            explanation: "Kinds: `mojibake`, UTF-8 text decoded as Windows-1252 or Latin-1 (`prÃ©sident`, \
                `companyâ€™s`, `Â ` for a no-break space), with the repaired word as the suggestion \
                when the bytes decode cleanly (double encodings are undone too); \
                `replacement-char`, a U+FFFD already in the input (bytes that were invalid when this \
                file was read are `encoding/invalid-utf8`); `html-entity`, an entity such as \
                `&eacute;` or `&#233;` (the common ones, `&amp;` `&nbsp;` `&quot;`…, are reported by \
                `mt/token-leak`); `escaped-unicode`, `\\u00e9` or `\\xc3\\xa9`; `control-char`, a C0 or \
                C1 control character; `homoglyph`, a Latin word containing Cyrillic or Greek letters \
                that look Latin (`Pаris` with a Cyrillic `а`). Portuguese and other capitals are not \
                mojibake when a real letter follows (`SÃO PAULO`), nor at the end of an all-capitals \
                word before a closing quote; words that mix in genuine Greek or Cyrillic letters \
                (`β-bloquant`, `μm`) are not homoglyphs."
                .into(),
            flagged: examples(&[
                ("fr", "Le prÃ©sident a dÃ©clarÃ© que la rÃ©forme aura lieu."),
                ("en", "The companyâ€™s chief executive declined to comment."),
                ("fr", "Le pr&eacute;sident est parti."),
                ("en", "The minister visited P\u{430}ris on Monday."),
            ]),
            allowed: examples(&[
                ("fr", "Le président a déclaré que la réforme aura lieu."),
                ("fr", "SÃO PAULO (Reuters) – Les marchés brésiliens ont reculé."),
                ("fr", "Les β-bloquants mesurent 5 μm, dit AT&T; R&D à 10 %."),
                ("de", "Die Ärzte in Österreich und Ägypten sagten „Nein“ zur Änderung."),
            ]),
            languages: Vec::new(),
            default_enabled: true,
            origin: file!().into(),
        }
    }

    fn check(&self, cx: &Ctx<'_>, out: &mut Sink<'_>) {
        let text = cx.text();
        let mut reported: Vec<Span> = Vec::new();
        let mut skip_to = 0usize;
        for (pos, trigger) in triggers(text) {
            if pos < skip_to {
                continue;
            }
            match trigger {
                Trigger::Replacement => {
                    let span = Span::from_usize(pos, pos + '\u{FFFD}'.len_utf8());
                    if !cx.doc.replaced.contains(&span) {
                        out.report_kind(
                            "replacement-char",
                            false,
                            span,
                            "replacement character U+FFFD: a character was lost in an earlier conversion",
                            None,
                        );
                    }
                }
                Trigger::Entity => {
                    if let Some((len, decoded)) = entity_at(text, pos) {
                        let span = Span::from_usize(pos, pos + len);
                        out.report_kind(
                            "html-entity",
                            false,
                            span,
                            format!("entity `{}` left from HTML in the text", span.text(text)),
                            decoded.map(String::from),
                        );
                        skip_to = pos + len;
                    }
                }
                Trigger::Escape => {
                    if let Some((len, decoded)) = escape_at(text, pos) {
                        let span = Span::from_usize(pos, pos + len);
                        out.report_kind(
                            "escaped-unicode",
                            false,
                            span,
                            format!("escaped character `{}` in the text", span.text(text)),
                            decoded,
                        );
                        skip_to = pos + len;
                    }
                }
                Trigger::Lead => {
                    if core_len(text, pos) == 0 && !lone_a_grave(text, pos) {
                        continue;
                    }
                    let span = mojibake_word(text, pos);
                    let word = span.text(text);
                    let next_space = text[span.end as usize..]
                        .chars()
                        .next()
                        .is_some_and(|c| c == ' ' || c == '\u{A0}');
                    // Undo up to two layers of encoding.
                    let fixed = repair(word, next_space)
                        .map(|once| repair(&once, next_space).unwrap_or(once));
                    let msg = match &fixed {
                        Some(f) => format!(
                            "mojibake: `{word}` is UTF-8 read as Windows-1252; it reads `{f}`"
                        ),
                        None => {
                            format!("mojibake: `{word}` looks like UTF-8 read as Windows-1252")
                        }
                    };
                    out.report_kind("mojibake", false, span, msg, fixed);
                    reported.push(span);
                    skip_to = span.end as usize;
                }
            }
        }
        // Control characters (Symbol tokens) and homoglyphs (words).
        let tokens = &cx.an.tokens;
        let bytes = text.as_bytes();
        if memchr::memchr3(0xD0, 0xD1, 0xCE, bytes).is_some() {
            for tok in tokens {
                match tok.kind {
                    TokenKind::Symbol => check_control(text, tok, &reported, out),
                    TokenKind::Word => check_homoglyph(text, tok, out),
                    _ => {}
                }
            }
            return;
        }
        // Without Greek or Cyrillic letters only control characters are left: the bytes that may
        // start one are found first, 64 at a time, and then the token there.
        let mut from = 0usize;
        for (k, block) in bytes.chunks(64).enumerate() {
            if !block
                .iter()
                .fold(false, |any, &b| any | may_start_control(b))
            {
                continue;
            }
            for (j, &b) in block.iter().enumerate() {
                if !may_start_control(b) {
                    continue;
                }
                let pos = k * 64 + j;
                from += tokens[from..].partition_point(|t| (t.end as usize) <= pos);
                if let Some(tok) = tokens.get(from)
                    && tok.kind == TokenKind::Symbol
                    && tok.start as usize == pos
                {
                    check_control(text, tok, &reported, out);
                }
            }
        }
    }
}

/// Whether byte `b` may start a control character: a byte below 0x20 other than a tab or a line
/// break, DEL, or C2 (the lead byte of U+0080–U+009F, and of other characters). Written without
/// branches, so that a block of bytes is tested with vector instructions.
fn may_start_control(b: u8) -> bool {
    ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r')) | (b == 0x7F) | (b == 0xC2)
}

/// A Symbol token that is a C0 or C1 control character (outside the mojibake words reported).
fn check_control(text: &str, tok: &Token, reported: &[Span], out: &mut Sink<'_>) {
    let Some(c) = text[tok.start as usize..].chars().next() else {
        return;
    };
    let control =
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || ('\u{7F}'..='\u{9F}').contains(&c);
    if !control || reported.iter().any(|s| s.contains(tok.span())) {
        return;
    }
    out.report_kind(
        "control-char",
        false,
        tok.span(),
        format!("control character U+{:04X} in the text", c as u32),
        Some(String::new()),
    );
}

/// A word token with Cyrillic or Greek look-alike letters among Latin ones.
fn check_homoglyph(text: &str, tok: &Token, out: &mut Sink<'_>) {
    let w = tok.text(text);
    if w.is_ascii() || !w.bytes().any(|b| matches!(b, 0xCE | 0xD0 | 0xD1)) {
        return;
    }
    if let Some(fixed) = homoglyph_fix(w) {
        out.report_kind(
            "homoglyph",
            false,
            tok.span(),
            format!("`{w}` mixes Latin letters with Cyrillic or Greek look-alikes"),
            Some(fixed),
        );
    }
}

/// A standalone `Ã` followed by a space: French `à` whose no-break-space byte was lost.
fn lone_a_grave(text: &str, pos: usize) -> bool {
    let before = text[..pos].chars().next_back();
    let after = text
        .get(pos + 'Ã'.len_utf8()..)
        .and_then(|t| t.chars().next());
    text[pos..].starts_with('Ã') && before.is_none_or(char::is_whitespace) && after == Some(' ')
}

/// The span of the word holding the mojibake sequence at `pos`, over further sequences.
fn mojibake_word(text: &str, pos: usize) -> Span {
    let mut start = pos;
    while let Some(c) = text[..start].chars().next_back() {
        if !wordish(c) {
            break;
        }
        start -= c.len_utf8();
    }
    let mut end = pos;
    loop {
        let core = core_len(text, end);
        if core > 0 {
            end += core;
            continue;
        }
        match text[end..].chars().next() {
            Some(c) if wordish(c) => end += c.len_utf8(),
            _ => break,
        }
    }
    Span::from_usize(start, end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::rules::testing::{assert_allows, assert_flags, run};

    fn fixes(lang: Lang, text: &str) -> Vec<(String, Option<String>, Option<&'static str>)> {
        run(&Mojibake, lang, text)
            .into_iter()
            .map(|d| (d.span.text(text).to_string(), d.suggestion, d.kind))
            .collect()
    }

    #[test]
    fn catalog_cases() {
        let r = Mojibake;
        assert_flags(
            &r,
            Lang::FR,
            "Le prÃ©sident a dÃ©clarÃ© que la rÃ©forme aura lieu.",
            &["prÃ©sident", "dÃ©clarÃ©", "rÃ©forme"],
        );
        assert_flags(
            &r,
            Lang::EN,
            "The companyâ€™s chief executive declined to comment.",
            &["companyâ€™s"],
        );
        assert_allows(
            &r,
            Lang::FR,
            "Le président a déclaré que la réforme aura lieu.",
        );
        assert_allows(
            &r,
            Lang::FR,
            "SÃO PAULO (Reuters) – Les marchés brésiliens ont reculé.",
        );
    }

    #[test]
    fn repairs() {
        let m = Some("mojibake");
        assert_eq!(
            fixes(Lang::FR, "Il a dÃ©couvert Ã§a dÃ©jÃ  hier."),
            vec![
                ("dÃ©couvert".into(), Some("découvert".into()), m),
                ("Ã§a".into(), Some("ça".into()), m),
                ("dÃ©jÃ".into(), Some("déjà".into()), m),
            ]
        );
        assert_eq!(
            fixes(Lang::EN, "the companyâ€™s “bestâ€\u{9D} deal"),
            vec![
                ("companyâ€™s".into(), Some("company’s".into()), m),
                ("bestâ€\u{9D}".into(), Some("best”".into()), m),
            ]
        );
        // A no-break space read as Latin-1, and a double encoding.
        assert_eq!(
            fixes(Lang::FR, "10Â\u{A0}% et prÃƒÂ©sident"),
            vec![
                ("10Â\u{A0}".into(), Some("10\u{A0}".into()), m),
                ("prÃƒÂ©sident".into(), Some("président".into()), m),
            ]
        );
        assert_eq!(
            fixes(Lang::FR, "10Â % de plus"),
            vec![("10Â".into(), Some("10".into()), m)]
        );
        assert_eq!(
            fixes(Lang::FR, "Il va Ã  Paris."),
            vec![("Ã".into(), Some("à".into()), m)]
        );
        assert_eq!(
            fixes(Lang::EN, "ï»¿Title"),
            vec![("ï»¿Title".into(), Some("\u{FEFF}Title".into()), m)]
        );
    }

    #[test]
    fn other_kinds() {
        assert_eq!(
            fixes(
                Lang::FR,
                "Le pr&eacute;sident &#233;tait l&agrave; &amp; ici."
            ),
            vec![
                ("&eacute;".into(), Some("é".into()), Some("html-entity")),
                ("&#233;".into(), Some("é".into()), Some("html-entity")),
                ("&agrave;".into(), Some("à".into()), Some("html-entity")),
            ]
        );
        assert_eq!(
            fixes(Lang::FR, "pr\\u00e9sident et d\\xc3\\xa9j\\xe0"),
            vec![
                ("\\u00e9".into(), Some("é".into()), Some("escaped-unicode")),
                (
                    "\\xc3\\xa9".into(),
                    Some("é".into()),
                    Some("escaped-unicode")
                ),
                ("\\xe0".into(), Some("à".into()), Some("escaped-unicode")),
            ]
        );
        assert_eq!(
            fixes(Lang::EN, "a\u{1}b and \u{FFFD} and P\u{430}ris"),
            vec![
                ("\u{1}".into(), Some(String::new()), Some("control-char")),
                ("\u{FFFD}".into(), None, Some("replacement-char")),
                (
                    "P\u{430}ris".into(),
                    Some("Paris".into()),
                    Some("homoglyph")
                ),
            ]
        );
    }

    #[test]
    fn clean_text_in_other_languages() {
        let r = Mojibake;
        assert_allows(
            &r,
            Lang::DE,
            "Die Ärzte in Österreich sagten „Nein“ zur Änderung. ÄRA»",
        );
        assert_allows(&r, Lang::ES, "El AÑO pasado, la niña y el señor. «AÑO»");
        assert_allows(&r, Lang::PT, "A IRMÃ” e a MAÇÃ… em SÃO PAULO, irmã.");
        assert_allows(
            &r,
            Lang::FR,
            "Le château âgé, naïf, maïs, « Â », AT&T; R&D.",
        );
        assert_allows(
            &r,
            Lang::FR,
            "Les β-bloquants, 5 μm, Москва и Санкт-Петербург.",
        );
        assert_allows(&r, Lang::EN, "C:\\users\\xavier and \\under.");
    }
}
