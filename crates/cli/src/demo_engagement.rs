//! Demo engagement: outreach by e-mail, SMS and WhatsApp, store visits and
//! appointments spread over the demo's two years (plus appointments in the
//! coming two weeks), and purchases that follow some of those contacts, so
//! the manager dashboard and attribution have something to show.

use anyhow::Result;
use clienteling_domain::appointment::Status;
use clienteling_domain::attribution::DAY_MICROS;
use clienteling_domain::ids::{ActivityId, AssociateId, CompanyId, CustomerId, StoreId};
use clienteling_domain::time_util::now_micros;
use clienteling_store::{
    AppointmentChange, Booking, NewActivity, NewAppointment, NewPurchase, Store,
};
use rand::Rng;
use rand::rngs::StdRng;
use std::collections::HashMap;

const HOUR: i64 = 3_600_000_000;
const CHANNELS: &[&str] = &["email", "email", "sms", "whatsapp"];
// The demo company is Finnish: its associates write in Finnish.
const PURPOSES: &[&str] = &[
    "Stailaustapaaminen",
    "Puvun sovitus",
    "Uuden malliston esittely",
    "Korjausten nouto",
    "Lahjaneuvonta",
];
const MESSAGES: &[&str] = &[
    "Uutuuksia, joista saatat pitää",
    "Kutsu asiakasiltaan",
    "Kiitos käynnistäsi",
    "Korjauksesi ovat valmiina",
];

/// Who can be contacted by whom: the associates of each store.
async fn staff(
    store: &dyn Store,
    company: CompanyId,
) -> Result<HashMap<StoreId, Vec<AssociateId>>> {
    let shops = store.list_stores(company).await?;
    let people = store.list_associates(company).await?;
    let mut out = HashMap::new();
    for s in shops {
        let ids: Vec<AssociateId> = people
            .iter()
            .filter(|a| a.role != "admin" && a.stores.iter().any(|c| c == s.code.as_str()))
            .map(|a| a.id)
            .collect();
        out.insert(s.id, ids);
    }
    Ok(out)
}

struct Plan {
    activities: Vec<NewActivity>,
    channels: Vec<Option<&'static str>>,
    purchases: Vec<NewPurchase>,
    appointments: Vec<(NewAppointment, bool)>,
}

fn pick<T: Copy>(rng: &mut StdRng, list: &[T]) -> T {
    list[rng.random_range(0..list.len())]
}

/// Daytime on a weekday-ish hour: 10:00..17:00 on the hour or half hour.
fn daytime(day_start: i64, rng: &mut StdRng) -> i64 {
    day_start + 10 * HOUR + rng.random_range(0..14) * HOUR / 2
}

#[allow(clippy::too_many_arguments)]
fn plan_customer(
    rng: &mut StdRng,
    (customer, shop): (CustomerId, StoreId),
    who: &[AssociateId],
    (outreach, visit, appointment): (
        clienteling_domain::ids::ActivityTypeId,
        clienteling_domain::ids::ActivityTypeId,
        clienteling_domain::ids::ActivityTypeId,
    ),
    (start, now): (i64, i64),
    plan: &mut Plan,
) {
    let contacts = rng.random_range(1..=6);
    for _ in 0..contacts {
        let associate = pick(rng, who);
        let day = start + rng.random_range(0..728) * DAY_MICROS;
        let at = daytime(day - day % DAY_MICROS, rng);
        let roll: f64 = rng.random();
        if roll < 0.15 {
            let new = NewAppointment {
                customer,
                associate,
                store: shop,
                activity_type: appointment,
                start: at,
                end: at + HOUR,
                purpose: pick(rng, PURPOSES).into(),
                remind_at: Some(at - 24 * HOUR),
                created_by: associate,
            };
            plan.appointments.push((new, rng.random_bool(0.9)));
        } else {
            let (kind, channel, text) = if roll < 0.75 {
                (outreach, Some(pick(rng, CHANNELS)), pick(rng, MESSAGES))
            } else {
                (visit, None, "Visited the store")
            };
            plan.activities.push(NewActivity {
                customer,
                associate,
                activity_type: kind,
                store: Some(shop),
                at,
                description: text.into(),
                due_at: None,
            });
            plan.channels.push(channel);
        }
        // About a third of contacts are followed by a purchase within ten days.
        let bought = at + rng.random_range(1..=10) * DAY_MICROS + rng.random_range(0..8) * HOUR;
        if rng.random_bool(0.35) && bought < now {
            let euros: f64 = 40.0 + rng.random::<f64>() * 360.0;
            plan.purchases.push(NewPurchase {
                customer,
                at: bought,
                amount_minor: (euros * 100.0).round() as i64,
                currency: "EUR".into(),
                store: Some(shop),
            });
        }
    }
}

