pub mod check;
pub mod compare;
mod grouped;
pub mod index;
pub mod ngrams;
pub mod report;
pub mod rules;
pub mod stats;
