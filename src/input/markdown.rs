//! Markdown articles: what is prose and what is not. Code spans and blocks, link targets, bare URLs,
//! HTML, markup characters and the front matter are *masked*: rules see spaces there, so byte
//! offsets, lines and columns still point into the original file. Front-matter fields become
//! document metadata (like JSONL fields), and `<!-- coquille-… -->` comments become suppression
//! directives.
//!
//! Front matter: YAML between `---` lines at the very start (top-level `key: value` scalars are read;
//! nested YAML is masked but not interpreted), or TOML between `+++` lines.

use std::collections::BTreeMap;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde_json::Value;

use crate::document::{Directive, DirectiveKind};
use crate::span::Span;

/// What the Markdown layer found in a file.
#[derive(Debug, Default, PartialEq)]
pub struct Markdown {
    /// Sorted, disjoint regions that are not prose.
    pub masked: Vec<Span>,
    /// Front-matter fields.
    pub meta: BTreeMap<String, Value>,
    pub directives: Vec<Directive>,
}

/// Analyses a Markdown text.
pub fn parse(text: &str) -> Markdown {
    let mut md = Markdown::default();
    let body_start = front_matter(text, &mut md.meta);
    let body = &text[body_start..];
    let mut prose: Vec<(usize, usize)> = Vec::new();
    let mut in_code = 0usize;
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    for (event, range) in Parser::new_ext(body, opts).into_offset_iter() {
        let (start, end) = (range.start + body_start, range.end + body_start);
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code += 1,
            Event::End(TagEnd::CodeBlock) => in_code = in_code.saturating_sub(1),
            Event::Text(_) if in_code == 0 => push_prose(text, start, end, &mut prose),
            Event::Html(html) | Event::InlineHtml(html) => {
                if let Some(d) = directive(&html, start, end) {
                    md.directives.push(d);
                }
            }
            _ => {}
        }
    }
    prose.sort_unstable();
    // Everything outside prose is masked, except line breaks (kept by `Document::prose`).
    let mut pos = 0usize;
    for (s, e) in prose {
        if s > pos {
            md.masked.push(Span::from_usize(pos, s));
        }
        pos = pos.max(e);
    }
    if pos < text.len() {
        md.masked.push(Span::from_usize(pos, text.len()));
    }
    md.masked
        .retain(|s| !text[s.range()].bytes().all(|b| b == b'\n' || b == b'\r'));
    md
}

/// Adds a text run as prose, minus bare URLs inside it.
fn push_prose(text: &str, start: usize, end: usize, prose: &mut Vec<(usize, usize)>) {
    let run = &text[start..end];
    let mut pos = 0usize;
    while let Some(found) = find_url(&run[pos..]) {
        let (us, ue) = (pos + found.0, pos + found.1);
        if us > pos {
            prose.push((start + pos, start + us));
        }
        pos = ue;
    }
    if pos < run.len() {
        prose.push((start + pos, end));
    }
}

/// The first bare URL (`http://`, `https://`, `www.`) in `s`: its byte range, trailing sentence
/// punctuation excluded.
fn find_url(s: &str) -> Option<(usize, usize)> {
    let start = ["https://", "http://", "www."]
        .iter()
        .filter_map(|p| s.find(p))
        .min()?;
    let rest = &s[start..];
    let mut end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    while end > 0 {
        let Some(c) = rest[..end].chars().next_back() else {
            break;
        };
        if matches!(
            c,
            '.' | ',' | ';' | ':' | '!' | '?' | ')' | '»' | '”' | '"' | '\''
        ) {
            end -= c.len_utf8();
        } else {
            break;
        }
    }
    Some((start, start + end))
}

/// Reads a leading front matter into `meta`; returns where the body starts.
fn front_matter(text: &str, meta: &mut BTreeMap<String, Value>) -> usize {
    let (fence, toml) = if text.starts_with("---\n") || text.starts_with("---\r\n") {
        ("---", false)
    } else if text.starts_with("+++\n") || text.starts_with("+++\r\n") {
        ("+++", true)
    } else {
        return 0;
    };
    let first = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut pos = first;
    while pos < text.len() {
        let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = text[pos..line_end].trim_end();
        if line == fence || (!toml && line == "...") {
            let inner = &text[first..pos];
            if toml {
                if let Ok(table) = inner.parse::<toml::Table>() {
                    for (k, v) in table {
                        if let Ok(v) = serde_json::to_value(v) {
                            meta.insert(k, v);
                        }
                    }
                }
            } else {
                yaml_scalars(inner, meta);
            }
            return line_end;
        }
        pos = line_end;
    }
    0 // no closing fence: not a front matter
}

