//! Generated purchases (BG/NBD-like: per-customer Gamma purchase rate, Beta
//! dropout after each purchase, the rate scale calibrated to the requested
//! total) and activities.

use super::people::pick;
use super::{DAY, Person, Shop, bar, done};
use anyhow::Result;
use clienteling_domain::ids::CompanyId;
use clienteling_domain::time_util::now_micros;
use clienteling_store::{NewActivity, NewPurchase, Store};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rand_distr::{Beta, Distribution, Gamma, LogNormal};
use std::time::Instant;

const WEEK: f64 = 7.0 * DAY as f64;
/// Purchases or activities per transaction: big transactions write each
/// randomly touched index page once per batch, not once per few rows.
const SALES_BATCH: usize = 50_000;
/// Customers simulated to calibrate the purchase rate.
const SAMPLE: usize = 20_000;
/// Weeks of purchase history.
const HISTORY_WEEKS: f64 = 156.0;

/// Purchases per customer over the history for a rate `scale`: the first at
/// a uniform time, then Poisson arrivals at rate `scale * g` (weeks) until a
/// dropout after a purchase (probability `p`) or the end of the history.
fn purchase_weeks(rng: &mut StdRng, scale: f64, g: f64, p: f64, out: &mut Vec<f64>) {
    out.clear();
    let mut t = rng.random::<f64>() * HISTORY_WEEKS;
    let rate = (scale * g).max(1e-9);
    while t < HISTORY_WEEKS {
        out.push(t);
        if rng.random_bool(p.clamp(0.0, 1.0)) {
            break;
        }
        t += -rng.random::<f64>().max(1e-12).ln() / rate;
    }
}

/// The rate scale giving about `mean` purchases per customer (bisection on a
/// fixed sample, the same random numbers every time).
fn calibrate(mean: f64, rate: &Gamma<f64>, dropout: &Beta<f64>) -> f64 {
    let sample_mean = |scale: f64| {
        let mut rng = StdRng::seed_from_u64(7);
        let mut buf = Vec::new();
        let mut total = 0usize;
        for _ in 0..SAMPLE {
            let (g, p) = (rate.sample(&mut rng), dropout.sample(&mut rng));
            purchase_weeks(&mut rng, scale, g, p, &mut buf);
            total += buf.len();
        }
        total as f64 / SAMPLE as f64
    };
    let (mut lo, mut hi) = (1e-4_f64, 1e3_f64);
    for _ in 0..30 {
        let mid = (lo * hi).sqrt();
        if sample_mean(mid) < mean {
            lo = mid
        } else {
            hi = mid
        }
    }
    (lo * hi).sqrt()
}

pub(super) async fn add_purchases(
    store: &dyn Store,
    company: CompanyId,
    shops: &[Shop],
    people: &[Person],
    target: u64,
    rng: &mut StdRng,
) -> Result<()> {
    let rate = Gamma::new(0.9, 1.0).map_err(anyhow::Error::msg)?;
    let dropout = Beta::new(0.9, 10.0).map_err(anyhow::Error::msg)?;
    let spend = LogNormal::new(4.4, 0.6).map_err(anyhow::Error::msg)?;
    let scale = calibrate(target as f64 / people.len().max(1) as f64, &rate, &dropout);
    let start = now_micros() - (HISTORY_WEEKS * WEEK) as i64;
    let started = Instant::now();
    let bar = bar("purchases", target);
    let (mut batch, mut weeks, mut n) = (Vec::with_capacity(SALES_BATCH), Vec::new(), 0u64);
    for p in people {
        let (g, drop) = (rate.sample(rng), dropout.sample(rng));
        purchase_weeks(rng, scale, g, drop, &mut weeks);
        let room = target.saturating_sub(n + batch.len() as u64) as usize;
        for w in weeks.iter().take(room) {
            let euros: f64 = spend.sample(rng);
            batch.push(NewPurchase {
                customer: p.id,
                at: start + (w * WEEK) as i64,
                amount_minor: ((euros * 100.0).round() as i64).max(100),
                currency: "EUR".into(),
                store: Some(shops[p.shop].id),
            });
        }
        if batch.len() >= SALES_BATCH || n + batch.len() as u64 >= target {
            n += store.add_purchases(company, &batch).await?;
            bar.set_position(n);
            batch.clear();
        }
        if n >= target {
            break;
        }
    }
    n += store.add_purchases(company, &batch).await?;
    done(bar, "purchases", n, started);
    Ok(())
}

const NOTES: &[&str] = &[
    "Came in to look at the new season",
    "Asked about sizes; will come back",
    "Thank-you call after a purchase",
    "Sent the autumn lookbook",
    "Fitting appointment booked",
    "Picked up an alteration",
];

pub(super) async fn add_activities(
    store: &dyn Store,
    company: CompanyId,
    shops: &[Shop],
    people: &[Person],
    total: u64,
    rng: &mut StdRng,
) -> Result<()> {
    let types = store.list_activity_types(company).await?;
    let now = now_micros();
    let started = Instant::now();
    let bar = bar("activities", total);
    let (mut n, mut written) = (0u64, 0u64);
    while n < total && !people.is_empty() && !types.is_empty() {
        let size = (total - n).min(SALES_BATCH as u64) as usize;
        let mut batch = Vec::with_capacity(size);
        for _ in 0..size {
            let p = &people[rng.random_range(0..people.len())];
            let shop = &shops[p.shop];
            let Some(&(associate, _)) =
                shop.staff.get(rng.random_range(0..shop.staff.len().max(1)))
            else {
                continue;
            };
            let at = now - rng.random_range(0..730 * DAY);
            batch.push(NewActivity {
                customer: p.id,
                associate,
                activity_type: types[rng.random_range(0..types.len())].id,
                store: Some(shop.id),
                at,
                description: pick(rng, NOTES).to_owned(),
                due_at: rng.random_bool(0.1).then_some(at + 14 * DAY),
            });
        }
        written += store.add_activities(company, &batch).await?.len() as u64;
        n += size as u64;
        bar.set_position(n);
    }
    done(bar, "activities", written, started);
    Ok(())
}
