//! The small statistics behind `compare`: the normal tail, Wilson and percentile intervals, the
//! Pearson dispersion of counts over documents, the overdispersed two-rate Wald test, the paired
//! bootstrap p-value and the Benjamini–Hochberg and Holm corrections (`rules.md` §5).

use std::f64::consts::SQRT_2;

/// The 97.5% quantile of the standard normal distribution.
pub const Z95: f64 = 1.959_963_984_540_054;

/// The complementary error function, with a relative error below 1.2e-7 everywhere (the Chebyshev
/// fit of Numerical Recipes' `erfcc`), so that tiny p-values keep their order of magnitude.
pub fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let r = t * poly.exp();
    if x >= 0.0 { r } else { 2.0 - r }
}

/// The two-sided p-value of a standard normal statistic.
pub fn normal_two_sided(z: f64) -> f64 {
    if z.is_nan() {
        return 1.0;
    }
    erfc(z.abs() / SQRT_2).min(1.0)
}

/// The 95% Wilson score interval of a proportion `k / n` (`[0, 1]` when `n` is 0).
pub fn wilson(k: u64, n: u64) -> [f64; 2] {
    if n == 0 {
        return [0.0, 1.0];
    }
    let n = n as f64;
    let p = k as f64 / n;
    let z2 = Z95 * Z95;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = Z95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denom;
    [(centre - half).max(0.0), (centre + half).min(1.0)]
}

/// The `q` quantile (0 ≤ q ≤ 1) of values sorted ascending, interpolating linearly between order
/// statistics (Hyndman & Fan type 7, the default of R and NumPy). Infinite values are allowed.
pub fn percentile(sorted: &[f64], q: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let h = q.clamp(0.0, 1.0) * last as f64;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(last);
    let frac = h - lo as f64;
    let (a, b) = (sorted[lo], sorted[hi]);
    Some(if frac == 0.0 || a == b {
        a
    } else if a.is_infinite() || b.is_infinite() {
        b
    } else {
        a + frac * (b - a)
    })
}

/// The 2.5% and 97.5% percentiles of unsorted values (NaN values are dropped).
pub fn percentile_interval(mut values: Vec<f64>) -> Option<[f64; 2]> {
    values.retain(|v| !v.is_nan());
    values.sort_by(f64::total_cmp);
    Some([percentile(&values, 0.025)?, percentile(&values, 0.975)?])
}

/// The Pearson estimate of overdispersion of per-document counts against a common rate:
/// `φ̂ = (1/(D−1)) · Σ_d (x_d − λ̂ w_d)² / (λ̂ w_d)` with `λ̂ = X/W`, written from the sums
/// `D`, `X = Σ x_d`, `W = Σ w_d` and `S = Σ x_d²/w_d` as `(S·W/X − X)/(D−1)`.
/// `None` when it is undefined (fewer than two documents, or no finding).
pub fn dispersion(documents: u64, findings: u64, words: u64, sum_x2_over_w: f64) -> Option<f64> {
    if documents < 2 || findings == 0 || words == 0 {
        return None;
    }
    let (x, w) = (findings as f64, words as f64);
    Some(((sum_x2_over_w * w / x - x) / (documents - 1) as f64).max(0.0))
}

/// The result of a two-rate Wald test.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Wald {
    /// `log RR / SE(log RR)`.
    pub z: f64,
    pub p: f64,
}

/// The overdispersion-adjusted Wald test of equal rates on log RR for two groups on different
/// documents: `SE(log RR) = √(φ₁/X₁ + φ₂/X₂)`, each φ floored at 1 (quasi-Poisson: observed
/// underdispersion does not make the test bolder). When either count is zero, 0.5 is added to both
/// counts (Haldane's correction). `None` when either group has no words or both have no finding.
pub fn wald_log_rr(a: (u64, u64, f64), b: (u64, u64, f64)) -> Option<Wald> {
    let ((xa, wa, phia), (xb, wb, phib)) = (a, b);
    if wa == 0 || wb == 0 || (xa == 0 && xb == 0) {
        return None;
    }
    let add = if xa == 0 || xb == 0 { 0.5 } else { 0.0 };
    let (xa, xb) = (xa as f64 + add, xb as f64 + add);
    let log_rr = (xa / wa as f64).ln() - (xb / wb as f64).ln();
    let se = (phia.max(1.0) / xa + phib.max(1.0) / xb).sqrt();
    let z = log_rr / se;
    Some(Wald {
        z,
        p: normal_two_sided(z),
    })
}

