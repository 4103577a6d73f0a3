//! Fast weighted BG/NBD log-likelihood and analytic gradient over grouped
//! observations.
//!
//! Terms that depend only on the frequency (log-gamma and digamma values) are
//! computed once per distinct frequency; `ln(α + t)` and `1/(α + t)` once per
//! distinct time value; each distinct tuple then costs one `exp` and one
//! `ln_1p`.

use crate::data::GroupedObservations;
use crate::special::{digamma, ln_gamma};

use super::BgNbdParams;

/// Tuples sharing one frequency, as a range into the per-tuple arrays.
#[derive(Debug, Clone)]
struct Block {
    x: f64,
    start: usize,
    end: usize,
    weight: f64,
}

/// Grouped data laid out for repeated likelihood evaluation.
#[derive(Debug, Clone)]
pub(crate) struct Prepared {
    times: Vec<f64>,
    blocks: Vec<Block>,
    recency_index: Vec<u32>,
    t_index: Vec<u32>,
    weight: Vec<f64>,
    /// Σ weights (number of customers).
    pub total_weight: f64,
    /// Σ weight · frequency.
    pub total_frequency: f64,
}

/// Weighted sums over one block's tuples.
#[derive(Debug, Default)]
struct BlockSums {
    lse: f64,
    ln_mix: f64,
    inv_mix: f64,
    dropout: f64,
}

impl Prepared {
    /// Lays out `data` with all times multiplied by `scale`.
    pub(crate) fn new(data: &GroupedObservations, scale: f64) -> Self {
        let mut times: Vec<f64> = data
            .rows()
            .iter()
            .flat_map(|(o, _)| [o.recency * scale, o.t * scale])
            .collect();
        times.sort_unstable_by(f64::total_cmp);
        times.dedup();
        let index_of = |v: f64| times.partition_point(|&t| t < v) as u32;
        let mut blocks: Vec<Block> = Vec::new();
        let n = data.distinct();
        let (mut recency_index, mut t_index, mut weight) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        for (i, (obs, w)) in data.rows().iter().enumerate() {
            recency_index.push(index_of(obs.recency * scale));
            t_index.push(index_of(obs.t * scale));
            weight.push(*w as f64);
            let x = f64::from(obs.frequency);
            match blocks.last_mut() {
                Some(b) if b.x == x => {
                    b.end = i + 1;
                    b.weight += *w as f64;
                }
                _ => blocks.push(Block {
                    x,
                    start: i,
                    end: i + 1,
                    weight: *w as f64,
                }),
            }
        }
        let total_weight = blocks.iter().map(|b| b.weight).sum();
        let total_frequency = blocks.iter().map(|b| b.weight * b.x).sum();
        Self {
            times,
            blocks,
            recency_index,
            t_index,
            weight,
            total_weight,
            total_frequency,
        }
    }

    /// Total weighted log-likelihood at `p`; writes its gradient with respect
    /// to `(r, α, a, b)` into `grad`.
    pub(crate) fn evaluate(&self, p: &BgNbdParams, grad: &mut [f64]) -> f64 {
        let ln_at: Vec<f64> = self.times.iter().map(|t| (p.alpha + t).ln()).collect();
        let inv_at: Vec<f64> = self.times.iter().map(|t| 1.0 / (p.alpha + t)).collect();
        let (ln_alpha, psi_r, psi_ab) = (p.alpha.ln(), digamma(p.r), digamma(p.a + p.b));
        let (lg_r, lg_b, lg_ab) = (ln_gamma(p.r), ln_gamma(p.b), ln_gamma(p.a + p.b));
        let psi_b = digamma(p.b);
        let mut ll = 0.0;
        let mut g = [0.0; 4];
        for block in &self.blocks {
            let s = self.block_sums(block, p, &ln_at, &inv_at);
            let (x, w) = (block.x, block.weight);
            let (rx, bx, abx) = (p.r + x, p.b + x, p.a + p.b + x);
            let a1 = ln_gamma(rx) - lg_r + p.r * ln_alpha;
            let a2 = lg_ab + ln_gamma(bx) - lg_b - ln_gamma(abx);
            ll += w * (a1 + a2) + s.lse;
            let psi_abx = digamma(abx);
            g[0] += w * (digamma(rx) - psi_r + ln_alpha) - s.ln_mix;
            g[1] += w * p.r / p.alpha - rx * s.inv_mix;
            g[2] += w * (psi_ab - psi_abx);
            g[3] += w * (psi_ab + digamma(bx) - psi_b - psi_abx);
            if x > 0.0 {
                g[2] += s.dropout / p.a;
                g[3] -= s.dropout / (bx - 1.0);
            }
        }
        grad.copy_from_slice(&g);
        ll
    }

    /// Sums over the tuples of one frequency. With `A3 = −(r+x) ln(α+T)` and
    /// `A4 = ln a − ln(b+x−1) − (r+x) ln(α+tₓ)`, each tuple contributes
    /// `ln(e^A3 + e^A4)`; `ω = e^A4 / (e^A3 + e^A4)` weighs the derivatives.
    fn block_sums(
        &self,
        block: &Block,
        p: &BgNbdParams,
        ln_at: &[f64],
        inv_at: &[f64],
    ) -> BlockSums {
        let mut s = BlockSums::default();
        let rx = p.r + block.x;
        let range = block.start..block.end;
        if block.x == 0.0 {
            for i in range {
                let (w, ti) = (self.weight[i], self.t_index[i] as usize);
                s.lse -= w * rx * ln_at[ti];
                s.ln_mix += w * ln_at[ti];
                s.inv_mix += w * inv_at[ti];
            }
            return s;
        }
        let c = (p.a / (p.b + block.x - 1.0)).ln();
        for i in range {
            let (w, ti, ri) = (
                self.weight[i],
                self.t_index[i] as usize,
                self.recency_index[i] as usize,
            );
            let (lt, lr) = (ln_at[ti], ln_at[ri]);
            let d = c + rx * (lt - lr); // A4 − A3
            let e = (-d.abs()).exp();
            let omega = if d >= 0.0 {
                1.0 / (1.0 + e)
            } else {
                e / (1.0 + e)
            };
            s.lse += w * (-rx * lt + d.max(0.0) + e.ln_1p());
            s.ln_mix += w * (lt + omega * (lr - lt));
            s.inv_mix += w * (inv_at[ti] + omega * (inv_at[ri] - inv_at[ti]));
            s.dropout += w * omega;
        }
        s
    }
}
