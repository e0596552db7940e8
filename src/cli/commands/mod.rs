pub mod check;
pub mod index;
pub mod ngrams;
pub mod rules;
pub mod stats;
