//! The text tables of `coquille stats` and `coquille ngrams`.

use std::io::{self, Write};

use super::corpus::Summary;
use super::metric::Distribution;
use super::quality::{CHECKS, FILTERS, SIGNALS};
use super::{NgramReport, Report};

/// Groups digits by three with thin spaces: 1234567 → `1 234 567`.
fn int(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

fn num(x: Option<f64>, decimals: usize) -> String {
    match x {
        Some(v) => format!("{v:.decimals$}"),
        None => "-".into(),
    }
}

fn pct(x: f64) -> String {
    format!("{:.1}%", 100.0 * x)
}

fn dist_row(w: &mut dyn Write, label: &str, d: &Distribution, decimals: usize) -> io::Result<()> {
    writeln!(
        w,
        "  {label:<42} {:>9} {:>9} {:>9} {:>9} {:>9}",
        num(d.mean, decimals),
        num(d.p50, decimals),
        num(d.p90, decimals),
        num(d.p99, decimals),
        num(d.max, decimals),
    )
}

fn dist_header(w: &mut dyn Write, title: &str) -> io::Result<()> {
    writeln!(
        w,
        "{title:<44} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "mean", "p50", "p90", "p99", "max"
    )
}

/// Writes a [`Report`] as text tables.
pub fn report(w: &mut dyn Write, r: &Report) -> io::Result<()> {
    summary(w, &r.total)?;
    if let Some(by) = &r.by {
        for g in &r.groups {
            writeln!(w)?;
            writeln!(w, "=== {by} = {} ===", g.group)?;
            summary(w, &g.summary)?;
        }
    }
    Ok(())
}

/// Writes one summary as text tables.
pub fn summary(w: &mut dyn Write, s: &Summary) -> io::Result<()> {
    writeln!(
        w,
        "documents {}   bytes {}   characters {}",
        int(s.documents),
        int(s.bytes),
        int(s.characters)
    )?;
    writeln!(
        w,
        "textstat words {}   sentences {}   syllables {}",
        int(s.words),
        int(s.sentences),
        int(s.syllables)
    )?;
    writeln!(
        w,
        "tokens {}   word tokens {}",
        int(s.tokens),
        int(s.word_tokens)
    )?;
    let langs: Vec<String> = s
        .languages
        .iter()
        .map(|l| format!("{} {} ({})", l.lang, int(l.documents), pct(l.share)))
        .collect();
    writeln!(w, "languages {}", langs.join(", "))?;
    let v = &s.vocabulary;
    writeln!(
        w,
        "vocabulary {} types / {} word tokens: type/token {:.4}, hapax {} ({} of types)",
        int(v.types),
        int(v.tokens),
        v.type_token_ratio,
        int(v.hapax),
        pct(v.hapax_ratio)
    )?;
    writeln!(w)?;
    dist_header(w, "lengths")?;
    dist_row(w, "sentence length (textstat words)", &s.sentence_length, 2)?;
    dist_row(w, "word length (chars per word token)", &s.word_length, 2)?;
    writeln!(w)?;
    dist_header(w, "readability (per document)")?;
    for l in &s.languages {
        let first = ["flesch_reading_ease", "flesch_kincaid_grade", "lix", "rix"];
        let rest = l
            .readability
            .keys()
            .filter(|k| !first.contains(&k.as_str()));
        for name in first.iter().copied().chain(rest.map(String::as_str)) {
            let Some(d) = l.readability.get(name) else {
                continue;
            };
            let label = if name == "flesch_reading_ease" {
                format!("{} {name} ({})", l.lang, l.readability_formula)
            } else {
                format!("{} {name}", l.lang)
            };
            dist_row(w, &label, d, 2)?;
        }
    }
    writeln!(w)?;
    dist_header(w, "quality signals (per document)")?;
    for name in SIGNALS
        .iter()
        .copied()
        .chain(std::iter::once("c4.sentences"))
    {
        if let Some(d) = s.quality.signals.get(name) {
            dist_row(w, name, d, 3)?;
        }
    }
    writeln!(w)?;
    writeln!(
        w,
        "{:<44} {:>9} {:>9}",
        "threshold checks", "failed", "share"
    )?;
    for check in &CHECKS {
        if let Some(c) = s.quality.checks.get(check.name) {
            let label = format!("{}.{}", c.filter, check.name);
            writeln!(w, "  {label:<46} {:>9} {:>9}", int(c.failed), pct(c.share))?;
        }
    }
    writeln!(w)?;
    writeln!(w, "{:<48} {:>9} {:>9}", "filters", "dropped", "share")?;
    for name in FILTERS {
        if let Some(f) = s.quality.filters.get(name) {
            writeln!(w, "  {name:<46} {:>9} {:>9}", int(f.dropped), pct(f.share))?;
        }
    }
    if let Some(n) = &s.ngrams {
        writeln!(w)?;
        let kind = if n.chars { "character" } else { "word" };
        let exact = if n.exact {
            "exact".to_string()
        } else {
            format!("approximate, counts up to {} low", int(n.max_error))
        };
        writeln!(w, "top {kind} {}-grams ({exact})", n.n)?;
        for g in &n.top {
            writeln!(w, "  {:>9}  {}", int(g.count), g.ngram)?;
        }
    }
    Ok(())
}

/// Writes an [`NgramReport`] as text: one `count<TAB>n-gram` line each, then a summary line.
pub fn ngrams(w: &mut dyn Write, r: &NgramReport) -> io::Result<()> {
    for g in &r.top {
        writeln!(w, "{}\t{}", g.count, g.ngram)?;
    }
    let kind = if r.chars { "character" } else { "word" };
    match (r.exact, r.distinct) {
        (true, Some(d)) => writeln!(
            w,
            "# {} {kind} {}-grams, {} distinct, exact counts",
            r.total, r.n, d
        ),
        _ => writeln!(
            w,
            "# {} {kind} {}-grams, approximate counts: each at most {} below the true count",
            r.total, r.n, r.max_error
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands() {
        assert_eq!(int(0), "0");
        assert_eq!(int(999), "999");
        assert_eq!(int(1000), "1 000");
        assert_eq!(int(1234567), "1 234 567");
    }
}
