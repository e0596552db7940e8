//! Exactly mergeable distributions.
//!
//! Every aggregate here is made of integers (counts, fixed-point sums, histogram buckets) plus
//! exact minimum and maximum, so merging is associative and commutative *bit for bit*: the summary
//! of a corpus does not depend on the number of threads, on the order documents are folded in, or
//! on how the corpus was split into shards (`stats --save-partial` / `--merge`).
//!
//! - [`Moments`]: count, sum and sum of squares of values rounded to 10⁻⁶ (fixed point, `i128`),
//!   min and max. Means are exact up to that rounding of each value.
//! - [`Hist`]: a histogram of a real-valued per-document statistic on a fixed [`Scale`] (buckets of
//!   a fixed width: 0.01 for scores, 0.001 for ratios, 1 for counts). Percentiles are the
//!   nearest-rank percentiles of the values rounded to their bucket.
//! - [`IntHist`]: an exact histogram of a non-negative integer (word length, sentence length):
//!   its percentiles are exact.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Merge;

/// Fixed-point factor of [`Moments`] sums: values are rounded to 10⁻⁶.
const FIXED: f64 = 1e6;

/// Count, exact fixed-point sums, min and max of a series of values.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Moments {
    pub n: u64,
    /// Σ round(x · 10⁶).
    pub sum: i128,
    /// Σ round(x · 10⁶)².
    pub sumsq: i128,
    /// Exact extremes (saved as Rust's shortest round-trip decimal strings, so that a partial file
    /// gives back the very same values).
    #[serde(with = "exact_float")]
    pub min: Option<f64>,
    #[serde(with = "exact_float")]
    pub max: Option<f64>,
}

/// Serde for `Option<f64>` through Rust's own float formatting and parsing, which round-trip
/// exactly (JSON number parsing may be off by one unit in the last place).
mod exact_float {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(x: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
        match x {
            Some(v) => s.serialize_some(&v.to_string()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
        match Option::<String>::deserialize(d)? {
            Some(t) => t.parse().map(Some).map_err(serde::de::Error::custom),
            None => Ok(None),
        }
    }
}

impl Moments {
    /// Adds one value; non-finite values are ignored.
    pub fn add(&mut self, x: f64) {
        if !x.is_finite() {
            return;
        }
        let q = fixed(x);
        self.n += 1;
        self.sum += q;
        self.sumsq += q * q;
        self.min = Some(self.min.map_or(x, |m| m.min(x)));
        self.max = Some(self.max.map_or(x, |m| m.max(x)));
    }

    pub fn mean(&self) -> Option<f64> {
        (self.n > 0).then(|| self.sum as f64 / FIXED / self.n as f64)
    }

    /// Population standard deviation.
    pub fn std(&self) -> Option<f64> {
        if self.n == 0 {
            return None;
        }
        let n = self.n as i128;
        // n·Σx² − (Σx)², exact in integers, then scaled.
        let num = n * self.sumsq - self.sum * self.sum;
        let var = (num.max(0) as f64) / (FIXED * FIXED) / (self.n as f64 * self.n as f64);
        Some(var.sqrt())
    }
}

fn fixed(x: f64) -> i128 {
    // Values beyond ±1.7e17 would overflow the later squares; clamp (never met by ratios, scores
    // or per-document counts).
    let q = (x.clamp(-1.7e17, 1.7e17) * FIXED).round();
    // An integer below 2⁶² converts exactly through `i64`, without the software `i128` conversion.
    if q.abs() < 4.0e18 {
        q as i64 as i128
    } else {
        q as i128
    }
}

impl Merge for Moments {
    fn merge(&mut self, other: Self) {
        self.n += other.n;
        self.sum += other.sum;
        self.sumsq += other.sumsq;
        self.min = match (self.min, other.min) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.max = match (self.max, other.max) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
    }
}

/// How a [`Hist`] cuts the real line into buckets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scale {
    /// Buckets `width` wide centred on multiples of `width` (key = round(x / width)), for scores,
    /// ratios and (width 1) counts. Keys are clamped to ±10⁷ buckets.
    Linear { width_millis: u32 },
}

const MAX_LINEAR_KEY: i64 = 10_000_000;

impl Scale {
    pub const fn linear(width_millis: u32) -> Scale {
        Scale::Linear { width_millis }
    }

    fn key(self, x: f64) -> i64 {
        match self {
            Scale::Linear { width_millis } => {
                let w = f64::from(width_millis.max(1)) / 1000.0;
                ((x / w).round() as i64).clamp(-MAX_LINEAR_KEY, MAX_LINEAR_KEY)
            }
        }
    }

