//! `fragment/` rules.

pub mod boilerplate_line;
pub mod trailing_id_tag;

use crate::rules::Rule;

/// The rules of this group.
pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(boilerplate_line::BoilerplateLine::new()),
        Box::new(trailing_id_tag::TrailingIdTag::new()),
    ]
}
