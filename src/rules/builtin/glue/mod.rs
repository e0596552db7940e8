pub mod missing_space_after_punct;