    fn value(self, key: i64) -> f64 {
        match self {
            Scale::Linear { width_millis } => {
                (key as f64 * f64::from(width_millis.max(1))) / 1000.0
            }
        }
    }
}

/// Bucket keys below this (and not negative) are counted in a dense array: the buckets of ratios,
/// word lengths and most counts.
const DENSE_KEYS: i64 = 2048;

/// A histogram of real values on a fixed [`Scale`]: bucket key → count, for the non-empty
/// buckets. Keys in `0..2048` are counted in an array (one add is an index, not a tree search),
/// the others in a sorted map; both hide behind [`Hist::buckets`], and the serialized form is the
/// one sorted map `{"scale": …, "buckets": {key: count}}`.
#[derive(Clone, Debug)]
pub struct Hist {
    pub scale: Scale,
    /// `dense[k]` = count of key `k` (its length is one past the largest key counted there).
    dense: Vec<u64>,
    /// Counts of negative keys and of keys ≥ [`DENSE_KEYS`].
    sparse: BTreeMap<i64, u64>,
}

/// The serialized form of a [`Hist`].
#[derive(Serialize, Deserialize)]
struct SavedHist {
    scale: Scale,
    buckets: BTreeMap<i64, u64>,
}

impl Serialize for Hist {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        SavedHist {
            scale: self.scale,
            buckets: self.buckets().collect(),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Hist {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Hist, D::Error> {
        let saved = SavedHist::deserialize(d)?;
        let mut h = Hist::new(saved.scale);
        for (k, c) in saved.buckets {
            h.add_key(k, c);
        }
        Ok(h)
    }
}

impl PartialEq for Hist {
    fn eq(&self, other: &Hist) -> bool {
        self.scale == other.scale && self.buckets().eq(other.buckets())
    }
}

impl Hist {
    pub fn new(scale: Scale) -> Hist {
        Hist {
            scale,
            dense: Vec::new(),
            sparse: BTreeMap::new(),
        }
    }

    pub fn add(&mut self, x: f64) {
        if x.is_finite() {
            self.add_key(self.scale.key(x), 1);
        }
    }

    /// Adds `c` to the bucket `key`.
    fn add_key(&mut self, key: i64, c: u64) {
        if c == 0 {
            return;
        }
        if (0..DENSE_KEYS).contains(&key) {
            let i = key as usize;
            if self.dense.len() <= i {
                self.dense.resize(i + 1, 0);
            }
            if let Some(slot) = self.dense.get_mut(i) {
                *slot += c;
            }
        } else {
            *self.sparse.entry(key).or_insert(0) += c;
        }
    }

    /// The non-empty buckets (key, count), in ascending key order.
    pub fn buckets(&self) -> impl Iterator<Item = (i64, u64)> + '_ {
        let dense = self
            .dense
            .iter()
            .enumerate()
            .filter(|(_, c)| **c > 0)
            .map(|(k, &c)| (k as i64, c));
        let pair = |(&k, &c): (&i64, &u64)| (k, c);
        let below = self.sparse.range(..0).map(pair);
        let above = self.sparse.range(DENSE_KEYS..).map(pair);
        below.chain(dense).chain(above)
    }

    pub fn count(&self) -> u64 {
        self.dense.iter().sum::<u64>() + self.sparse.values().sum::<u64>()
    }

    /// The nearest-rank `p`-quantile (0 < p ≤ 1) of the bucketed values: the smallest bucket value
    /// whose cumulative count reaches ⌈p·n⌉. `None` when empty.
    pub fn quantile(&self, p: f64) -> Option<f64> {
        let n = self.count();
        let key = nearest_rank(self.buckets(), n, p)?;
        Some(self.scale.value(key))
    }

    /// Merges `other` (which must have the same scale; a mismatched one is ignored).
    pub fn merge_from(&mut self, other: Hist) {
        if other.scale != self.scale {
            return;
        }
        if self.dense.len() < other.dense.len() {
            self.dense.resize(other.dense.len(), 0);
        }
        for (a, b) in self.dense.iter_mut().zip(&other.dense) {
            *a += b;
        }
        for (k, c) in other.sparse {
            *self.sparse.entry(k).or_insert(0) += c;
        }
    }
}

/// The key of rank ⌈p·n⌉ (1-based, at least 1) in ascending (key, count) pairs.
fn nearest_rank<K: Copy>(pairs: impl Iterator<Item = (K, u64)>, n: u64, p: f64) -> Option<K> {
    if n == 0 {
        return None;
    }
    let rank = ((p.clamp(0.0, 1.0) * n as f64).ceil() as u64).clamp(1, n);
    let mut cum = 0u64;
    for (k, c) in pairs {
        cum += c;
        if cum >= rank {
            return Some(k);
        }
    }
    None
}

/// A per-document statistic's distribution: exact moments plus a bucketed histogram.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Metric {
    pub moments: Moments,
    pub hist: Hist,
}

impl Metric {
    pub fn new(scale: Scale) -> Metric {
        Metric {
            moments: Moments::default(),
            hist: Hist::new(scale),
        }
    }

