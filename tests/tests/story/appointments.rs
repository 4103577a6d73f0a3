//! Appointments (no double booking, also under concurrent bookings),
//! attribution storage and recompute on rule change, and KPIs (a store's
//! equal the sum over its associates), on the backend under test.

use super::activities::{activity, associate, customer};
use clienteling_domain::appointment::Status;
use clienteling_domain::attribution::{DAY_MICROS, Rules, Split};
use clienteling_domain::ids::{ActivityTypeId, AssociateId, CompanyId, CustomerId, StoreId};
use clienteling_server::kpis::{self, GroupBy};
use clienteling_server::{AppState, Config};
use clienteling_store::{
    AppointmentChange, AppointmentQuery, Booking, NewAppointment, NewPurchase, Principal, Store,
};
use clienteling_tests::{fresh_store, seed};
use std::sync::Arc;

const HOUR: i64 = 3_600_000_000;
/// 2026-05-01T00:00:00Z.
const T0: i64 = 1_777_593_600_000_000;

async fn shop(store: &dyn Store, company: CompanyId, code: &str) -> StoreId {
    let all = store.list_stores(company).await.unwrap();
    all.into_iter()
        .find(|s| s.code.as_str() == code)
        .unwrap()
        .id
}

async fn kind(store: &dyn Store, company: CompanyId, code: &str) -> ActivityTypeId {
    store.activity_type(company, code).await.unwrap().id
}

async fn slot(
    store: &dyn Store,
    company: CompanyId,
    (c, who): (CustomerId, AssociateId),
    start: i64,
    len: i64,
) -> NewAppointment {
    NewAppointment {
        customer: c,
        associate: who,
        store: shop(store, company, "helsinki").await,
        activity_type: kind(store, company, "appointment").await,
        start,
        end: start + len,
        purpose: "Fitting".into(),
        remind_at: Some(start - 24 * HOUR),
        created_by: who,
    }
}

#[tokio::test]
async fn an_associate_cannot_be_double_booked_but_touching_and_cancelled_slots_are_fine() {
    let store = fresh_store().await;
    let company = seed(store.as_ref()).await;
    let ann = associate(store.as_ref(), company, "ann").await;
    let c = customer(store.as_ref(), company, "AP1").await;
    let first = slot(store.as_ref(), company, (c, ann), T0 + 10 * HOUR, HOUR).await;
    let Booking::Booked(a) = store.book_appointment(company, &first).await.unwrap() else {
        panic!("first booking clashed");
    };
    assert_eq!(a.status, Status::Booked);
    let overlap = slot(
        store.as_ref(),
        company,
        (c, ann),
        T0 + 10 * HOUR + HOUR / 2,
        HOUR,
    )
    .await;
    match store.book_appointment(company, &overlap).await.unwrap() {
        Booking::Clash(other) => assert_eq!(other.id, a.id),
        Booking::Booked(_) => panic!("double booked"),
    }
    let touching = slot(store.as_ref(), company, (c, ann), T0 + 11 * HOUR, HOUR).await;
    assert!(matches!(
        store.book_appointment(company, &touching).await.unwrap(),
        Booking::Booked(_)
    ));
    let max = associate(store.as_ref(), company, "max").await;
    let other = slot(store.as_ref(), company, (c, max), T0 + 10 * HOUR, HOUR).await;
    assert!(
        matches!(
            store.book_appointment(company, &other).await.unwrap(),
            Booking::Booked(_)
        ),
        "another associate is free"
    );
    let cancel = AppointmentChange {
        status: Some(Status::Cancelled),
        ..Default::default()
    };
    store
        .change_appointment(company, a.id, &cancel)
        .await
        .unwrap();
    let freed = slot(store.as_ref(), company, (c, ann), T0 + 10 * HOUR, HOUR / 2).await;
    assert!(
        matches!(
            store.book_appointment(company, &freed).await.unwrap(),
            Booking::Booked(_)
        ),
        "a cancelled slot is free"
    );
    let back = AppointmentChange {
        status: Some(Status::Booked),
        ..Default::default()
    };
    assert!(
        matches!(
            store
                .change_appointment(company, a.id, &back)
                .await
                .unwrap(),
            Booking::Clash(_)
        ),
        "re-booking a taken slot clashes"
    );
    let q = AppointmentQuery {
        associate: Some(ann),
        from: Some(T0),
        to: Some(T0 + DAY_MICROS),
        limit: 10,
        ..Default::default()
    };
    let listed = store.list_appointments(company, &q).await.unwrap();
    assert_eq!(listed.len(), 3);
    assert!(listed.windows(2).all(|w| w[0].start <= w[1].start));
}

