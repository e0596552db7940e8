//! Languages: codes, per-language data, and document/sentence language detection.

pub mod detect;
pub mod words;

use std::fmt;

/// A language code: ISO 639-1 when the language has one (`fr`, `en`), else ISO 639-3 (`cmn`),
/// or `und` when unknown. Stored inline so it is `Copy`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lang([u8; 3]);

impl Lang {
    pub const UND: Lang = Lang(*b"und");
    pub const FR: Lang = Lang(*b"fr\0");
    pub const EN: Lang = Lang(*b"en\0");
    pub const DE: Lang = Lang(*b"de\0");
    pub const ES: Lang = Lang(*b"es\0");
    pub const IT: Lang = Lang(*b"it\0");
    pub const PT: Lang = Lang(*b"pt\0");
    pub const NL: Lang = Lang(*b"nl\0");

    /// Parses `fr`, `FR`, `fr-FR`, `fr_CA`, `fra`, `french`-less codes: the primary subtag, lowercased.
    /// Three-letter codes with a two-letter equivalent are mapped to it. Returns `None` for garbage.
    pub fn parse(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next()?.trim();
        if !(2..=3).contains(&primary.len()) || !primary.bytes().all(|b| b.is_ascii_alphabetic()) {
            return None;
        }
        let lower = primary.to_ascii_lowercase();
        let b = lower.as_bytes();
        if b.len() == 2 {
            return Some(Lang([b[0], b[1], 0]));
        }
        if let Some(two) = detect::iso639_3_to_1(&lower) {
            return Lang::parse(two);
        }
        Some(Lang([b[0], b[1], b[2]]))
    }

    pub fn as_str(&self) -> &str {
        let len = if self.0[2] == 0 { 2 } else { 3 };
        std::str::from_utf8(&self.0[..len]).unwrap_or("und")
    }

    pub fn is_known(&self) -> bool {
        *self != Lang::UND
    }
}

impl fmt::Debug for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Lang({})", self.as_str())
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes() {
        assert_eq!(Lang::parse("fr"), Some(Lang::FR));
        assert_eq!(Lang::parse("FR-ca"), Some(Lang::FR));
        assert_eq!(Lang::parse("en_US"), Some(Lang::EN));
        assert_eq!(Lang::parse("fra"), Some(Lang::FR));
        assert_eq!(Lang::parse("x"), None);
        assert_eq!(Lang::parse("12"), None);
        assert_eq!(Lang::FR.as_str(), "fr");
        assert_eq!(Lang::UND.as_str(), "und");
    }
}
