pub mod check;
pub mod index;
pub mod rules;
