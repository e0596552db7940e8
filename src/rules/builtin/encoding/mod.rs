pub mod invalid_utf8;
