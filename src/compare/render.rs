//! Writing a comparison: an aligned text table (default), Markdown, CSV (one tidy table), JSON
//! (the contract) and a simple self-contained HTML page. Every number has a fixed precision, so
//! the output is byte-for-byte reproducible.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::report::{GroupReport, Report, RuleRate};
use super::{ALPHA, Test};

/// An output format of `compare`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Csv,
    Json,
    Html,
}

/// Writes `report` in `format`.
pub fn render(report: &Report, format: Format, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, report).map_err(io::Error::other)?;
            writeln!(out)
        }
        Format::Csv => csv(report, out),
        Format::Text => text(&sections(report), &intro(report), &report.notes, out),
        Format::Markdown => markdown(&sections(report), &intro(report), &report.notes, out),
        Format::Html => html(report, out),
    }
}

/// A number with 2 decimals; `inf` and `–` for the infinite and the undefined.
fn num(x: f64) -> String {
    if x.is_nan() {
        "–".into()
    } else if x.is_infinite() {
        if x > 0.0 { "inf".into() } else { "-inf".into() }
    } else {
        format!("{x:.2}")
    }
}

fn interval(ci: [f64; 2]) -> String {
    if ci[0].is_nan() || ci[1].is_nan() {
        "–".into()
    } else {
        format!("[{}, {}]", num(ci[0]), num(ci[1]))
    }
}

fn percent(x: f64) -> String {
    format!("{:.1}%", 100.0 * x)
}

fn percent_interval(ci: [f64; 2]) -> String {
    format!("[{}, {}]", percent(ci[0]), percent(ci[1]))
}

fn pvalue(p: f64) -> String {
    if p < 1e-4 {
        "<0.0001".into()
    } else {
        format!("{p:.4}")
    }
}

fn stars(holm: f64, q: f64) -> &'static str {
    if holm < ALPHA {
        "**"
    } else if q < ALPHA {
        "*"
    } else {
        ""
    }
}

type RuleTable = fn(&GroupReport) -> &BTreeMap<String, RuleRate>;

fn by_rule(g: &GroupReport) -> &BTreeMap<String, RuleRate> {
    &g.by_rule
}

fn by_group(g: &GroupReport) -> &BTreeMap<String, RuleRate> {
    &g.by_group
}

/// One table of the report.
struct Table {
    title: String,
    head: Vec<String>,
    /// Right-aligned columns.
    right: Vec<bool>,
    rows: Vec<Vec<String>>,
}

fn intro(r: &Report) -> Vec<String> {
    let levels = match r.min_severity {
        crate::Severity::Error => "errors",
        crate::Severity::Warning => "warnings and errors",
        crate::Severity::Info => "all findings (info, warnings and errors)",
    };
    let mut lines = vec![
        format!(
            "{} documents in {} groups by `{}`; findings = {levels}",
            r.documents,
            r.groups.len(),
            r.by
        ),
        format!(
            "95% intervals: Poisson bootstrap over documents (B = {}, seed {}); incidence: Wilson",
            r.replicates, r.seed
        ),
        format!(
            "penalty = MQM-like weighted findings per 1,000 words (error {}, warning {}, info {})",
            r.severity_weights.error, r.severity_weights.warning, r.severity_weights.info
        ),
    ];
    if !r.pairs.is_empty() {
        let pairing = match &r.pair_by {
            Some(k) => {
                format!("paired bootstrap over shared `{k}` when two groups share documents, else ")
            }
            None => String::new(),
        };
        lines.push(format!(
            "pairs: rate ratio a/b; test: {pairing}overdispersed Wald on log RR; q = Benjamini–Hochberg, \
             Holm = Holm-adjusted p, over {} pairs; * q < {ALPHA}, ** Holm < {ALPHA}",
            r.pairs.len()
        ));
    }
    lines
}

