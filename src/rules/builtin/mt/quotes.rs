//! Spans of quoted text (`« … »`, `“ … ”`, `„ … “`, `" … "`), computed lazily once per document, so that
//! rules can leave quotations alone. Quotes never cross a line; a quote still open at the end of a line
//! (a multi-paragraph quotation) runs to the end of that line.

/// The quoted spans of a text, computed on first use.
pub struct QuotedSpans<'a> {
    text: &'a str,
    spans: Option<Vec<(usize, usize)>>,
}

impl<'a> QuotedSpans<'a> {
    pub fn new(text: &'a str) -> Self {
        QuotedSpans { text, spans: None }
    }

    /// Whether byte offset `at` lies inside a quotation (the marks themselves included).
    pub fn contains(&mut self, at: usize) -> bool {
        let text = self.text;
        let spans = self.spans.get_or_insert_with(|| quoted_spans(text));
        let i = spans.partition_point(|&(start, _)| start <= at);
        i > 0 && spans[i - 1].1 > at
    }
}

/// Every outermost quoted span of `text`, sorted, as `(start, end)` byte offsets.
pub fn quoted_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut stack: Vec<char> = Vec::new();
    let mut open_at = 0usize;
    for (i, c) in text.char_indices() {
        let closes = match (stack.last(), c) {
            (_, '\n') => {
                if !stack.is_empty() {
                    out.push((open_at, i));
                    stack.clear();
                }
                continue;
            }
            (Some('«'), '»') | (Some('“'), '”') | (Some('„'), '“' | '”') | (Some('"'), '"') => {
                true
            }
            (Some('‹'), '›') => true,
            _ => false,
        };
        if closes {
            stack.pop();
            if stack.is_empty() {
                out.push((open_at, i + c.len_utf8()));
            }
        } else if matches!(c, '«' | '“' | '„' | '"' | '‹') {
            if stack.is_empty() {
                open_at = i;
            }
            if stack.len() < 8 {
                stack.push(c);
            }
        }
    }
    if !stack.is_empty() {
        out.push((open_at, text.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_outer_quotes_per_line() {
        let t = "Il a dit « oui “vraiment” » puis \"non\".\n« Suite sans fin\nFin.";
        let spans: Vec<&str> = quoted_spans(t).iter().map(|&(s, e)| &t[s..e]).collect();
        assert_eq!(spans, ["« oui “vraiment” »", "\"non\"", "« Suite sans fin"]);
        let mut q = QuotedSpans::new(t);
        assert!(q.contains(t.find("oui").unwrap_or(0)));
        assert!(!q.contains(t.find("puis").unwrap_or(0)));
        assert!(!q.contains(t.find("Fin").unwrap_or(0)));
    }

    #[test]
    fn german_quotes() {
        let t = "Er sagte „ja“ und ging.";
        let spans: Vec<&str> = quoted_spans(t).iter().map(|&(s, e)| &t[s..e]).collect();
        assert_eq!(spans, ["„ja“"]);
    }
}
