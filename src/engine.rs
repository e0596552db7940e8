//! The two-pass engine (skeleton).
