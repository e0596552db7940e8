//! `--where` conditions, evaluated on a linted document or on a document alone (the text
//! statistics read the inputs without linting them). The semantics are those of
//! `coquille compare`: conditions on the same field are alternatives, conditions on different
//! fields must all hold, negated ones exclude (a document without the field passes them).

use std::borrow::Cow;

use crate::compare::{Filter, Key};
use crate::document::Document;
use crate::engine::Checked;

/// Conditions on one key.
#[derive(Clone, Debug)]
struct Clause {
    key: Key,
    values: Vec<String>,
    negate: bool,
}

/// A set of `--where` conditions.
#[derive(Clone, Debug, Default)]
pub struct Filters {
    clauses: Vec<Clause>,
}

impl Filters {
    pub fn new(filters: &[Filter]) -> Filters {
        let mut clauses: Vec<Clause> = Vec::new();
        for f in filters {
            match clauses
                .iter_mut()
                .find(|c| c.key == f.key && c.negate == f.negate)
            {
                Some(c) => c.values.push(f.value.clone()),
                None => clauses.push(Clause {
                    key: f.key.clone(),
                    values: vec![f.value.clone()],
                    negate: f.negate,
                }),
            }
        }
        Filters { clauses }
    }

    /// Whether a linted document passes.
    pub fn passes_checked(&self, c: &Checked) -> bool {
        self.clauses.iter().all(|cl| {
            let v = cl.key.value(c);
            let hit = v.is_some_and(|v| cl.values.iter().any(|x| *x == v));
            hit != cl.negate
        })
    }

    /// Whether a document passes, before linting (its language, when not given, is detected
    /// from its text as the statistics do).
    pub fn passes_document(&self, d: &Document) -> bool {
        self.clauses.iter().all(|cl| {
            let v = document_value(&cl.key, d);
            let hit = v.is_some_and(|v| cl.values.iter().any(|x| *x == v));
            hit != cl.negate
        })
    }
}

/// The value of `key` for a document that has not been linted.
pub fn document_value<'a>(key: &'a Key, d: &'a Document) -> Option<Cow<'a, str>> {
    match key {
        Key::Field(f) => match d.meta.get(f)? {
            serde_json::Value::String(s) => Some(Cow::Borrowed(s)),
            serde_json::Value::Null => None,
            other => Some(Cow::Owned(other.to_string())),
        },
        Key::Id => d.id.as_deref().map(Cow::Borrowed),
        Key::Lang => Some(Cow::Owned(
            d.lang
                .unwrap_or_else(|| crate::lang::detect::detect_document(&d.text))
                .as_str()
                .to_string(),
        )),
        Key::Dir(map) => {
            let i = usize::try_from(d.key.input).ok()?;
            map.get(i)?.as_deref().map(Cow::Borrowed)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    fn doc(vendor: Option<&str>, lang: Option<Lang>) -> Document {
        let mut d = Document::plain("x.jsonl", "Le texte est en français, avec des mots.");
        if let Some(v) = vendor {
            d.meta
                .insert("vendor".into(), serde_json::Value::String(v.into()));
        }
        d.lang = lang;
        d
    }

    fn filter(key: Key, value: &str, negate: bool) -> Filter {
        Filter {
            key,
            value: value.into(),
            negate,
        }
    }

    #[test]
    fn same_field_alternatives_other_fields_all() {
        let vendor = || Key::Field("vendor".into());
        let f = Filters::new(&[
            filter(vendor(), "a", false),
            filter(vendor(), "b", false),
            filter(Key::Lang, "fr", false),
        ]);
        assert!(f.passes_document(&doc(Some("a"), Some(Lang::FR))));
        assert!(f.passes_document(&doc(Some("b"), None)));
        assert!(!f.passes_document(&doc(Some("c"), Some(Lang::FR))));
        assert!(!f.passes_document(&doc(Some("a"), Some(Lang::EN))));
        assert!(!f.passes_document(&doc(None, Some(Lang::FR))));
    }

    #[test]
    fn negated_clauses_pass_missing_values() {
        let f = Filters::new(&[filter(Key::Field("vendor".into()), "a", true)]);
        assert!(f.passes_document(&doc(None, None)));
        assert!(f.passes_document(&doc(Some("b"), None)));
        assert!(!f.passes_document(&doc(Some("a"), None)));
        assert!(Filters::default().passes_document(&doc(None, None)));
    }
}