    pub fn add(&mut self, x: f64) {
        self.moments.add(x);
        self.hist.add(x);
    }

    pub fn merge_from(&mut self, other: Metric) {
        self.moments.merge(other.moments);
        self.hist.merge_from(other.hist);
    }

    /// Mean, standard deviation, min, max and p50/p90/p99.
    pub fn summary(&self) -> Distribution {
        Distribution {
            count: self.moments.n,
            mean: self.moments.mean(),
            std: self.moments.std(),
            min: self.moments.min,
            p50: self.hist.quantile(0.5),
            p90: self.hist.quantile(0.9),
            p99: self.hist.quantile(0.99),
            max: self.moments.max,
        }
    }
}

/// A distribution as printed in summaries.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Distribution {
    pub count: u64,
    pub mean: Option<f64>,
    pub std: Option<f64>,
    pub min: Option<f64>,
    pub p50: Option<f64>,
    pub p90: Option<f64>,
    pub p99: Option<f64>,
    pub max: Option<f64>,
}

/// Values below this are counted in a dense array (fast path for per-word updates).
const DENSE: usize = 128;

/// An exact histogram of non-negative integers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct IntHist {
    /// `dense[v]` = count of value `v`, for `v < 128` (trailing zeros trimmed).
    pub dense: Vec<u64>,
    /// Counts of values ≥ 128.
    pub sparse: BTreeMap<u64, u64>,
}

impl IntHist {
    pub fn add(&mut self, v: u64) {
        self.add_n(v, 1);
    }

    pub fn add_n(&mut self, v: u64, n: u64) {
        if n == 0 {
            return;
        }
        if (v as usize) < DENSE {
            let i = v as usize;
            if self.dense.len() <= i {
                self.dense.resize(i + 1, 0);
            }
            self.dense[i] += n;
        } else {
            *self.sparse.entry(v).or_insert(0) += n;
        }
    }

    pub fn count(&self) -> u64 {
        self.dense.iter().sum::<u64>() + self.sparse.values().sum::<u64>()
    }

    /// Σ value · count.
    pub fn total(&self) -> u128 {
        let d: u128 = self
            .dense
            .iter()
            .enumerate()
            .map(|(v, &c)| v as u128 * u128::from(c))
            .sum();
        let s: u128 = self
            .sparse
            .iter()
            .map(|(&v, &c)| u128::from(v) * u128::from(c))
            .sum();
        d + s
    }

    fn pairs(&self) -> impl Iterator<Item = (u64, u64)> + '_ {
        self.dense
            .iter()
            .enumerate()
            .filter(|(_, c)| **c > 0)
            .map(|(v, &c)| (v as u64, c))
            .chain(self.sparse.iter().map(|(&v, &c)| (v, c)))
    }

    /// The exact nearest-rank `p`-quantile.
    pub fn quantile(&self, p: f64) -> Option<u64> {
        nearest_rank(self.pairs(), self.count(), p)
    }

    pub fn min(&self) -> Option<u64> {
        self.pairs().next().map(|(v, _)| v)
    }

    pub fn max(&self) -> Option<u64> {
        self.pairs().last().map(|(v, _)| v)
    }

    /// Count, exact mean, min, max and exact p50/p90/p99.
    pub fn summary(&self) -> Distribution {
        let n = self.count();
        let mean = (n > 0).then(|| self.total() as f64 / n as f64);
        let std = mean.map(|m| {
            let var = self
                .pairs()
                .map(|(v, c)| (v as f64 - m).powi(2) * c as f64)
                .sum::<f64>()
                / n as f64;
            var.sqrt()
        });
        let f = |x: Option<u64>| x.map(|v| v as f64);
        Distribution {
            count: n,
            mean,
            std,
            min: f(self.min()),
            p50: f(self.quantile(0.5)),
            p90: f(self.quantile(0.9)),
            p99: f(self.quantile(0.99)),
            max: f(self.max()),
        }
    }
}

