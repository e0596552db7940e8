//! Coquille: a fast, corpus-aware linter and statistics tool for news text and machine-translation
//! output.
//!
//! The pipeline: `input` discovers and reads documents; `tokenize` cuts each into an `Analysis`;
//! `index` gathers corpus statistics in a first pass; `rules` lint every document against them in a
//! second pass (`engine` runs both in parallel); `report` writes the findings.

pub mod baseline;
pub mod compare;
pub mod config;
pub mod dashboard;
pub mod diagnostic;
pub mod document;
pub mod engine;
pub mod error;
pub mod fix;
pub mod index;
pub mod input;
pub mod lang;
pub mod report;
pub mod rules;
pub mod span;
pub mod stats;
pub mod suppress;
pub mod tokenize;
pub mod window;

pub use diagnostic::{Diagnostic, Severity};
pub use document::{DocKey, Document};
pub use error::Error;
pub use span::Span;
