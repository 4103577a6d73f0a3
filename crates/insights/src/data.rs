//! Model inputs: per-customer observations and their grouping into distinct
//! tuples with integer weights, so that fitting costs O(distinct tuples)
//! rather than O(customers).

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use crate::error::DataError;

/// What the BG/NBD model sees of one customer, in model time units.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Observation {
    /// Number of repeat purchases (purchase days − 1).
    pub frequency: u32,
    /// Time between the first and the last purchase.
    pub recency: f64,
    /// Time between the first purchase and the end of the calibration period
    /// (the customer's "age", `T`).
    pub t: f64,
}

impl Observation {
    fn check(&self) -> Result<(), &'static str> {
        if !self.recency.is_finite() || !self.t.is_finite() {
            return Err("recency and T must be finite");
        }
        if self.recency < 0.0 || self.recency > self.t {
            return Err("recency must lie in [0, T]");
        }
        if self.frequency == 0 && self.recency != 0.0 {
            return Err("recency must be 0 when frequency is 0");
        }
        Ok(())
    }

    fn cmp_key(&self, other: &Self) -> Ordering {
        self.frequency
            .cmp(&other.frequency)
            .then(self.recency.total_cmp(&other.recency))
            .then(self.t.total_cmp(&other.t))
    }
}

/// Distinct BG/NBD observations with the number of customers sharing each,
/// sorted by (frequency, recency, T).
#[derive(Debug, Clone, PartialEq)]
pub struct GroupedObservations {
    rows: Vec<(Observation, u64)>,
    customers: u64,
}

impl GroupedObservations {
    /// Groups one observation per customer.
    pub fn new(observations: impl IntoIterator<Item = Observation>) -> Result<Self, DataError> {
        Self::from_weighted(observations.into_iter().map(|o| (o, 1)))
    }

    /// Groups weighted observations (weight = number of customers);
    /// zero weights are dropped.
    pub fn from_weighted(
        items: impl IntoIterator<Item = (Observation, u64)>,
    ) -> Result<Self, DataError> {
        let mut rows = Vec::new();
        for (index, (obs, weight)) in items.into_iter().enumerate() {
            obs.check()
                .map_err(|reason| DataError::InvalidObservation { index, reason })?;
            if weight > 0 {
                rows.push((obs, weight));
            }
        }
        let rows = merge_equal(rows, Observation::cmp_key);
        let customers = rows.iter().map(|r| r.1).sum();
        Ok(Self { rows, customers })
    }

    /// The distinct observations and their weights.
    pub fn rows(&self) -> &[(Observation, u64)] {
        &self.rows
    }

    /// Number of distinct observations.
    pub fn distinct(&self) -> usize {
        self.rows.len()
    }

    /// Total weight (number of customers).
    pub fn customers(&self) -> u64 {
        self.customers
    }
}

/// What the Gamma-Gamma model sees of one repeat customer.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SpendObservation {
    /// Number of repeat purchases (> 0).
    pub frequency: u32,
    /// Mean value of the repeat purchases (> 0).
    pub monetary_value: f64,
}

impl SpendObservation {
    fn check(&self) -> Result<(), &'static str> {
        if self.frequency == 0 {
            return Err("frequency must be positive");
        }
        if !(self.monetary_value.is_finite() && self.monetary_value > 0.0) {
            return Err("monetary value must be positive and finite");
        }
        Ok(())
    }

    fn cmp_key(&self, other: &Self) -> Ordering {
        self.frequency
            .cmp(&other.frequency)
            .then(self.monetary_value.total_cmp(&other.monetary_value))
    }
}

/// Distinct spend observations with weights, sorted by (frequency, value).
#[derive(Debug, Clone, PartialEq)]
pub struct GroupedSpend {
    rows: Vec<(SpendObservation, u64)>,
    customers: u64,
}

impl GroupedSpend {
    /// Groups one observation per repeat customer. Every observation must
    /// have `frequency > 0` and `monetary_value > 0`.
    pub fn new(
        observations: impl IntoIterator<Item = SpendObservation>,
    ) -> Result<Self, DataError> {
        Self::from_weighted(observations.into_iter().map(|o| (o, 1)))
    }

    /// Groups weighted spend observations; zero weights are dropped.
    pub fn from_weighted(
        items: impl IntoIterator<Item = (SpendObservation, u64)>,
    ) -> Result<Self, DataError> {
        let mut rows = Vec::new();
        for (index, (obs, weight)) in items.into_iter().enumerate() {
            obs.check()
                .map_err(|reason| DataError::InvalidObservation { index, reason })?;
            if weight > 0 {
                rows.push((obs, weight));
            }
        }
        let rows = merge_equal(rows, SpendObservation::cmp_key);
        let customers = rows.iter().map(|r| r.1).sum();
        Ok(Self { rows, customers })
    }

    /// The distinct observations and their weights.
    pub fn rows(&self) -> &[(SpendObservation, u64)] {
        &self.rows
    }

    /// Number of distinct observations.
    pub fn distinct(&self) -> usize {
        self.rows.len()
    }

    /// Total weight (number of customers).
    pub fn customers(&self) -> u64 {
        self.customers
    }
}

/// Sorts `rows` by `cmp` and sums the weights of equal neighbours.
fn merge_equal<T: Copy>(
    mut rows: Vec<(T, u64)>,
    cmp: impl Fn(&T, &T) -> Ordering,
) -> Vec<(T, u64)> {
    rows.sort_unstable_by(|a, b| cmp(&a.0, &b.0));
    let mut out: Vec<(T, u64)> = Vec::with_capacity(rows.len() / 2 + 1);
    for (item, weight) in rows {
        match out.last_mut() {
            Some(last) if cmp(&last.0, &item) == Ordering::Equal => last.1 += weight,
            _ => out.push((item, weight)),
        }
    }
    out.shrink_to_fit();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obs(frequency: u32, recency: f64, t: f64) -> Observation {
        Observation {
            frequency,
            recency,
            t,
        }
    }

    #[test]
    fn groups_equal_tuples() {
        let data = [obs(1, 2.0, 5.0), obs(0, 0.0, 5.0), obs(1, 2.0, 5.0)];
        let Ok(g) = GroupedObservations::new(data) else {
            panic!("valid data rejected");
        };
        assert_eq!(g.distinct(), 2);
        assert_eq!(g.customers(), 3);
        assert_eq!(g.rows()[1], (obs(1, 2.0, 5.0), 2));
    }

    #[test]
    fn rejects_invalid_observations() {
        let bad = [obs(0, 0.0, 1.0), obs(1, 3.0, 2.0)];
        let err = GroupedObservations::new(bad);
        assert!(matches!(
            err,
            Err(DataError::InvalidObservation { index: 1, .. })
        ));
        assert!(GroupedObservations::new([obs(0, 1.0, 2.0)]).is_err());
        assert!(GroupedObservations::new([obs(1, f64::NAN, 2.0)]).is_err());
        let spend = SpendObservation {
            frequency: 0,
            monetary_value: 3.0,
        };
        assert!(GroupedSpend::new([spend]).is_err());
    }
}
