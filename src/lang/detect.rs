//! Language detection (stub, to be replaced).
use super::Lang;

pub fn detect_document(_text: &str) -> Lang {
    Lang::UND
}

pub fn iso639_3_to_1(code: &str) -> Option<&'static str> {
    match code {
        "fra" => Some("fr"),
        "eng" => Some("en"),
        _ => None,
    }
}
