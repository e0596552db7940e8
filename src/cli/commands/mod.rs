pub mod check;
pub mod compare;
pub mod index;
pub mod rules;