/// The two-sided p-value of a paired bootstrap comparison from the replicate outcomes: how many
/// replicates had the first rate lower, higher or equal. `2·min(#≤, #≥)` with the usual +1
/// correction, `(k + 1)/(n + 1)`, so that it is never 0; ties count on both sides.
pub fn bootstrap_p(lower: usize, higher: usize, equal: usize) -> f64 {
    let n = lower + higher + equal;
    if n == 0 {
        return 1.0;
    }
    let k = (lower + equal).min(higher + equal);
    (2.0 * (k + 1) as f64 / (n + 1) as f64).min(1.0)
}

/// The order that sorts p-values ascending (ties by position, so the result is deterministic).
fn order(p: &[f64]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..p.len()).collect();
    idx.sort_by(|&i, &j| p[i].total_cmp(&p[j]).then(i.cmp(&j)));
    idx
}

/// Benjamini–Hochberg q-values (false discovery rate), in the order of `p`:
/// `q_(i) = min_{j ≥ i} m·p_(j)/j`, capped at 1.
pub fn benjamini_hochberg(p: &[f64]) -> Vec<f64> {
    let m = p.len();
    let idx = order(p);
    let mut q = vec![1.0; m];
    let mut running = 1.0f64;
    for (rank, &i) in idx.iter().enumerate().rev() {
        running = running.min(p[i] * m as f64 / (rank + 1) as f64);
        q[i] = running.min(1.0);
    }
    q
}