fn sections(r: &Report) -> Vec<Table> {
    let mut out = Vec::new();
    out.push(Table {
        title: format!("Findings per 1,000 words by {}", r.by),
        head: [
            "rank",
            &r.by,
            "documents",
            "words",
            "findings",
            "per 1k words",
            "95% CI",
            "incidence",
            "95% CI",
            "φ̂",
            "penalty/1k",
            "95% CI",
        ]
        .map(String::from)
        .to_vec(),
        right: vec![
            true, false, true, true, true, true, false, true, false, true, true, false,
        ],
        rows: r
            .groups
            .iter()
            .map(|g| {
                vec![
                    g.rank.to_string(),
                    g.name.clone(),
                    g.documents.to_string(),
                    g.words.to_string(),
                    g.findings.to_string(),
                    num(g.findings_per_1k_words),
                    interval(g.ci95),
                    percent(g.incidence),
                    percent_interval(g.incidence_ci95),
                    g.dispersion.map_or_else(|| "–".into(), num),
                    num(g.penalty_per_1k_words),
                    interval(g.penalty_ci95),
                ]
            })
            .collect(),
    });
    if !r.pairs.is_empty() {
        out.push(Table {
            title: "Pairs".into(),
            head: [
                "a",
                "b",
                "rate ratio",
                "95% CI",
                "test",
                "shared",
                "p",
                "q",
                "Holm",
                "",
            ]
            .map(String::from)
            .to_vec(),
            right: vec![
                false, false, true, false, false, true, true, true, true, false,
            ],
            rows: r
                .pairs
                .iter()
                .map(|p| {
                    vec![
                        p.a.clone(),
                        p.b.clone(),
                        num(p.rate_ratio),
                        interval(p.ci95),
                        p.test.as_str().into(),
                        match (p.test, p.shared_documents) {
                            (Test::PairedBootstrap, Some(n)) => n.to_string(),
                            _ => "–".into(),
                        },
                        pvalue(p.p),
                        pvalue(p.q),
                        pvalue(p.holm),
                        stars(p.holm, p.q).into(),
                    ]
                })
                .collect(),
        });
    }
    let by = |title: &str, label: &str, get: RuleTable| {
        let keys: Vec<&String> = r
            .groups
            .first()
            .map(|g| get(g).keys().collect())
            .unwrap_or_default();
        let mut head = vec![label.to_string()];
        head.extend(r.groups.iter().map(|g| g.name.clone()));
        let mut right = vec![false];
        right.extend(r.groups.iter().map(|_| true));
        Table {
            title: title.into(),
            head,
            right,
            rows: keys
                .iter()
                .map(|k| {
                    let mut row = vec![(*k).clone()];
                    row.extend(r.groups.iter().map(|g| {
                        get(g)
                            .get(*k)
                            .map_or_else(|| "–".into(), |x| num(x.per_1k_words))
                    }));
                    row
                })
                .collect(),
        }
    };
    if r.groups.first().is_some_and(|g| !g.by_rule.is_empty()) {
        out.push(by(
            "Findings per 1,000 words by rule group",
            "rule group",
            by_group,
        ));
        out.push(by("Findings per 1,000 words by rule", "rule", by_rule));
    }
    out
}

fn width(s: &str) -> usize {
    s.chars().count()
}

fn text(
    tables: &[Table],
    intro: &[String],
    notes: &[String],
    out: &mut dyn Write,
) -> io::Result<()> {
    for line in intro {
        writeln!(out, "{line}")?;
    }
    for t in tables {
        writeln!(out)?;
        writeln!(out, "{}", t.title)?;
        let mut widths: Vec<usize> = t.head.iter().map(|h| width(h)).collect();
        for row in &t.rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(width(cell));
            }
        }
        let line = |cells: &[String], out: &mut dyn Write| -> io::Result<()> {
            let mut s = String::new();
            for (i, cell) in cells.iter().enumerate() {
                let pad = widths.get(i).map_or(0, |w| w.saturating_sub(width(cell)));
                if i > 0 {
                    s.push_str("  ");
                }
                if t.right.get(i).copied().unwrap_or(false) {
                    s.extend(std::iter::repeat_n(' ', pad));
                    s.push_str(cell);
                } else {
                    s.push_str(cell);
                    s.extend(std::iter::repeat_n(' ', pad));
                }
            }
            writeln!(out, "{}", s.trim_end())
        };
        line(&t.head, out)?;
        for row in &t.rows {
            line(row, out)?;
        }
    }
    if !notes.is_empty() {
        writeln!(out)?;
        writeln!(out, "Notes")?;
        for n in notes {
            writeln!(out, "- {n}")?;
        }
    }
    Ok(())
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|")
}