#[tokio::test]
async fn of_concurrent_overlapping_bookings_exactly_one_wins() {
    let store = fresh_store().await;
    let company = seed(store.as_ref()).await;
    let ann = associate(store.as_ref(), company, "ann").await;
    let c = customer(store.as_ref(), company, "AP2").await;
    let mut tasks = Vec::new();
    for i in 0..8 {
        let store = Arc::clone(&store);
        let new = slot(store.as_ref(), company, (c, ann), T0 + i * HOUR / 8, HOUR).await;
        tasks.push(tokio::spawn(async move {
            store.book_appointment(company, &new).await.unwrap()
        }));
    }
    let mut booked = 0;
    for t in tasks {
        if matches!(t.await.unwrap(), Booking::Booked(_)) {
            booked += 1;
        }
    }
    assert_eq!(booked, 1);
    let q = AppointmentQuery {
        associate: Some(ann),
        limit: 100,
        ..Default::default()
    };
    assert_eq!(store.list_appointments(company, &q).await.unwrap().len(), 1);
}

#[tokio::test]
async fn an_appointment_is_on_the_timeline_and_deleting_it_removes_the_entry() {
    let store = fresh_store().await;
    let company = seed(store.as_ref()).await;
    let ann = associate(store.as_ref(), company, "ann").await;
    let c = customer(store.as_ref(), company, "AP3").await;
    let new = slot(store.as_ref(), company, (c, ann), T0, HOUR).await;
    let Booking::Booked(a) = store.book_appointment(company, &new).await.unwrap() else {
        panic!()
    };
    let entry = store.activity(company, a.activity).await.unwrap();
    assert_eq!(entry.type_code, "appointment");
    assert_eq!(entry.at, T0);
    assert_eq!(
        entry.due_at,
        Some(T0 - 24 * HOUR),
        "the reminder is due a day before"
    );
    store.delete_appointment(company, a.id).await.unwrap();
    assert!(store.activity(company, a.activity).await.is_err());
}

fn state(store: &Arc<dyn Store>) -> AppState {
    AppState::new(Arc::clone(store), Config::default())
}

async fn principal(store: &dyn Store, company: CompanyId, user: &str) -> Principal {
    let a = store.list_associates(company).await.unwrap();
    let a = a.into_iter().find(|a| a.username.as_str() == user).unwrap();
    let roles = store.list_roles(company).await.unwrap();
    let role = roles
        .into_iter()
        .find(|r| r.name.as_str() == a.role)
        .unwrap();
    Principal {
        associate: a.id,
        username: user.into(),
        display_name: a.display_name.as_str().into(),
        company,
        company_code: "acme".into(),
        role: a.role.clone(),
        permissions: role.permissions.clone(),
        store: None,
        store_code: None,
        store_address_books: vec![],
        csrf_token: String::new(),
        locale: None,
        clienteling_enabled: true,
        company_language: None,
        time_zone: None,
    }
}

async fn buy(store: &dyn Store, company: CompanyId, c: CustomerId, at: i64, amount: i64) {
    let p = NewPurchase {
        customer: c,
        at,
        amount_minor: amount,
        currency: "EUR".into(),
        store: None,
    };
    store.add_purchases(company, &[p]).await.unwrap();
}

#[tokio::test]
async fn attribution_is_stored_once_per_rule_set_and_recomputed_when_rules_change() {
    let store = fresh_store().await;
    let company = seed(store.as_ref()).await;
    let (ann, max) = (
        associate(store.as_ref(), company, "ann").await,
        associate(store.as_ref(), company, "max").await,
    );
    let c = customer(store.as_ref(), company, "AT1").await;
    let outreach = kind(store.as_ref(), company, "outreach").await;
    let ids = store
        .add_activities(
            company,
            &[
                activity(c, ann, outreach, T0),
                activity(c, max, outreach, T0 + DAY_MICROS),
            ],
        )
        .await
        .unwrap();
    store
        .set_activity_channels(company, &[(ids[0], "sms".into()), (ids[1], "sms".into())])
        .await
        .unwrap();
    buy(store.as_ref(), company, c, T0 + 3 * DAY_MICROS, 1001).await;
    buy(store.as_ref(), company, c, T0 - DAY_MICROS, 500).await; // before any contact
    let st = state(&store);
    let ada = principal(store.as_ref(), company, "ada").await;
    assert_eq!(
        clienteling_server::attribution::refresh(&st, company)
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        clienteling_server::attribution::refresh(&st, company)
            .await
            .unwrap(),
        0,
        "computed once"
    );
    let all = |v| clienteling_store::AttributionQuery {
        version: v,
        limit: 100,
        ..Default::default()
    };
    let rows = store.attributions(company, &all(0)).await.unwrap();
    assert_eq!(
        rows.len(),
        1,
        "the purchase before any contact stays unattributed"
    );
    assert_eq!(
        (rows[0].associate, rows[0].amount_minor),
        (max, 1001),
        "last contact wins"
    );
    let equal = Rules {
        split: Split::Equal,
        ..Rules::default()
    };
    let saved = clienteling_server::attribution::put_rules(&st, &ada, &equal)
        .await
        .unwrap();
    assert_eq!(saved.version, 1);
    let rows = store.attributions(company, &all(1)).await.unwrap();
    let mut shares: Vec<i64> = rows.iter().map(|r| r.amount_minor).collect();
    shares.sort_unstable();
    assert_eq!(shares, vec![500, 501], "split exactly in minor units");
    assert!(
        store
            .attributions(company, &all(0))
            .await
            .unwrap()
            .is_empty(),
        "old results dropped"
    );
    let sms = rows.iter().find(|r| r.associate == ann).unwrap();
    assert_eq!(
        sms.contact_kind,
        clienteling_domain::attribution::ContactKind::OutreachSms
    );
}

