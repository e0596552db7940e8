//! Applying suggestions to a text. A fix replaces exactly its span with its suggestion; fixes are
//! applied from the start of the text, and a fix overlapping one already taken is skipped (it will
//! be found again on the next run), so overlapping fixes never corrupt the text.

use crate::diagnostic::Diagnostic;

/// Whether a rule's suggestions can be applied without a human's eye.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// The replacement is certain (a repeated word, a missing space).
    Safe,
    /// The replacement is likely but should be reviewed (a glued word split, a name made consistent).
    Unsafe,
}

/// The outcome of fixing one text.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Fixed {
    pub text: String,
    /// Indices (into the diagnostics given) of the fixes applied.
    pub applied: Vec<usize>,
    /// Indices of fixes skipped because they overlapped an applied one.
    pub skipped: Vec<usize>,
}

/// Applies the suggestions of `diagnostics` accepted by `accept` to `text`.
pub fn apply(
    text: &str,
    diagnostics: &[Diagnostic],
    accept: impl Fn(&Diagnostic) -> bool,
) -> Fixed {
    let mut order: Vec<usize> = (0..diagnostics.len())
        .filter(|&i| diagnostics[i].suggestion.is_some() && accept(&diagnostics[i]))
        .collect();
    order.sort_by_key(|&i| (diagnostics[i].span.start, diagnostics[i].span.end, i));
    let mut out = Fixed {
        text: String::with_capacity(text.len()),
        ..Fixed::default()
    };
    let mut pos = 0usize;
    for i in order {
        let d = &diagnostics[i];
        let (start, end) = (d.span.start as usize, d.span.end as usize);
        let valid = start >= pos
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end);
        // Two insertions at the same point also conflict: the order of the results would be arbitrary.
        let touches_previous = start == pos
            && pos > 0
            && out.applied.last().is_some_and(|&j| {
                let p = &diagnostics[j];
                p.span.start == p.span.end || d.span.start == d.span.end
            });
        if !valid || touches_previous {
            out.skipped.push(i);
            continue;
        }
        out.text.push_str(&text[pos..start]);
        out.text.push_str(d.suggestion.as_deref().unwrap_or(""));
        pos = end;
        out.applied.push(i);
    }
    out.text.push_str(&text[pos..]);
    out
}

/// A unified diff of `before` → `after` for `path`, or an empty string when they are equal.
pub fn unified_diff(path: &str, before: &str, after: &str) -> String {
    if before == after {
        return String::new();
    }
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Severity;
    use crate::span::Span;
    use std::sync::Arc;

    fn d(start: u32, end: u32, s: &str) -> Diagnostic {
        Diagnostic {
            rule: Arc::from("a/b"),
            kind: None,
            severity: Severity::Warning,
            message: String::new(),
            span: Span::new(start, end),
            suggestion: Some(s.into()),
        }
    }

    #[test]
    fn applies_in_order_and_skips_overlaps() {
        let text = "Le le chat.Il dort";
        let ds = vec![d(10, 13, ". Il"), d(0, 5, "Le"), d(3, 8, "XX")];
        let f = apply(text, &ds, |_| true);
        assert_eq!(f.text, "Le chat. Il dort");
        assert_eq!(f.applied, [1, 0]);
        assert_eq!(f.skipped, [2]);
        // Nothing accepted: the text is unchanged.
        assert_eq!(apply(text, &ds, |_| false).text, text);
    }

    #[test]
    fn rejects_spans_off_char_boundaries_or_out_of_range() {
        let text = "été";
        let f = apply(text, &[d(1, 2, "x"), d(4, 9, "y")], |_| true);
        assert_eq!(f.text, text);
        assert_eq!(f.skipped.len(), 2);
    }

    #[test]
    fn diff_is_unified() {
        let diff = unified_diff("a.txt", "un\ndeux\n", "un\ntrois\n");
        assert!(
            diff.contains("--- a/a.txt") && diff.contains("-deux") && diff.contains("+trois"),
            "{diff}"
        );
        assert!(unified_diff("a.txt", "x", "x").is_empty());
    }
}
