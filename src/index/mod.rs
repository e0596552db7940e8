//! The corpus index (skeleton).
