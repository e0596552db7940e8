//! Normalisation (stub).
pub fn fold(word: &str, out: &mut String) {
    out.clear();
    out.extend(word.chars().flat_map(char::to_lowercase));
}
pub fn fold_key(word: &str, out: &mut String) {
    fold(word, out)
}
pub fn fingerprint(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(text.trim().to_lowercase().as_bytes())
}
pub fn shape(line: &str) -> String {
    line.trim()
        .chars()
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect()
}
