//! The fast grouping of summaries (packed day keys, radix sort; packed spend
//! keys) gives exactly the generic grouping of per-customer observations,
//! falls back to it when floats and days disagree, and reports invalid data
//! the same way.

mod common;

use clienteling_insights::{
    DataError, GroupedObservations, GroupedSpend, Summaries, SummaryOptions, TimeUnit, summarize,
};
use common::sim::{self, Truth};

const TRUTH: Truth = Truth {
    r: 0.243,
    alpha: 4.414,
    a: 0.793,
    b: 2.426,
    p: 6.25,
    q: 3.74,
    v: 15.44,
};

fn summaries(n: u64, time_unit: TimeUnit) -> Summaries<u64> {
    let end = 20_000;
    let transactions = sim::transactions(TRUTH, n, 7, end, 364, 0);
    summarize(
        transactions,
        SummaryOptions {
            calibration_end: end,
            time_unit,
        },
    )
}

fn generic(s: &Summaries<u64>) -> Result<GroupedObservations, DataError> {
    GroupedObservations::new(s.customers.iter().map(|c| c.observation()))
}

#[test]
fn fast_grouping_equals_generic_grouping() {
    for unit in [TimeUnit::Week, TimeUnit::Day] {
        let s = summaries(20_000, unit);
        let Ok(fast) = GroupedObservations::from_summaries(&s) else {
            panic!("valid summaries rejected");
        };
        assert_eq!(Ok(&fast), generic(&s).as_ref());
        assert_eq!(fast.customers(), 20_000);
        assert!(fast.distinct() > 1000, "{}", fast.distinct());
    }
}

#[test]
fn fast_spend_grouping_equals_generic_grouping() {
    let mut s = summaries(20_000, TimeUnit::Week);
    // Shared values, as whole amounts would give.
    for c in s.customers.iter_mut().step_by(3) {
        c.monetary_value = c.monetary_value.round();
    }
    let generic = GroupedSpend::new(s.customers.iter().filter_map(|c| c.spend_observation()));
    let Ok(fast) = GroupedSpend::from_summaries(&s) else {
        panic!("valid summaries rejected");
    };
    assert_eq!(Ok(&fast), generic.as_ref());
    assert!(fast.distinct() < fast.customers() as usize);
}

#[test]
fn floats_that_disagree_with_days_use_the_floats() {
    let mut s = summaries(2_000, TimeUnit::Week);
    let Some(c) = s.customers.iter_mut().find(|c| c.frequency > 0) else {
        panic!("no repeat customer");
    };
    c.recency += 0.5;
    c.t += 0.5;
    let fast = GroupedObservations::from_summaries(&s);
    assert_eq!(fast, generic(&s));
    assert!(fast.is_ok());
}

#[test]
fn invalid_summaries_are_reported_with_the_customer_index() {
    let mut s = summaries(2_000, TimeUnit::Week);
    let index = 1_234;
    let c = &mut s.customers[index];
    c.recency_days = c.age_days + 7;
    c.recency = f64::from(c.recency_days) / 7.0;
    c.frequency = c.frequency.max(1);
    let fast = GroupedObservations::from_summaries(&s);
    assert_eq!(fast, generic(&s));
    assert!(matches!(
        fast,
        Err(DataError::InvalidObservation { index: 1_234, .. })
    ));
}
