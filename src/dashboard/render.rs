//! Writing a dashboard as one self-contained HTML page.
//!
//! The page is rendered by the MiniJinja template `assets/dashboard.html` (HTML auto-escaping on,
//! so every corpus string — paths, ids, messages, excerpts — is escaped by the engine), with the
//! stylesheet, the vendored Chart.js and the page's own script inlined. The [`Data`] is embedded
//! as JSON in `<script type="application/json" id="coquille-data">` with `<`, `>` and `&` written
//! as `\u003c`, `\u003e`, `\u0026`, so that no corpus text can close the script element.

use std::io::Write;

use minijinja::value::Serde;
use minijinja::{Environment, Value};
use serde::Serialize;

use super::data::Data;
use crate::error::Error;

/// The page template.
pub const TEMPLATE: &str = include_str!("assets/dashboard.html");
/// The stylesheet.
pub const CSS: &str = include_str!("assets/dashboard.css");
/// The script that draws the charts from the embedded data.
pub const APP_JS: &str = include_str!("assets/dashboard.js");
/// Chart.js, as published (`dist/chart.umd.min.js` of the npm package), MIT licence.
pub const CHART_JS: &str = include_str!("assets/chart.umd.min.js");
/// The vendored Chart.js version.
pub const CHART_JS_VERSION: &str = "4.6.1";

#[derive(Serialize)]
struct Page<'a> {
    d: &'a Data,
    json: String,
    css: &'a str,
    app: &'a str,
    chartjs: &'a str,
    chartjs_version: &'a str,
    version: &'a str,
}

/// The data as JSON that is safe inside a `<script>` element.
pub fn embedded_json(data: &Data) -> Result<String, Error> {
    let json = serde_json::to_string(data).map_err(|e| Error::Io {
        context: "cannot serialise the dashboard data".into(),
        source: e.into(),
    })?;
    let mut out = String::with_capacity(json.len() + json.len() / 50);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    Ok(out)
}

/// Chart.js without its source-map comment (the map is not shipped, and nothing may be fetched).
fn chart_js() -> &'static str {
    match CHART_JS.rfind("//# sourceMappingURL=") {
        Some(i) => &CHART_JS[..i],
        None => CHART_JS,
    }
}

/// `1234567` → `1,234,567`.
fn grouped(n: i128) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

fn number(v: &Value) -> Option<f64> {
    if v.is_none() || v.is_undefined() {
        return None;
    }
    f64::try_from(v.clone()).ok().filter(|x| x.is_finite())
}

/// An integer with thousands separators.
fn int_filter(v: Value) -> String {
    if let Some(i) = v.as_i64() {
        return grouped(i128::from(i));
    }
    match number(&v) {
        Some(x) => grouped(x.round() as i128),
        None => "–".into(),
    }
}

/// A number with `n` decimals (`–` when undefined).
fn dec_filter(v: Value, n: Option<usize>) -> String {
    match number(&v) {
        Some(x) => {
            let n = n.unwrap_or(2).min(6);
            let s = format!("{x:.n$}");
            // No negative zero.
            if s.starts_with('-') && s.trim_start_matches(['-', '0', '.']).is_empty() {
                s[1..].to_string()
            } else {
                s
            }
        }
        None => "–".into(),
    }
}

/// A share as a percentage with one decimal.
fn pct_filter(v: Value) -> String {
    match number(&v) {
        Some(x) => format!("{:.1}%", 100.0 * x),
        None => "–".into(),
    }
}

/// An interval `[lo, hi]` with 2 decimals (an unbounded end is `∞`).
fn ci_filter(v: Value) -> String {
    let lo = v.get_item_by_index(0).ok();
    let hi = v.get_item_by_index(1).ok();
    match (lo.as_ref().and_then(number), hi) {
        (Some(lo), Some(hi)) => {
            let hi = number(&hi).map_or_else(|| "∞".to_string(), |h| format!("{h:.2}"));
            format!("[{lo:.2}, {hi}]")
        }
        _ => "–".into(),
    }
}

/// A p-value: 4 decimals, `<0.0001` below.
fn pval_filter(v: Value) -> String {
    match number(&v) {
        Some(p) if p < 1e-4 => "<0.0001".into(),
        Some(p) => format!("{p:.4}"),
        None => "–".into(),
    }
}

fn template_error(e: minijinja::Error) -> Error {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        msg.push_str(&format!(": {s}"));
        source = s.source();
    }
    Error::Io {
        context: "cannot render the dashboard".into(),
        source: std::io::Error::other(msg),
    }
}

/// The dashboard as an HTML page.
pub fn to_html(data: &Data) -> Result<String, Error> {
    let mut env = Environment::new();
    env.add_filter("int", int_filter);
    env.add_filter("dec", dec_filter);
    env.add_filter("pct", pct_filter);
    env.add_filter("ci", ci_filter);
    env.add_filter("pval", pval_filter);
    env.add_template("dashboard.html", TEMPLATE)
        .map_err(template_error)?;
    let page = Page {
        d: data,
        json: embedded_json(data)?,
        css: CSS,
        app: APP_JS,
        chartjs: chart_js(),
        chartjs_version: CHART_JS_VERSION,
        version: env!("CARGO_PKG_VERSION"),
    };
    env.get_template("dashboard.html")
        .and_then(|t| t.render(Value::from(Serde(&page))))
        .map_err(template_error)
}

/// Writes the dashboard as an HTML page.
pub fn render(data: &Data, out: &mut dyn Write) -> Result<(), Error> {
    let html = to_html(data)?;
    out.write_all(html.as_bytes()).map_err(|source| Error::Io {
        context: "cannot write the dashboard".into(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_formatted() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(1234567), "1,234,567");
        assert_eq!(grouped(-1234), "-1,234");
        assert_eq!(int_filter(Value::from(12345u64)), "12,345");
        assert_eq!(dec_filter(Value::from(1.23456), Some(2)), "1.23");
        assert_eq!(dec_filter(Value::from(-0.0001), Some(2)), "0.00");
        assert_eq!(dec_filter(Value::from(()), Some(2)), "–");
        assert_eq!(pct_filter(Value::from(0.1234)), "12.3%");
        assert_eq!(pval_filter(Value::from(0.00001)), "<0.0001");
        assert_eq!(
            ci_filter(Value::from(vec![Value::from(1.0), Value::from(())])),
            "[1.00, ∞]"
        );
    }

    #[test]
    fn chart_js_is_inlined_without_source_map() {
        assert!(chart_js().contains("Chart.js v4.6.1"));
        assert!(!chart_js().contains("sourceMappingURL"));
        assert!(!CHART_JS.contains("</script"));
        assert!(!APP_JS.contains("</script"));
    }
}