/// Top-level `key: value` scalars of a YAML block (quotes removed; numbers and booleans typed).
fn yaml_scalars(block: &str, meta: &mut BTreeMap<String, Value>) {
    for line in block.lines() {
        if line.starts_with([' ', '\t', '-', '#']) {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let (key, value) = (key.trim(), value.trim());
        if key.is_empty() || value.is_empty() || value.starts_with(['[', '{', '|', '>', '&', '*']) {
            continue;
        }
        let unquoted = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')));
        let v = match unquoted {
            Some(s) => Value::String(s.to_string()),
            None => match value {
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                _ => value
                    .parse::<i64>()
                    .map(Value::from)
                    .unwrap_or_else(|_| Value::String(value.to_string())),
            },
        };
        meta.insert(key.to_string(), v);
    }
}

/// A `<!-- coquille-disable[-next-line]|enable [RULE…] -->` comment.
fn directive(html: &str, start: usize, end: usize) -> Option<Directive> {
    let inner = html
        .trim()
        .strip_prefix("<!--")?
        .trim_end()
        .strip_suffix("-->")?
        .trim();
    let mut words = inner
        .split([' ', ',', '\t', '\n'])
        .filter(|w| !w.is_empty());
    let kind = match words.next()? {
        "coquille-disable" => DirectiveKind::Disable,
        "coquille-enable" => DirectiveKind::Enable,
        "coquille-disable-next-line" => DirectiveKind::DisableNextLine,
        _ => return None,
    };
    let end = start + html.trim_end().len().min(end - start);
    Some(Directive {
        kind,
        rules: words.map(str::to_string).collect(),
        span: Span::from_usize(start, end),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked_text(text: &str) -> String {
        let mut doc = crate::document::Document::plain("a.md", text);
        doc.masked = parse(text).masked;
        doc.prose().into_owned()
    }

    #[test]
    fn masks_code_urls_markup_and_front_matter() {
        let text = "---\nlang: fr\nid: \"art-7\"\nvendor: alpha\nwords: 12\n---\n# Titre\n\nLe `code.Ici` et [le lien](https://ex.org/a.Bc) puis https://x.fr/y.\n\n```\nle le code\n```\n\nFin.\n";
        let md = parse(text);
        assert_eq!(md.meta["lang"], "fr");
        assert_eq!(md.meta["id"], "art-7");
        assert_eq!(md.meta["words"], 12);
        let prose = masked_text(text);
        assert_eq!(prose.len(), text.len());
        assert_eq!(prose.lines().count(), text.lines().count());
        assert!(
            !prose.contains("lang") && !prose.contains("code.Ici") && !prose.contains("ex.org")
        );
        assert!(!prose.contains("x.fr") && !prose.contains("le le") && !prose.contains('#'));
        assert!(prose.contains("Titre") && prose.contains("le lien") && prose.contains("Fin."));
        // The sentence's final period after the bare URL stays prose.
        let off = text.find("x.fr/y.").unwrap() + "x.fr/y".len();
        assert_eq!(&prose[off..off + 1], ".");
    }

    #[test]
    fn toml_front_matter_and_directives() {
        let text = "+++\nlang = \"en\"\nvendor = \"beta\"\n+++\n<!-- coquille-disable repetition/repeated-word -->\nThe the end.\n<!-- coquille-enable repetition/repeated-word -->\n\n<!-- coquille-disable-next-line -->\nMore.\n";
        let md = parse(text);
        assert_eq!(md.meta["vendor"], "beta");
        let kinds: Vec<DirectiveKind> = md.directives.iter().map(|d| d.kind).collect();
        assert_eq!(
            kinds,
            [
                DirectiveKind::Disable,
                DirectiveKind::Enable,
                DirectiveKind::DisableNextLine
            ]
        );
        assert_eq!(md.directives[0].rules, ["repetition/repeated-word"]);
        assert!(md.directives[2].rules.is_empty());
        assert!(text[md.directives[0].span.range()].starts_with("<!--"));
    }

    #[test]
    fn no_front_matter_without_a_closing_fence() {
        let md = parse("---\nnot closed\n\nText.\n");
        assert!(md.meta.is_empty());
    }
}
