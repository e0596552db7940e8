pub mod boilerplate_line;
pub mod trailing_id_tag;
