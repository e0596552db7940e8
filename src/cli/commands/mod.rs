pub mod check;
pub mod compare;
pub mod index;
pub mod report;
pub mod rules;