/// Add the engagement of up to `limit` customers; returns `(activities, appointments, purchases)`.
pub async fn add_engagement(
    store: &dyn Store,
    company: CompanyId,
    customers: &[(CustomerId, StoreId)],
    rng: &mut StdRng,
) -> Result<(usize, usize, u64)> {
    let staff = staff(store, company).await?;
    let kind = |code: &'static str| async move { store.activity_type(company, code).await };
    let types = (
        kind("outreach").await?.id,
        kind("store_visit").await?.id,
        kind("appointment").await?.id,
    );
    let now = now_micros();
    let start = now - 730 * DAY_MICROS;
    let mut plan = Plan {
        activities: Vec::new(),
        channels: Vec::new(),
        purchases: Vec::new(),
        appointments: Vec::new(),
    };
    for (i, c) in customers.iter().enumerate() {
        let Some(who) = staff.get(&c.1).filter(|w| !w.is_empty()) else {
            continue;
        };
        if i % 5 < 2 {
            plan_customer(rng, *c, who, types, (start, now), &mut plan);
        }
    }
    upcoming(rng, customers, &staff, types.2, now, &mut plan);
    let ids = store.add_activities(company, &plan.activities).await?;
    let channels: Vec<(ActivityId, String)> = ids
        .iter()
        .zip(&plan.channels)
        .filter_map(|(id, c)| c.map(|c| (*id, c.to_owned())))
        .collect();
    store.set_activity_channels(company, &channels).await?;
    let booked = book_all(store, company, &plan.appointments, now).await?;
    let bought = store.add_purchases(company, &plan.purchases).await?;
    Ok((ids.len(), booked, bought))
}

/// A few appointments in the coming two weeks for the calendar.
fn upcoming(
    rng: &mut StdRng,
    customers: &[(CustomerId, StoreId)],
    staff: &HashMap<StoreId, Vec<AssociateId>>,
    appointment: clienteling_domain::ids::ActivityTypeId,
    now: i64,
    plan: &mut Plan,
) {
    for (customer, shop) in customers.iter().take(60) {
        let Some(who) = staff.get(shop).filter(|w| !w.is_empty()) else {
            continue;
        };
        let day = now - now % DAY_MICROS + rng.random_range(0..14) * DAY_MICROS;
        let at = daytime(day, rng);
        let associate = pick(rng, who);
        plan.appointments.push((
            NewAppointment {
                customer: *customer,
                associate,
                store: *shop,
                activity_type: appointment,
                start: at,
                end: at + HOUR,
                purpose: pick(rng, PURPOSES).into(),
                remind_at: Some((at - 24 * HOUR).max(now)),
                created_by: associate,
            },
            true,
        ));
    }
}

/// Book every planned appointment (skipping clashes); past ones are marked
/// held, or no-show when `came` is false.
async fn book_all(
    store: &dyn Store,
    company: CompanyId,
    planned: &[(NewAppointment, bool)],
    now: i64,
) -> Result<usize> {
    let mut n = 0;
    for (new, came) in planned {
        let Booking::Booked(a) = store.book_appointment(company, new).await? else {
            continue;
        };
        n += 1;
        if a.end <= now {
            let status = if *came { Status::Held } else { Status::NoShow };
            let change = AppointmentChange {
                status: Some(status),
                ..Default::default()
            };
            store.change_appointment(company, a.id, &change).await?;
        }
    }
    Ok(n)
}
