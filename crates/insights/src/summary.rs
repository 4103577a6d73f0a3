//! Per-customer summary statistics (frequency, recency, T, monetary value)
//! from raw transactions at a calibration end date.
//!
//! Rules (the `lifetimes` conventions at day resolution):
//! * purchases on the same calendar day count as one, with their amounts
//!   summed into a daily total;
//! * frequency = number of purchase days − 1 (repeat purchase days);
//! * recency = days between the first and the last purchase day;
//! * T = days between the first purchase day and the calibration end;
//! * monetary value = mean of the daily totals of the repeat purchase days
//!   (the first day excluded), 0 when frequency is 0;
//! * transactions after the calibration end are ignored, so customers whose
//!   first purchase is after it are left out.
//!
//! The implementation sorts the transactions once by (customer, day) and
//! makes a single pass, so it handles millions of rows without per-customer
//! allocations.

use serde::{Deserialize, Serialize};

use crate::data::{Observation, SpendObservation};

/// A day number: days since 1970-01-01.
pub type Day = i32;

/// One purchase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transaction<K> {
    /// Customer key.
    pub customer: K,
    /// Day of the purchase.
    pub day: Day,
    /// Amount in minor currency units (may be zero or negative).
    pub amount: i64,
}

/// Time unit of recency, T and the model parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeUnit {
    /// Days.
    Day,
    /// Weeks of 7 days (the default).
    #[default]
    Week,
}

impl TimeUnit {
    /// Length of the unit in days.
    pub fn days(self) -> f64 {
        match self {
            Self::Day => 1.0,
            Self::Week => 7.0,
        }
    }

    /// Number of units in a month of 30 days (30 or 30/7 ≈ 4.29), the month
    /// used for customer lifetime value.
    pub fn per_month(self) -> f64 {
        30.0 / self.days()
    }
}

/// Options of [`summarize`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummaryOptions {
    /// Last day of the calibration period (inclusive).
    pub calibration_end: Day,
    /// Unit of recency and T.
    #[serde(default)]
    pub time_unit: TimeUnit,
}

/// Summary statistics of one customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerSummary<K> {
    /// Customer key.
    pub customer: K,
    /// Repeat purchase days (purchase days − 1).
    pub frequency: u32,
    /// Days between the first and the last purchase day.
    pub recency_days: u32,
    /// Days between the first purchase day and the calibration end.
    pub age_days: u32,
    /// `recency_days` in the time unit.
    pub recency: f64,
    /// `age_days` in the time unit (`T`).
    pub t: f64,
    /// Mean daily total of the repeat purchase days (minor units), 0 when
    /// `frequency` is 0.
    pub monetary_value: f64,
    /// Sum of all amounts up to the calibration end, first day included.
    pub total_spend: i64,
}

impl<K> CustomerSummary<K> {
    /// Days since the last purchase, at the calibration end.
    pub fn days_since_last_purchase(&self) -> u32 {
        self.age_days - self.recency_days
    }

    /// The BG/NBD view of this customer.
    pub fn observation(&self) -> Observation {
        Observation {
            frequency: self.frequency,
            recency: self.recency,
            t: self.t,
        }
    }

    /// The Gamma-Gamma view, for repeat customers with a positive value.
    pub fn spend_observation(&self) -> Option<SpendObservation> {
        (self.frequency > 0 && self.monetary_value > 0.0 && self.monetary_value.is_finite())
            .then_some(SpendObservation {
                frequency: self.frequency,
                monetary_value: self.monetary_value,
            })
    }
}

/// Summaries of all customers at one calibration end, sorted by key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summaries<K> {
    /// Last day of the calibration period.
    pub calibration_end: Day,
    /// Unit of `recency` and `t`.
    pub time_unit: TimeUnit,
    /// One entry per customer with a purchase up to the calibration end.
    pub customers: Vec<CustomerSummary<K>>,
}

/// Running totals of one customer during the pass.
struct Accumulator<K> {
    customer: K,
    first_day: Day,
    last_day: Day,
    purchase_days: u32,
    first_day_total: i64,
    total: i64,
}

impl<K> Accumulator<K> {
    fn new(tx: Transaction<K>) -> Self {
        Self {
            customer: tx.customer,
            first_day: tx.day,
            last_day: tx.day,
            purchase_days: 1,
            first_day_total: tx.amount,
            total: tx.amount,
        }
    }

    /// Adds a transaction of the same customer (days non-decreasing).
    fn add(&mut self, day: Day, amount: i64) {
        self.total = self.total.saturating_add(amount);
        if day == self.first_day {
            self.first_day_total = self.first_day_total.saturating_add(amount);
        } else if day != self.last_day {
            self.purchase_days += 1;
            self.last_day = day;
        }
    }

    fn finish(self, options: &SummaryOptions) -> CustomerSummary<K> {
        let frequency = self.purchase_days - 1;
        let recency_days = days_between(self.first_day, self.last_day);
        let age_days = days_between(self.first_day, options.calibration_end);
        let unit = options.time_unit.days();
        let repeat_total = i128::from(self.total) - i128::from(self.first_day_total);
        let monetary_value = if frequency == 0 {
            0.0
        } else {
            repeat_total as f64 / f64::from(frequency)
        };
        CustomerSummary {
            customer: self.customer,
            frequency,
            recency_days,
            age_days,
            recency: f64::from(recency_days) / unit,
            t: f64::from(age_days) / unit,
            monetary_value,
            total_spend: self.total,
        }
    }
}

fn days_between(from: Day, to: Day) -> u32 {
    u32::try_from(i64::from(to) - i64::from(from)).unwrap_or(0)
}

/// Computes per-customer summaries at `options.calibration_end`.
pub fn summarize<K: Ord>(
    transactions: impl IntoIterator<Item = Transaction<K>>,
    options: SummaryOptions,
) -> Summaries<K> {
    let mut rows: Vec<Transaction<K>> = transactions
        .into_iter()
        .filter(|tx| tx.day <= options.calibration_end)
        .collect();
    rows.sort_unstable_by(|a, b| a.customer.cmp(&b.customer).then(a.day.cmp(&b.day)));
    let distinct = 1 + rows
        .windows(2)
        .filter(|w| w[0].customer != w[1].customer)
        .count();
    let mut customers = Vec::with_capacity(distinct);
    let mut current: Option<Accumulator<K>> = None;
    for tx in rows {
        match current.as_mut() {
            Some(acc) if acc.customer == tx.customer => acc.add(tx.day, tx.amount),
            _ => {
                if let Some(done) = current.replace(Accumulator::new(tx)) {
                    customers.push(done.finish(&options));
                }
            }
        }
    }
    if let Some(done) = current {
        customers.push(done.finish(&options));
    }
    Summaries {
        calibration_end: options.calibration_end,
        time_unit: options.time_unit,
        customers,
    }
}
