//! A bounded sketch of the set of pairing keys of a group, to tell whether two groups translated
//! the same source documents without keeping every key: the k minimum values of the keys' 64-bit
//! hashes (KMV; Bar-Yossef et al. 2002, Beyer et al. 2007). A group with fewer than k distinct keys
//! is held exactly; beyond, the overlap of two groups is estimated from the k smallest hashes of
//! their union, with a relative error of about 1/√k.

use std::collections::BTreeSet;

use xxhash_rust::xxh3::xxh3_64;

/// Hashes kept per group: exact below 4,096 distinct keys, about ±1.6% beyond.
pub const SKETCH_SIZE: usize = 4096;

#[derive(Clone, Debug)]
pub struct KeySketch {
    k: usize,
    min: BTreeSet<u64>,
}

/// How much two sets of keys overlap.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Overlap {
    /// `|A ∩ B| / |A ∪ B|` (0 when both are empty).
    pub jaccard: f64,
    /// `|A ∩ B|`, exact when both sketches are, estimated otherwise.
    pub shared: u64,
    pub exact: bool,
}

impl Default for KeySketch {
    fn default() -> Self {
        KeySketch::new(SKETCH_SIZE)
    }
}

impl KeySketch {
    pub fn new(k: usize) -> Self {
        KeySketch {
            k: k.max(1),
            min: BTreeSet::new(),
        }
    }

    pub fn insert(&mut self, key: &str) {
        let h = xxh3_64(key.as_bytes());
        if self.min.len() < self.k {
            self.min.insert(h);
        } else if self.min.last().is_some_and(|&max| h < max) && self.min.insert(h) {
            self.min.pop_last();
        }
    }

    /// Whether the sketch holds every key seen.
    pub fn is_exact(&self) -> bool {
        self.min.len() < self.k
    }

    /// The number of distinct keys (estimated past k: `(k − 1) / (largest kept hash / 2⁶⁴)`).
    pub fn distinct(&self) -> f64 {
        match self.min.last() {
            Some(&max) if !self.is_exact() => {
                (self.k - 1) as f64 / ((max as f64 + 1.0) / 18_446_744_073_709_551_616.0)
            }
            _ => self.min.len() as f64,
        }
    }

    pub fn overlap(&self, other: &KeySketch) -> Overlap {
        if self.is_exact() && other.is_exact() {
            let shared = self.min.intersection(&other.min).count();
            let union = self.min.len() + other.min.len() - shared;
            return Overlap {
                jaccard: if union == 0 {
                    0.0
                } else {
                    shared as f64 / union as f64
                },
                shared: shared as u64,
                exact: true,
            };
        }
        // The k smallest hashes of the union; one of them is in A exactly when it is in A's sketch.
        let k = self.k.min(other.k);
        let mut union: Vec<u64> = self.min.union(&other.min).copied().take(k).collect();
        union.dedup();
        let both = union
            .iter()
            .filter(|h| self.min.contains(h) && other.min.contains(h))
            .count();
        let jaccard = if union.is_empty() {
            0.0
        } else {
            both as f64 / union.len() as f64
        };
        let (na, nb) = (self.distinct(), other.distinct());
        Overlap {
            jaccard,
            shared: (jaccard * (na + nb) / (1.0 + jaccard)).round() as u64,
            exact: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sketch(k: usize, keys: impl Iterator<Item = u32>) -> KeySketch {
        let mut s = KeySketch::new(k);
        for i in keys {
            s.insert(&format!("doc-{i}"));
        }
        s
    }

    #[test]
    fn small_sets_are_exact() {
        let a = sketch(100, 0..10);
        let b = sketch(100, 5..20);
        let o = a.overlap(&b);
        assert!(o.exact);
        assert_eq!(o.shared, 5);
        assert!((o.jaccard - 5.0 / 20.0).abs() < 1e-12);
        let same = a.overlap(&sketch(100, (0..10).rev()));
        assert_eq!(same.jaccard, 1.0);
        assert_eq!(KeySketch::new(4).overlap(&KeySketch::new(4)).jaccard, 0.0);
    }

    #[test]
    fn large_sets_are_estimated() {
        let a = sketch(512, 0..20_000);
        let b = sketch(512, 10_000..30_000);
        assert!(!a.is_exact());
        assert!(
            (a.distinct() / 20_000.0 - 1.0).abs() < 0.15,
            "{}",
            a.distinct()
        );
        let o = a.overlap(&b);
        assert!(!o.exact);
        assert!((o.jaccard - 1.0 / 3.0).abs() < 0.07, "{o:?}");
        assert!((o.shared as f64 / 10_000.0 - 1.0).abs() < 0.25, "{o:?}");
        let same = a.overlap(&sketch(512, 0..20_000));
        assert_eq!(same.jaccard, 1.0);
    }
}
