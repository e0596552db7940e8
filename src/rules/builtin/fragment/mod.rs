//! `fragment/` rules.

pub mod boilerplate_line;
pub mod caption_credit_leak;
pub mod list_label_leak;
pub mod off_topic_line;
mod support;
pub mod trailing_id_tag;
pub mod verbless_sentence;

use crate::rules::Rule;

/// The rules of this group.
pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(boilerplate_line::BoilerplateLine::new()),
        Box::new(caption_credit_leak::CaptionCreditLeak::new()),
        Box::new(list_label_leak::ListLabelLeak),
        Box::new(off_topic_line::OffTopicLine::new()),
        Box::new(trailing_id_tag::TrailingIdTag::new()),
        Box::new(verbless_sentence::VerblessSentence::new()),
    ]
}
