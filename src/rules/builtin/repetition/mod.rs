pub mod repeated_word;
