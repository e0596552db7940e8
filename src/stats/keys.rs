//! Small, exact hash keys for short strings: up to 16 bytes packed in a `u128`, hashed by a
//! cheap mix (no byte comparison on a hit). Longer strings take the general path of each table.

use std::hash::{BuildHasherDefault, Hasher};

use hashbrown::HashTable;

/// `s` packed in a `u128`, little-endian and zero-padded, when it has at most 16 bytes. Exact:
/// UTF-8 text holding no NUL byte, two strings give the same key only when they are equal.
pub fn pack(s: &[u8]) -> Option<u128> {
    if s.len() > 16 {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[..s.len()].copy_from_slice(s);
    Some(u128::from_le_bytes(buf))
}

/// [`pack`] of `text[start..start + len]`.
pub fn pack_at(text: &[u8], start: usize, len: usize) -> Option<u128> {
    pack_halves_at(text, start, len).map(|(lo, hi)| u128::from(hi) << 64 | u128::from(lo))
}

/// [`pack`] of `text[start..start + len]` as its low and high 64-bit halves: one 16-byte load from
/// `start` on, or near the end of the text the 16 bytes ending with the string shifted down (a
/// copy only in a text of less than 16 bytes).
#[inline]
pub fn pack_halves_at(text: &[u8], start: usize, len: usize) -> Option<(u64, u64)> {
    if len > 16 {
        return None;
    }
    let k = if let Some(chunk) = text.get(start..).and_then(|s| s.first_chunk::<16>()) {
        let k = u128::from_le_bytes(*chunk);
        let lo = k as u64;
        // The low `len` bytes, masked in the half they end in (cheaper than a 128-bit shift).
        return Some(if len <= 8 {
            (lo & low_bytes(len), 0)
        } else {
            (lo, (k >> 64) as u64 & low_bytes(len - 8))
        });
    } else if let Some(chunk) = text.get(..start + len).and_then(|s| s.last_chunk::<16>()) {
        u128::from_le_bytes(*chunk)
            .checked_shr(8 * (16 - len) as u32)
            .unwrap_or(0)
    } else {
        pack(text.get(start..start + len)?)?
    };
    Some((k as u64, (k >> 64) as u64))
}

/// The mask of the low `n` bytes of a `u64` (`n` ≤ 8).
#[inline]
fn low_bytes(n: usize) -> u64 {
    u64::MAX.checked_shr(64 - 8 * n as u32).unwrap_or(0)
}

/// The bytes of a packed key (its trailing zero bytes dropped).
pub fn unpack(k: u128) -> Vec<u8> {
    let len = 16 - (k.leading_zeros() / 8) as usize;
    k.to_le_bytes()[..len].to_vec()
}

/// MurmurHash3's 64-bit finaliser.
pub fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// A packed string (`pack`) and a count, in 24 bytes (a `u128` key would align the entry to 32),
/// for `hashbrown::HashTable`s hashed once by [`packed_hash`].
#[derive(Clone, Copy, Debug)]
pub struct PackedCount {
    pub lo: u64,
    pub hi: u64,
    pub count: u64,
}

impl PackedCount {
    pub fn key(&self) -> u128 {
        u128::from(self.hi) << 64 | u128::from(self.lo)
    }
}

/// The hash of a packed string (the same as [`IdHasher`] gives a `u128`).
pub fn packed_hash(k: u128) -> u64 {
    fmix(k as u64 ^ fmix((k >> 64) as u64))
}

/// Adds `count` to the entry of `k` (whose [`packed_hash`] is `hash`) in `table`.
pub fn add_packed(table: &mut HashTable<PackedCount>, k: u128, hash: u64, count: u64) {
    let (lo, hi) = (k as u64, (k >> 64) as u64);
    match table.find_mut(hash, |e| e.lo == lo && e.hi == hi) {
        Some(e) => e.count += count,
        None => {
            table.insert_unique(hash, PackedCount { lo, hi, count }, |e| {
                packed_hash(e.key())
            });
        }
    }
}

/// A hasher for keys that are hashes already (`u64`) or packed strings (`u128`).
#[derive(Default)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
    fn write_u128(&mut self, n: u128) {
        self.0 = fmix(n as u64 ^ fmix((n >> 64) as u64));
    }
}

pub type IdBuild = BuildHasherDefault<IdHasher>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packing_is_exact() {
        let text = b"le chat et le chien, mais pas le poisson rouge du voisin";
        for (start, len) in [
            (0, 2),
            (3, 4),
            (9, 2),
            (46, 10),
            (50, 6),
            (0, 16),
            (5, 0),
            (1, 1),
            (7, 8),
            (11, 9),
            (30, 15),
        ] {
            let s = &text[start..start + len];
            assert_eq!(pack_at(text, start, len), pack(s));
            assert_eq!(unpack(pack(s).unwrap()), s);
        }
        assert_eq!(pack(b"seventeen letters"), None);
        assert_ne!(pack(b"ab"), pack(b"ba"));
    }
}