impl Merge for IntHist {
    fn merge(&mut self, other: Self) {
        for (v, c) in other.pairs() {
            self.add_n(v, c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_are_exact_and_merge() {
        let mut a = Moments::default();
        for x in [1.0, 2.0, 3.0] {
            a.add(x);
        }
        let mut b = Moments::default();
        b.add(4.0);
        a.merge(b);
        assert_eq!(a.n, 4);
        assert_eq!(a.mean(), Some(2.5));
        // Population variance of 1..4 is 1.25.
        assert!((a.std().unwrap() - 1.25f64.sqrt()).abs() < 1e-12);
        assert_eq!(a.min, Some(1.0));
        assert_eq!(a.max, Some(4.0));
    }

    #[test]
    fn fixed_point_on_both_sides_of_the_i64_path() {
        assert_eq!(fixed(1.2345675), 1_234_568);
        assert_eq!(fixed(-3e12), -3_000_000_000_000_000_000);
        assert_eq!(fixed(3.999_999e12), 3_999_999_000_000_000_000);
        assert_eq!(fixed(5e12), 5_000_000_000_000_000_000);
    }

    #[test]
    fn moments_merge_is_order_independent() {
        let xs = [0.1, 0.2, 0.3, 1e-7, 12.345678, -3.5];
        let mut fwd = Moments::default();
        xs.iter().for_each(|&x| fwd.add(x));
        let mut parts: Vec<Moments> = xs
            .iter()
            .rev()
            .map(|&x| {
                let mut m = Moments::default();
                m.add(x);
                m
            })
            .collect();
        let mut rev = Moments::default();
        for p in parts.drain(..) {
            rev.merge(p);
        }
        assert_eq!(fwd, rev);
    }

    #[test]
    fn int_hist_quantiles_are_nearest_rank() {
        let mut h = IntHist::default();
        for v in 1..=10 {
            h.add(v);
        }
        h.add(1000);
        // n = 11: p50 → rank 6, p90 → rank ⌈9.9⌉ = 10, p99 → rank 11.
        assert_eq!(h.quantile(0.5), Some(6));
        assert_eq!(h.quantile(0.9), Some(10));
        assert_eq!(h.quantile(0.99), Some(1000));
        assert_eq!(h.min(), Some(1));
        assert_eq!(h.max(), Some(1000));
        assert_eq!(h.total(), 1055);
        let mut g = IntHist::default();
        g.add(1000);
        g.add(3);
        h.merge(g);
        assert_eq!(h.count(), 13);
        assert_eq!(h.sparse.get(&1000), Some(&2));
    }

    #[test]
    fn hist_keys_of_every_range_in_order_and_saved_as_one_map() {
        // Keys -5 (stored apart), 0 and 2047 (in the array), 2048 and 10⁶ (stored apart).
        let mut h = Hist::new(Scale::linear(1000));
        for x in [2048.0, -5.0, 2047.0, 0.0, 1e6, 2047.0, -5.0] {
            h.add(x);
        }
        h.add(f64::NAN);
        let all: Vec<(i64, u64)> = h.buckets().collect();
        assert_eq!(all, [(-5, 2), (0, 1), (2047, 2), (2048, 1), (1_000_000, 1)]);
        assert_eq!(h.count(), 7);
        assert_eq!(h.quantile(0.5), Some(2047.0));
        let json = serde_json::to_string(&h).unwrap();
        assert_eq!(
            json,
            r#"{"scale":{"linear":{"width_millis":1000}},"buckets":{"-5":2,"0":1,"2047":2,"2048":1,"1000000":1}}"#
        );
        let back: Hist = serde_json::from_str(&json).unwrap();
        assert_eq!(back, h);
        // Merging is adding bucket by bucket, whatever the ranges.
        let mut g = Hist::new(Scale::linear(1000));
        g.add(3.0);
        g.add(-5.0);
        g.merge_from(h.clone());
        assert_eq!(
            g.buckets().collect::<Vec<_>>(),
            [
                (-5, 3),
                (0, 1),
                (3, 1),
                (2047, 2),
                (2048, 1),
                (1_000_000, 1)
            ]
        );
        // A histogram holds the same buckets however it was filled.
        let mut other_order = Hist::new(Scale::linear(1000));
        for x in [1e6, 2048.0, 2047.0, 2047.0, 0.0, -5.0, -5.0] {
            other_order.add(x);
        }
        assert_eq!(other_order, h);
    }

    #[test]
    fn hist_linear_buckets() {
        let mut h = Hist::new(Scale::linear(10));
        for x in [0.004, 0.006, 0.5, 0.52] {
            h.add(x);
        }
        // Buckets 0.01 wide: 0.004 → 0.00, 0.006 → 0.01, 0.5 → 0.50, 0.52 → 0.52.
        assert_eq!(h.quantile(0.25), Some(0.0));
        assert_eq!(h.quantile(0.5), Some(0.01));
        assert_eq!(h.quantile(1.0), Some(0.52));
        let mut counts = Hist::new(Scale::linear(1000));
        for x in [3.0, 1.0, 2.0, 40.0] {
            counts.add(x);
        }
        assert_eq!(counts.quantile(0.5), Some(2.0));
        assert_eq!(counts.quantile(0.99), Some(40.0));
    }
}