fn markdown(
    tables: &[Table],
    intro: &[String],
    notes: &[String],
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, "# Comparison")?;
    writeln!(out)?;
    for line in intro {
        writeln!(out, "- {line}")?;
    }
    for t in tables {
        writeln!(out)?;
        writeln!(out, "## {}", t.title)?;
        writeln!(out)?;
        let head: Vec<String> = t.head.iter().map(|h| md_cell(h)).collect();
        writeln!(out, "| {} |", head.join(" | "))?;
        let align: Vec<&str> = t
            .right
            .iter()
            .map(|&r| if r { "---:" } else { "---" })
            .collect();
        writeln!(out, "| {} |", align.join(" | "))?;
        for row in &t.rows {
            let cells: Vec<String> = row.iter().map(|c| md_cell(c)).collect();
            writeln!(out, "| {} |", cells.join(" | "))?;
        }
    }
    if !notes.is_empty() {
        writeln!(out)?;
        writeln!(out, "## Notes")?;
        writeln!(out)?;
        for n in notes {
            writeln!(out, "- {n}")?;
        }
    }
    Ok(())
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A float for CSV: 4 decimals, `inf`, or empty when undefined.
fn csv_num(x: f64) -> String {
    if x.is_nan() {
        String::new()
    } else if x.is_infinite() {
        if x > 0.0 { "inf".into() } else { "-inf".into() }
    } else {
        format!("{x:.4}")
    }
}

fn csv_p(x: f64) -> String {
    format!("{x:.3e}")
}

const CSV_HEAD: &str = "kind,group,versus,rule,rank,documents,words,findings,per_1k_words,ci_lo,ci_hi,\
incidence,incidence_lo,incidence_hi,dispersion,penalty_per_1k_words,penalty_lo,penalty_hi,\
rate_ratio,test,shared_documents,p,q,holm";

/// One tidy table: a row per group (`group`), per group and rule (`rule`) or rule group
/// (`rule_group`), and per pair (`pair`); columns that do not apply are empty.
fn csv(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{CSV_HEAD}")?;
    let columns = CSV_HEAD.split(',').count();
    let emit = |cells: Vec<(usize, String)>, out: &mut dyn Write| -> io::Result<()> {
        let mut row = vec![String::new(); columns];
        for (i, c) in cells {
            if let Some(slot) = row.get_mut(i) {
                *slot = c;
            }
        }
        writeln!(out, "{}", row.join(","))
    };
    for g in &r.groups {
        emit(
            vec![
                (0, "group".into()),
                (1, csv_field(&g.name)),
                (4, g.rank.to_string()),
                (5, g.documents.to_string()),
                (6, g.words.to_string()),
                (7, g.findings.to_string()),
                (8, csv_num(g.findings_per_1k_words)),
                (9, csv_num(g.ci95[0])),
                (10, csv_num(g.ci95[1])),
                (11, csv_num(g.incidence)),
                (12, csv_num(g.incidence_ci95[0])),
                (13, csv_num(g.incidence_ci95[1])),
                (14, g.dispersion.map(csv_num).unwrap_or_default()),
                (15, csv_num(g.penalty_per_1k_words)),
                (16, csv_num(g.penalty_ci95[0])),
                (17, csv_num(g.penalty_ci95[1])),
            ],
            out,
        )?;
    }
    for (kind, get) in [("rule_group", by_group as RuleTable), ("rule", by_rule)] {
        for g in &r.groups {
            for (rule, x) in get(g) {
                emit(
                    vec![
                        (0, kind.into()),
                        (1, csv_field(&g.name)),
                        (3, csv_field(rule)),
                        (5, x.documents.to_string()),
                        (6, g.words.to_string()),
                        (7, x.findings.to_string()),
                        (8, csv_num(x.per_1k_words)),
                        (9, csv_num(x.ci95[0])),
                        (10, csv_num(x.ci95[1])),
                    ],
                    out,
                )?;
            }
        }
    }
    for p in &r.pairs {
        emit(
            vec![
                (0, "pair".into()),
                (1, csv_field(&p.a)),
                (2, csv_field(&p.b)),
                (9, csv_num(p.ci95[0])),
                (10, csv_num(p.ci95[1])),
                (18, csv_num(p.rate_ratio)),
                (19, p.test.as_str().into()),
                (
                    20,
                    p.shared_documents
                        .map(|n| n.to_string())
                        .unwrap_or_default(),
                ),
                (21, csv_p(p.p)),
                (22, csv_p(p.q)),
                (23, csv_p(p.holm)),
            ],
            out,
        )?;
    }
    Ok(())
}

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

