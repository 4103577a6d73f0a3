//! Summary statistics rules: same-day merge, exclusion after the calibration
//! end, units, monetary value; and a property test against a naive
//! per-customer implementation.

use std::collections::BTreeMap;

use clienteling_insights::{CustomerSummary, SummaryOptions, TimeUnit, Transaction, summarize};
use proptest::prelude::*;

fn tx(customer: &str, day: i32, amount: i64) -> Transaction<String> {
    Transaction {
        customer: customer.to_owned(),
        day,
        amount,
    }
}

fn options(calibration_end: i32, time_unit: TimeUnit) -> SummaryOptions {
    SummaryOptions {
        calibration_end,
        time_unit,
    }
}

#[test]
fn same_day_purchases_merge_and_first_day_is_excluded_from_monetary() {
    let txs = vec![
        tx("ann", 100, 1000),
        tx("ann", 100, 500), // same day as the first purchase
        tx("ann", 114, 2000),
        tx("ann", 114, 1000), // same day: daily total 3000
        tx("ann", 128, 1000),
    ];
    let s = summarize(txs, options(170, TimeUnit::Week));
    let ann = &s.customers[0];
    assert_eq!(ann.frequency, 2);
    assert_eq!(ann.recency_days, 28);
    assert_eq!(ann.age_days, 70);
    assert_eq!(ann.recency, 4.0);
    assert_eq!(ann.t, 10.0);
    assert_eq!(ann.monetary_value, 2000.0); // (3000 + 1000) / 2
    assert_eq!(ann.total_spend, 5500);
    assert_eq!(ann.days_since_last_purchase(), 42);
}

#[test]
fn transactions_after_calibration_end_are_ignored() {
    let txs = vec![
        tx("bob", 10, 100),
        tx("bob", 20, 300),
        tx("bob", 31, 999), // after the end
        tx("cy", 31, 100),  // first purchase after the end: left out
        tx("dee", 30, 50),  // on the end day: included, T = 0
    ];
    let s = summarize(txs, options(30, TimeUnit::Day));
    let keys: Vec<&str> = s.customers.iter().map(|c| c.customer.as_str()).collect();
    assert_eq!(keys, ["bob", "dee"]);
    let bob = &s.customers[0];
    assert_eq!(
        (bob.frequency, bob.recency, bob.t, bob.monetary_value),
        (1, 10.0, 20.0, 300.0)
    );
    let dee = &s.customers[1];
    assert_eq!(
        (dee.frequency, dee.recency, dee.t, dee.monetary_value),
        (0, 0.0, 0.0, 0.0)
    );
    assert_eq!(s.calibration_end, 30);
    assert_eq!(s.time_unit, TimeUnit::Day);
}

#[test]
fn one_time_buyers_have_zero_frequency_and_monetary_value() {
    let s = summarize(
        vec![tx("eve", 5, 700), tx("eve", 5, 300)],
        options(19, TimeUnit::Week),
    );
    let eve = &s.customers[0];
    assert_eq!(
        (
            eve.frequency,
            eve.recency,
            eve.monetary_value,
            eve.total_spend
        ),
        (0, 0.0, 0.0, 1000)
    );
    assert_eq!(eve.t, 2.0);
    assert!(eve.spend_observation().is_none());
}

#[test]
fn order_of_input_does_not_matter_and_output_is_sorted() {
    let txs = vec![tx("b", 3, 1), tx("a", 9, 2), tx("b", 1, 4), tx("a", 2, 8)];
    let mut reversed = txs.clone();
    reversed.reverse();
    let one = summarize(txs, options(10, TimeUnit::Day));
    let two = summarize(reversed, options(10, TimeUnit::Day));
    assert_eq!(one, two);
    assert_eq!(one.customers[0].customer, "a");
}

#[test]
fn default_unit_is_week() {
    assert_eq!(TimeUnit::default(), TimeUnit::Week);
    assert_eq!(TimeUnit::Week.days(), 7.0);
    assert!((TimeUnit::Week.per_month() - 30.0 / 7.0).abs() < 1e-15);
    assert_eq!(TimeUnit::Day.per_month(), 30.0);
}

/// Straightforward reference implementation.
fn naive(txs: &[Transaction<u8>], end: i32, unit: TimeUnit) -> Vec<CustomerSummary<u8>> {
    let mut daily: BTreeMap<u8, BTreeMap<i32, i64>> = BTreeMap::new();
    for t in txs.iter().filter(|t| t.day <= end) {
        *daily
            .entry(t.customer)
            .or_default()
            .entry(t.day)
            .or_default() += t.amount;
    }
    daily
        .into_iter()
        .map(|(customer, days)| {
            let first = *days.keys().next().expect("non-empty");
            let last = *days.keys().last().expect("non-empty");
            let frequency = days.len() as u32 - 1;
            let repeat: i64 = days.iter().skip(1).map(|(_, v)| v).sum();
            CustomerSummary {
                customer,
                frequency,
                recency_days: (last - first) as u32,
                age_days: (end - first) as u32,
                recency: f64::from(last - first) / unit.days(),
                t: f64::from(end - first) / unit.days(),
                monetary_value: if frequency == 0 {
                    0.0
                } else {
                    repeat as f64 / f64::from(frequency)
                },
                total_spend: days.values().sum(),
            }
        })
        .collect()
}

fn arb_transactions() -> impl Strategy<Value = Vec<Transaction<u8>>> {
    prop::collection::vec((0u8..12, -5i32..60, -500i64..5000), 0..200).prop_map(|v| {
        v.into_iter()
            .map(|(customer, day, amount)| Transaction {
                customer,
                day,
                amount,
            })
            .collect()
    })
}

proptest! {
    #[test]
    fn matches_naive_implementation(txs in arb_transactions(), end in 0i32..60, weeks in any::<bool>()) {
        let unit = if weeks { TimeUnit::Week } else { TimeUnit::Day };
        let fast = summarize(txs.clone(), options(end, unit));
        prop_assert_eq!(fast.customers, naive(&txs, end, unit));
    }

    #[test]
    fn invariants_hold(txs in arb_transactions(), end in 0i32..60) {
        for c in summarize(txs, options(end, TimeUnit::Week)).customers {
            prop_assert!(c.recency_days <= c.age_days);
            prop_assert!(c.frequency <= c.recency_days);
            prop_assert!(c.frequency > 0 || c.recency_days == 0);
            prop_assert!(c.observation().recency <= c.observation().t);
        }
    }
}
