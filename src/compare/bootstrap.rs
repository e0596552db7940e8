//! The streaming Poisson bootstrap (Hanley & MacGibbon 2006; Chamandy et al. 2012, "Estimating
//! uncertainty for massive data streams"): instead of resampling documents with replacement, every
//! document gets, for each of B replicates, an independent Poisson(1) weight, which is how many
//! times it would have been drawn. A replicate estimate is then a weighted sum, so a group needs
//! only B running sums (O(B) memory), whatever its number of documents.
//!
//! The weights are a pure function of the seed and the document's *key*: a counter-based generator
//! (SplitMix64 of the xxh3 hash of the key plus the replicate number), not a stateful random
//! stream. So they do not depend on the order documents arrive in, on threads or on batching, and
//! two documents with the same key (the same source translated by two vendors, with `--pair-by`)
//! get the same weights: their groups' replicates are resampled together, which is exactly the
//! paired bootstrap over source documents (Koehn 2004).
//!
//! The weights are small integers and the counts are integers, so every replicate sum is an exact
//! integer and its value is independent of the order of addition.

use xxhash_rust::xxh3::xxh3_64_with_seed;

/// The number of replicates (`design.md` §14).
pub const DEFAULT_REPLICATES: usize = 2000;
/// The default seed.
pub const DEFAULT_SEED: u64 = 2004;

/// Poisson(1) cumulative probabilities `P(K ≤ k)` for k = 0, 1, …, scaled to 2³²: a 32-bit uniform
/// `u` draws `k` = the number of thresholds at or below `u`. Past k = 12 the tail (< 2.3·10⁻¹⁰) is
/// below the resolution of 32 bits.
fn thresholds() -> [u64; 13] {
    let mut out = [0u64; 13];
    let mut term = (-1.0f64).exp();
    let mut cdf = 0.0f64;
    for (k, t) in out.iter_mut().enumerate() {
        cdf += term;
        term /= (k + 1) as f64;
        *t = ((cdf * 4_294_967_296.0) as u64).min(u64::from(u32::MAX));
    }
    out
}

/// SplitMix64's output function: a bijective mixer of 64-bit counters.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Draws the replicate weights of document keys.
#[derive(Clone, Debug)]
pub struct PoissonWeights {
    replicates: usize,
    seed: u64,
    thresholds: [u64; 13],
}

impl PoissonWeights {
    pub fn new(replicates: usize, seed: u64) -> Self {
        PoissonWeights {
            replicates,
            seed,
            thresholds: thresholds(),
        }
    }

    pub fn replicates(&self) -> usize {
        self.replicates
    }

    /// Fills `out` with the B weights of the document whose key is `key` (two 32-bit draws per
    /// 64-bit counter output).
    pub fn fill(&self, key: &[u8], out: &mut Vec<u8>) {
        let base = xxh3_64_with_seed(key, self.seed);
        out.clear();
        out.reserve(self.replicates);
        let mut i = 0u64;
        while out.len() < self.replicates {
            let r = mix(base ^ i.wrapping_mul(0xD6E8_FEB8_6659_FD93));
            i += 1;
            out.push(self.draw(r & 0xFFFF_FFFF));
            if out.len() < self.replicates {
                out.push(self.draw(r >> 32));
            }
        }
    }

    fn draw(&self, u: u64) -> u8 {
        let mut k = 0u8;
        for &t in &self.thresholds {
            if u < t {
                break;
            }
            k += 1;
        }
        k
    }
}

/// B running weighted sums of one count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replicates(Vec<u64>);

impl Replicates {
    pub fn new(replicates: usize) -> Self {
        Replicates(vec![0; replicates])
    }

    /// Adds `count` with each replicate's weight.
    pub fn add(&mut self, weights: &[u8], count: u64) {
        if count == 0 {
            return;
        }
        for (sum, &w) in self.0.iter_mut().zip(weights) {
            *sum += u64::from(w) * count;
        }
    }

    pub fn sums(&self) -> &[u64] {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_are_a_function_of_seed_and_key() {
        let w = PoissonWeights::new(2000, 7);
        let (mut a, mut b, mut c, mut d) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        w.fill(b"doc-1", &mut a);
        w.fill(b"doc-1", &mut b);
        w.fill(b"doc-2", &mut c);
        PoissonWeights::new(2000, 8).fill(b"doc-1", &mut d);
        assert_eq!(a.len(), 2000);
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_ne!(a, d);
        let mut odd = Vec::new();
        PoissonWeights::new(5, 7).fill(b"doc-1", &mut odd);
        assert_eq!(odd, a[..5]);
    }

    #[test]
    fn weights_are_poisson_one() {
        let w = PoissonWeights::new(2000, 1);
        let mut buf = Vec::new();
        let mut hist = [0u64; 14];
        let mut n = 0u64;
        for doc in 0..200u32 {
            w.fill(&doc.to_le_bytes(), &mut buf);
            for &k in &buf {
                hist[usize::from(k)] += 1;
                n += 1;
            }
        }
        let mean = hist
            .iter()
            .enumerate()
            .map(|(k, &c)| k as f64 * c as f64)
            .sum::<f64>()
            / n as f64;
        let var = hist
            .iter()
            .enumerate()
            .map(|(k, &c)| (k as f64 - mean).powi(2) * c as f64)
            .sum::<f64>()
            / n as f64;
        assert!((mean - 1.0).abs() < 0.01, "mean {mean}");
        assert!((var - 1.0).abs() < 0.02, "variance {var}");
        // P(0) = P(1) = e⁻¹ ≈ 0.3679, P(2) ≈ 0.1839.
        let share = |k: usize| hist[k] as f64 / n as f64;
        assert!((share(0) - 0.3679).abs() < 0.005);
        assert!((share(1) - 0.3679).abs() < 0.005);
        assert!((share(2) - 0.1839).abs() < 0.005);
    }

    #[test]
    fn replicate_sums_are_weighted() {
        let mut r = Replicates::new(3);
        r.add(&[0, 1, 2], 5);
        r.add(&[1, 1, 0], 2);
        r.add(&[9, 9, 9], 0);
        assert_eq!(r.sums(), &[2, 7, 10]);
    }
}
