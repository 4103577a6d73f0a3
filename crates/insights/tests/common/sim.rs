//! Simulation of the BG/NBD + Gamma-Gamma generative process (shared by the
//! tests and the `fit_speed` example through `#[path]`).

#![allow(dead_code)]

use clienteling_insights::{Observation, SpendObservation, Transaction};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rand_distr::{Beta, Distribution, Exp, Gamma};

/// True parameters of the generative process (time in weeks).
#[derive(Debug, Clone, Copy)]
pub struct Truth {
    pub r: f64,
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
    pub p: f64,
    pub q: f64,
    pub v: f64,
}

/// Draws from the customer-level distributions.
pub struct Simulator {
    rng: StdRng,
    rate: Gamma<f64>,
    dropout: Beta<f64>,
    nu: Gamma<f64>,
    p: f64,
}

/// One simulated customer: repeat purchase times (weeks after the first
/// purchase) and the values of all purchases (first one included).
pub struct Customer {
    pub repeat_times: Vec<f64>,
    pub values: Vec<f64>,
}

impl Simulator {
    pub fn new(truth: Truth, seed: u64) -> Self {
        Self {
            rng: StdRng::seed_from_u64(seed),
            rate: Gamma::new(truth.r, 1.0 / truth.alpha).expect("gamma"),
            dropout: Beta::new(truth.a, truth.b).expect("beta"),
            nu: Gamma::new(truth.q, 1.0 / truth.v).expect("gamma"),
            p: truth.p,
        }
    }

    pub fn uniform(&mut self, low: f64, high: f64) -> f64 {
        self.rng.random_range(low..high)
    }

    /// A customer observed for `age` weeks after the first purchase
    /// (the process of `lifetimes.generate_data.beta_geometric_nbd_model`).
    pub fn customer(&mut self, age: f64) -> Customer {
        let lambda = self.rate.sample(&mut self.rng).max(1e-300);
        let death = self.dropout.sample(&mut self.rng);
        let gap = Exp::new(lambda).expect("exp");
        let mut repeat_times = Vec::new();
        let mut now = gap.sample(&mut self.rng);
        while now < age {
            repeat_times.push(now);
            if self.rng.random::<f64>() < death {
                break;
            }
            now += gap.sample(&mut self.rng);
        }
        let nu = self.nu.sample(&mut self.rng).max(1e-300);
        let value = Gamma::new(self.p, 1.0 / nu).expect("gamma");
        let values = (0..=repeat_times.len())
            .map(|_| value.sample(&mut self.rng))
            .collect();
        Customer {
            repeat_times,
            values,
        }
    }
}

/// `n` customers with ages uniform in `[min_age, max_age]` weeks, in
/// continuous time: BG/NBD observations and, for repeat customers, spend.
pub fn observations(
    truth: Truth,
    n: usize,
    seed: u64,
    (min_age, max_age): (f64, f64),
) -> Vec<(Observation, Option<SpendObservation>)> {
    let mut sim = Simulator::new(truth, seed);
    (0..n)
        .map(|_| {
            let t = sim.uniform(min_age, max_age);
            let c = sim.customer(t);
            let x = c.repeat_times.len();
            let obs = Observation {
                frequency: x as u32,
                recency: c.repeat_times.last().copied().unwrap_or(0.0),
                t,
            };
            let spend = (x > 0).then(|| SpendObservation {
                frequency: x as u32,
                monetary_value: c.values[1..].iter().sum::<f64>() / x as f64,
            });
            (obs, spend)
        })
        .collect()
}

/// Day-level transactions of `n` customers (keys 0..n) acquired uniformly
/// over the `acquisition_days` before `calibration_end`, followed until
/// `calibration_end + holdout_days`. Values are in minor units (×100).
pub fn transactions(
    truth: Truth,
    n: u64,
    seed: u64,
    calibration_end: i32,
    acquisition_days: i32,
    holdout_days: i32,
) -> Vec<Transaction<u64>> {
    let mut sim = Simulator::new(truth, seed);
    let mut out = Vec::with_capacity(n as usize * 3);
    for customer in 0..n {
        let first = calibration_end - sim.uniform(0.0, f64::from(acquisition_days)) as i32;
        let age_weeks = f64::from(calibration_end + holdout_days - first + 1) / 7.0;
        let c = sim.customer(age_weeks);
        let days = std::iter::once(0.0).chain(c.repeat_times.iter().copied());
        for (t, value) in days.zip(&c.values) {
            let day = first + (t * 7.0).floor() as i32;
            out.push(Transaction {
                customer,
                day,
                amount: (value * 100.0).round().max(1.0) as i64,
            });
        }
    }
    out
}