#[tokio::test]
async fn kpis_of_a_store_equal_the_sum_over_its_associates() {
    let store = fresh_store().await;
    let company = seed(store.as_ref()).await;
    let (ann, max, vic) = (
        associate(store.as_ref(), company, "ann").await,
        associate(store.as_ref(), company, "max").await,
        associate(store.as_ref(), company, "vic").await,
    );
    let outreach = kind(store.as_ref(), company, "outreach").await;
    let visit = kind(store.as_ref(), company, "store_visit").await;
    let mut rows = Vec::new();
    for (i, who) in [ann, max, vic, ann, max].into_iter().enumerate() {
        let c = customer(store.as_ref(), company, &format!("K{i}")).await;
        let at = T0 + i as i64 * DAY_MICROS;
        rows.push(activity(
            c,
            who,
            if i % 2 == 0 { outreach } else { visit },
            at,
        ));
        buy(
            store.as_ref(),
            company,
            c,
            at + 2 * DAY_MICROS,
            1000 + i as i64,
        )
        .await;
    }
    let ids = store.add_activities(company, &rows).await.unwrap();
    store
        .set_activity_channels(company, &[(ids[0], "whatsapp".into())])
        .await
        .unwrap();
    let c = customer(store.as_ref(), company, "K9").await;
    let booked = slot(store.as_ref(), company, (c, ann), T0 + HOUR, HOUR).await;
    store.book_appointment(company, &booked).await.unwrap();
    let st = state(&store);
    let ada = principal(store.as_ref(), company, "ada").await;
    let period = (T0, T0 + 30 * DAY_MICROS);
    let by_a = kpis::report(&st, &ada, period, GroupBy::Associate)
        .await
        .unwrap();
    let by_s = kpis::report(&st, &ada, period, GroupBy::Store)
        .await
        .unwrap();
    let stores = store.list_associates(company).await.unwrap();
    for s in &by_s.rows {
        let mut sum = kpis::Kpis::default();
        let members: Vec<String> = stores
            .iter()
            .filter(|a| a.stores.contains(&s.key))
            .map(|a| a.id.to_string())
            .collect();
        for r in by_a.rows.iter().filter(|r| members.contains(&r.key)) {
            sum.outreach_email += r.current.outreach_email;
            sum.outreach_whatsapp += r.current.outreach_whatsapp;
            sum.attributed_orders += r.current.attributed_orders;
            sum.attributed_sales_minor += r.current.attributed_sales_minor;
            sum.appointments_held += r.current.appointments_held;
            sum.contacted_customers += r.current.contacted_customers;
            sum.converted_customers += r.current.converted_customers;
        }
        let k = &s.current;
        assert_eq!(
            (
                k.outreach_email,
                k.outreach_whatsapp,
                k.attributed_orders,
                k.attributed_sales_minor,
                k.appointments_held,
                k.contacted_customers,
                k.converted_customers
            ),
            (
                sum.outreach_email,
                sum.outreach_whatsapp,
                sum.attributed_orders,
                sum.attributed_sales_minor,
                sum.appointments_held,
                sum.contacted_customers,
                sum.converted_customers
            ),
            "store {}",
            s.key
        );
    }
    let hel = by_s.rows.iter().find(|r| r.key == "helsinki").unwrap();
    assert_eq!(
        hel.current.attributed_orders, 4,
        "ann and max: customers 0, 1, 3, 4"
    );
    assert_eq!(
        hel.current.attributed_sales_minor,
        1000 + 1001 + 1003 + 1004
    );
    assert_eq!(hel.current.outreach_whatsapp, 1);
    assert_eq!(
        hel.current.appointments_held, 1,
        "a past booked appointment counts as held"
    );
    assert_eq!(hel.current.avg_days_to_convert, Some(2.0));
    assert_eq!(by_a.total.current.attributed_orders, 5);
    assert_eq!(by_a.total.previous.attributed_orders, 0);
}