/// Holm's step-down adjusted p-values (family-wise error rate), in the order of `p`:
/// `max_{j ≤ i} (m − j + 1)·p_(j)`, capped at 1.
pub fn holm(p: &[f64]) -> Vec<f64> {
    let m = p.len();
    let idx = order(p);
    let mut adj = vec![1.0; m];
    let mut running = 0.0f64;
    for (rank, &i) in idx.iter().enumerate() {
        running = running.max(p[i] * (m - rank) as f64);
        adj[i] = running.min(1.0);
    }
    adj
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn normal_tail_matches_tables() {
        assert!(close(normal_two_sided(0.0), 1.0, 1e-7));
        assert!(close(normal_two_sided(1.959_964), 0.05, 1e-6));
        assert!(close(normal_two_sided(-2.575_829), 0.01, 1e-7));
        // 2·(1 − Φ(6)) = 1.973e-9; relative accuracy holds far in the tail.
        assert!((normal_two_sided(6.0) / 1.973_175_29e-9 - 1.0).abs() < 1e-5);
    }

    #[test]
    fn wilson_matches_reference_values() {
        // 8 of 10: [0.4902, 0.9433] (Newcombe 1998, Table I style; checked with statsmodels).
        let [lo, hi] = wilson(8, 10);
        assert!(
            close(lo, 0.4902, 1e-4) && close(hi, 0.9433, 1e-4),
            "{lo} {hi}"
        );
        let [lo, hi] = wilson(0, 10);
        assert!(
            close(lo, 0.0, 1e-12) && close(hi, 0.2775, 1e-4),
            "{lo} {hi}"
        );
        assert_eq!(wilson(0, 0), [0.0, 1.0]);
    }

    #[test]
    fn percentiles_interpolate_like_numpy() {
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(percentile(&v, 0.5), Some(2.5));
        assert_eq!(percentile(&v, 0.0), Some(1.0));
        assert_eq!(percentile(&v, 1.0), Some(4.0));
        // numpy.percentile([1,2,3,4], 2.5) = 1.075
        assert!(close(percentile(&v, 0.025).unwrap(), 1.075, 1e-12));
        assert_eq!(percentile(&[], 0.5), None);
        assert_eq!(percentile(&[1.0, f64::INFINITY], 0.9), Some(f64::INFINITY));
        assert_eq!(percentile(&[1.0, f64::INFINITY], 0.0), Some(1.0));
    }

    #[test]
    fn dispersion_is_one_for_counts_proportional_to_length_and_grows_with_clumping() {
        // x_d exactly λ·w_d: no excess variation at all.
        let s: f64 = [(2u64, 100u64), (4, 200), (6, 300)]
            .iter()
            .map(|&(x, w)| (x * x) as f64 / w as f64)
            .sum();
        assert!(close(dispersion(3, 12, 600, s).unwrap(), 0.0, 1e-12));
        // Same totals, all hits in one document: φ̂ = ((144/300)·600/12 − 12)/2 = 6.
        let s = 144.0 / 300.0 + 0.0 / 100.0 + 0.0 / 200.0;
        assert!(close(dispersion(3, 12, 600, s).unwrap(), 6.0, 1e-12));
        assert_eq!(dispersion(1, 3, 100, 0.09), None);
        assert_eq!(dispersion(3, 0, 100, 0.0), None);
    }

    #[test]
    fn wald_test_by_hand() {
        // 20 hits in 10,000 words against 10 in 10,000, φ = 1: log 2 / √(1/20 + 1/10).
        let w = wald_log_rr((20, 10_000, 1.0), (10, 10_000, 1.0)).unwrap();
        let z = 2f64.ln() / (0.05f64 + 0.1).sqrt();
        assert!(close(w.z, z, 1e-12));
        assert!(close(w.p, 0.073_502, 1e-5), "{}", w.p);
        // Overdispersion φ = 4 halves z.
        let w4 = wald_log_rr((20, 10_000, 4.0), (10, 10_000, 4.0)).unwrap();
        assert!(close(w4.z, z / 2.0, 1e-12));
        // Underdispersion is floored at 1.
        assert_eq!(wald_log_rr((20, 10_000, 0.2), (10, 10_000, 0.5)), Some(w));
        assert_eq!(wald_log_rr((0, 10, 1.0), (0, 10, 1.0)), None);
        // Haldane: log(0.5/30.5) / √(1/0.5 + 1/30.5) = −2.883, p = 0.0039.
        let h = wald_log_rr((0, 1000, 1.0), (30, 1000, 1.0)).unwrap();
        assert!(
            close(h.z, -2.8828, 1e-3) && close(h.p, 0.003_94, 1e-4),
            "{h:?}"
        );
    }

    #[test]
    fn bootstrap_p_values() {
        assert_eq!(bootstrap_p(0, 0, 0), 1.0);
        assert!(close(bootstrap_p(0, 1999, 0), 2.0 / 2000.0, 1e-15));
        assert_eq!(bootstrap_p(1000, 1000, 0), 1.0);
        assert_eq!(bootstrap_p(0, 0, 2000), 1.0);
        assert!(close(bootstrap_p(24, 1975, 0), 50.0 / 2000.0, 1e-15));
    }

    #[test]
    fn benjamini_hochberg_on_a_known_list() {
        // R: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.5), "BH")
        //    = 0.025 0.05 0.05 0.025 0.5
        let q = benjamini_hochberg(&[0.01, 0.04, 0.03, 0.005, 0.5]);
        let want = [0.025, 0.05, 0.05, 0.025, 0.5];
        for (a, b) in q.iter().zip(want) {
            assert!(close(*a, b, 1e-12), "{q:?}");
        }
        assert!(benjamini_hochberg(&[]).is_empty());
        assert_eq!(benjamini_hochberg(&[0.7, 0.9]), vec![0.9, 0.9]);
    }

    #[test]
    fn holm_on_a_known_list() {
        // R: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.5), "holm")
        //    = 0.04 0.09 0.09 0.025 0.5
        let adj = holm(&[0.01, 0.04, 0.03, 0.005, 0.5]);
        let want = [0.04, 0.09, 0.09, 0.025, 0.5];
        for (a, b) in adj.iter().zip(want) {
            assert!(close(*a, b, 1e-12), "{adj:?}");
        }
        assert_eq!(holm(&[0.6, 0.6]), vec![1.0, 1.0]);
    }
}