const STYLE: &str = "body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:72em;color:#222;padding:0 1em}\
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em}\
table{border-collapse:collapse;margin:.5em 0}th,td{padding:.25em .6em;border-bottom:1px solid #ddd;white-space:nowrap}\
th{text-align:left;background:#f4f4f4}td.n{text-align:right;font-variant-numeric:tabular-nums}\
.bar{position:relative;width:14em;height:.9em;background:#f0f0f0}\
.bar .ci{position:absolute;top:.3em;height:.3em;background:#7a9cc6}\
.bar .pt{position:absolute;top:0;width:2px;height:.9em;background:#1d3f6e}\
ul.intro{color:#555}";

fn html(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, "<html lang=\"en\"><head><meta charset=\"utf-8\">")?;
    writeln!(out, "<title>Coquille comparison by {}</title>", esc(&r.by))?;
    writeln!(out, "<style>{STYLE}</style></head><body>")?;
    writeln!(out, "<h1>Comparison by <code>{}</code></h1>", esc(&r.by))?;
    writeln!(out, "<ul class=\"intro\">")?;
    for line in intro(r) {
        writeln!(out, "<li>{}</li>", esc(&line))?;
    }
    writeln!(out, "</ul>")?;
    let tables = sections(r);
    // The bar scale: the largest upper bound of a group's rate interval.
    let max = r
        .groups
        .iter()
        .map(|g| g.ci95[1].max(g.findings_per_1k_words))
        .filter(|x| x.is_finite())
        .fold(0.0f64, f64::max);
    for (ti, t) in tables.iter().enumerate() {
        writeln!(out, "<h2>{}</h2>", esc(&t.title))?;
        writeln!(out, "<table>")?;
        write!(out, "<thead><tr>")?;
        for h in &t.head {
            write!(out, "<th>{}</th>", esc(h))?;
        }
        if ti == 0 {
            write!(out, "<th>rate and 95% CI</th>")?;
        }
        writeln!(out, "</tr></thead><tbody>")?;
        for (ri, row) in t.rows.iter().enumerate() {
            write!(out, "<tr>")?;
            for (i, cell) in row.iter().enumerate() {
                let class = if t.right.get(i).copied().unwrap_or(false) {
                    " class=\"n\""
                } else {
                    ""
                };
                write!(out, "<td{class}>{}</td>", esc(cell))?;
            }
            if let (0, Some(g)) = (ti, r.groups.get(ri)) {
                let pos = |x: f64| {
                    if max > 0.0 && x.is_finite() {
                        (100.0 * x / max).clamp(0.0, 100.0)
                    } else {
                        0.0
                    }
                };
                let (lo, hi) = (pos(g.ci95[0]), pos(g.ci95[1]));
                write!(
                    out,
                    "<td><div class=\"bar\"><span class=\"ci\" style=\"left:{lo:.2}%;width:{:.2}%\"></span>\
                     <span class=\"pt\" style=\"left:{:.2}%\"></span></div></td>",
                    hi - lo,
                    pos(g.findings_per_1k_words)
                )?;
            }
            writeln!(out, "</tr>")?;
        }
        writeln!(out, "</tbody></table>")?;
    }
    if !r.notes.is_empty() {
        writeln!(out, "<h2>Notes</h2><ul>")?;
        for n in &r.notes {
            writeln!(out, "<li>{}</li>", esc(n))?;
        }
        writeln!(out, "</ul>")?;
    }
    writeln!(out, "</body></html>")
}
