//! Follow-ups on the backend under test: every rule kind creates the right
//! follow-up for every book owner, reruns and concurrent runs on two pools
//! create nothing twice, and done / snooze / dismiss change what is listed.

use crate::activities::{associate, customer};
use clienteling_domain::attributes::{AttributeKind, NewAttribute, StoredValue};
use clienteling_domain::follow_up::FollowUpRule;
use clienteling_domain::ids::{AssociateId, CompanyId, CustomerId};
use clienteling_domain::settings::{BooksPerCustomer, Settings};
use clienteling_domain::time_util::{now_micros, to_micros};
use clienteling_server::follow_ups::rules::{self, RuleTable};
use clienteling_store::{
    FollowUp, FollowUpChange, FollowUpQuery, FollowUpStatusFilter, MeasureRow, NewActivity,
    NewFollowUp, NewPurchase, Store, StoreError,
};
use clienteling_tests::{fresh_database, fresh_store, seed};
use time::{Date, Duration, OffsetDateTime};

fn today() -> Date {
    OffsetDateTime::now_utc().date()
}

fn days_ago(n: i64) -> i64 {
    to_micros(OffsetDateTime::now_utc() - Duration::days(n))
}

struct World {
    company: CompanyId,
    ann: AssociateId,
    max: AssociateId,
    /// Birthday in 3 days, in ann's and max's books.
    bday: CustomerId,
    /// Bought 5 days ago.
    buyer: CustomerId,
    /// Last contact 100 days ago.
    quiet: CustomerId,
    /// Churn 0.9.
    lapsing: CustomerId,
}

async fn world(store: &dyn Store) -> World {
    let company = seed(store).await;
    let attrs = [NewAttribute {
        name: "birthday".into(),
        kind: AttributeKind::Date,
        values: vec![],
        refinable: false,
        display_order: 1,
    }];
    let g = store
        .create_attribute_group(company, "main", &attrs)
        .await
        .unwrap();
    let s = Settings {
        attribute_group: Some("main".into()),
        books_per_customer: BooksPerCustomer::Unlimited,
        ..Default::default()
    };
    store.put_settings(company, &s).await.unwrap();
    let ann = associate(store, company, "ann").await;
    let max = associate(store, company, "max").await;
    let ann_book = store.ensure_book(company, ann).await.unwrap();
    let max_book = store.ensure_book(company, max).await.unwrap();
    let mut ids = Vec::new();
    for acc in ["F1", "F2", "F3", "F4"] {
        let c = customer(store, company, acc).await;
        store.add_to_book(&ann_book, c, None, ann).await.unwrap();
        ids.push(c);
    }
    store
        .add_to_book(&max_book, ids[0], None, max)
        .await
        .unwrap();
    let bday = (today() + Duration::days(3)).replace_year(1990).unwrap();
    let v = vec![(
        g.attributes[0].id,
        Some(StoredValue::Text(bday.to_string())),
    )];
    store.set_customer_attributes(ids[0], &v).await.unwrap();
    let p = NewPurchase {
        customer: ids[1],
        at: days_ago(5),
        amount_minor: 1000,
        currency: "EUR".into(),
        store: None,
    };
    store.add_purchases(company, &[p]).await.unwrap();
    let t = store.activity_type(company, "phone_call").await.unwrap();
    let old = NewActivity {
        customer: ids[2],
        associate: ann,
        activity_type: t.id,
        store: None,
        at: days_ago(100),
        description: "called".into(),
        due_at: None,
    };
    store.add_activities(company, &[old]).await.unwrap();
    let m = MeasureRow {
        customer: ids[3],
        measure: "churn_probability".into(),
        value_num: Some(0.9),
        value_text: None,
        explanation: None,
        computed_at: now_micros(),
    };
    store.put_measures(&[m]).await.unwrap();
    let table = RuleTable {
        rules: vec![
            FollowUpRule::DateAttribute {
                attribute: "birthday".into(),
                days_ahead: 7,
            },
            FollowUpRule::ThankYou { days_after: 3 },
            FollowUpRule::StayInTouch { days: 90 },
            FollowUpRule::Lapsed { threshold: 0.5 },
        ],
    };
    store
        .put_follow_up_rules(company, &serde_json::to_value(&table).unwrap())
        .await
        .unwrap();
    World {
        company,
        ann,
        max,
        bday: ids[0],
        buyer: ids[1],
        quiet: ids[2],
        lapsing: ids[3],
    }
}

async fn listed(
    store: &dyn Store,
    w: &World,
    owner: AssociateId,
    status: FollowUpStatusFilter,
) -> Vec<FollowUp> {
    let q = FollowUpQuery {
        owners: vec![owner],
        status,
        today: Some(today()),
        limit: 100,
        ..Default::default()
    };
    store.list_follow_ups(w.company, &q).await.unwrap()
}

#[tokio::test]
async fn every_rule_kind_creates_its_follow_up_once_per_owner_and_occasion() {
    let store = fresh_store().await;
    let w = world(store.as_ref()).await;
    let counts = rules::run(store.as_ref(), w.company, today())
        .await
        .unwrap();
    assert_eq!((counts.customers, counts.created), (5, 5));
    let ann = listed(store.as_ref(), &w, w.ann, FollowUpStatusFilter::Active).await;
    let by = |c: CustomerId| ann.iter().find(|f| f.customer == c).unwrap();
    assert_eq!(by(w.bday).reason, "birthday");
    assert_eq!(by(w.bday).due, today());
    assert_eq!(by(w.buyer).reason, "thank_you");
    assert_eq!(by(w.buyer).due, today() - Duration::days(2));
    assert_eq!(by(w.quiet).rule_kind.as_deref(), Some("stay_in_touch"));
    assert_eq!(by(w.quiet).due, today() - Duration::days(10));
    assert_eq!(by(w.lapsing).reason, "lapsed");
    assert!(ann.iter().all(|f| f.source == "rule" && f.status == "open"));
    assert_eq!(ann[0].customer, w.quiet, "listed by due day");
    let max = listed(store.as_ref(), &w, w.max, FollowUpStatusFilter::Active).await;
    assert_eq!(max.len(), 1, "each book owner gets the birthday");
    assert_eq!(max[0].customer, w.bday);

    let again = rules::run(store.as_ref(), w.company, today())
        .await
        .unwrap();
    assert_eq!(
        (again.due, again.created),
        (5, 0),
        "a rerun creates nothing"
    );
    let next = today() + Duration::days(1);
    let tomorrow = rules::run(store.as_ref(), w.company, next).await.unwrap();
    let new_month = u64::from(next.month() != today().month());
    assert_eq!(tomorrow.created, new_month, "same occasions the next day");
}

#[tokio::test]
async fn any_contact_resets_stay_in_touch() {
    let store = fresh_store().await;
    let w = world(store.as_ref()).await;
    let t = store.activity_type(w.company, "email").await.unwrap();
    let now = NewActivity {
        customer: w.quiet,
        associate: w.max,
        activity_type: t.id,
        store: None,
        at: now_micros(),
        description: "mailed".into(),
        due_at: None,
    };
    store.add_activities(w.company, &[now]).await.unwrap();
    rules::run(store.as_ref(), w.company, today())
        .await
        .unwrap();
    let ann = listed(store.as_ref(), &w, w.ann, FollowUpStatusFilter::All).await;
    assert!(ann.iter().all(|f| f.customer != w.quiet));
}

#[tokio::test]
async fn two_processes_running_the_rules_at_once_create_each_follow_up_once() {
    let (store, location) = fresh_database().await;
    let w = world(store.as_ref()).await;
    let other = location.connect().await;
    let day = today();
    let (a, b) = tokio::join!(
        rules::run(store.as_ref(), w.company, day),
        rules::run(other.as_ref(), w.company, day)
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.created + b.created, 5);
    let mut all = listed(store.as_ref(), &w, w.ann, FollowUpStatusFilter::All).await;
    all.extend(listed(store.as_ref(), &w, w.max, FollowUpStatusFilter::All).await);
    assert_eq!(all.len(), 5);
    assert!(store.claim_follow_up_day(w.company, day).await.unwrap());
    assert!(!other.claim_follow_up_day(w.company, day).await.unwrap());
}

fn manual(w: &World, due: Date) -> NewFollowUp {
    NewFollowUp {
        customer: w.buyer,
        owner: w.ann,
        due,
        reason: "call back".into(),
        source: "manual".into(),
        rule_kind: None,
        occasion: None,
        created_by: Some(w.ann),
    }
}

#[tokio::test]
async fn done_snooze_and_dismiss_and_a_snoozed_one_comes_back_on_its_day() {
    let store = fresh_store().await;
    let w = world(store.as_ref()).await;
    let rows = [
        manual(&w, today()),
        manual(&w, today()),
        manual(&w, today()),
    ];
    let ids = store.add_follow_ups(w.company, &rows).await.unwrap();
    assert_eq!(ids.len(), 3, "hand-made ones have no occasion key");
    let at = now_micros();
    let done = store
        .change_follow_up(w.company, ids[0], &FollowUpChange::Done, w.ann, at)
        .await
        .unwrap();
    assert_eq!(
        (done.status.as_str(), done.closed_by),
        ("done", Some(w.ann))
    );
    let later = today() + Duration::days(4);
    let snoozed = store
        .change_follow_up(
            w.company,
            ids[1],
            &FollowUpChange::Snoozed(later),
            w.ann,
            at,
        )
        .await
        .unwrap();
    assert_eq!((snoozed.due, snoozed.first_due), (later, today()));
    store
        .change_follow_up(w.company, ids[2], &FollowUpChange::Dismissed, w.ann, at)
        .await
        .unwrap();
    let again = store
        .change_follow_up(w.company, ids[0], &FollowUpChange::Dismissed, w.ann, at)
        .await;
    assert!(matches!(again, Err(StoreError::Conflict { .. })));
    assert!(
        listed(store.as_ref(), &w, w.ann, FollowUpStatusFilter::Active)
            .await
            .is_empty()
    );
    let q = |day: Date, status| FollowUpQuery {
        owners: vec![w.ann],
        status,
        today: Some(day),
        limit: 10,
        ..Default::default()
    };
    let back = store
        .list_follow_ups(w.company, &q(later, FollowUpStatusFilter::Active))
        .await
        .unwrap();
    assert_eq!(back.len(), 1, "back on its day");
    assert_eq!(back[0].id, ids[1]);
    let waiting = store
        .list_follow_ups(w.company, &q(today(), FollowUpStatusFilter::Snoozed))
        .await
        .unwrap();
    assert_eq!(waiting.len(), 1);
    let done = store
        .list_follow_ups(w.company, &q(today(), FollowUpStatusFilter::Done))
        .await
        .unwrap();
    assert_eq!(done[0].id, ids[0]);
}

#[tokio::test]
async fn an_occasion_key_is_unique_per_company() {
    let store = fresh_store().await;
    let w = world(store.as_ref()).await;
    let mut row = manual(&w, today());
    row.occasion = Some("appointment:42".into());
    let first = store
        .add_follow_ups(w.company, &[row.clone()])
        .await
        .unwrap();
    let second = store.add_follow_ups(w.company, &[row]).await.unwrap();
    assert_eq!((first.len(), second.len()), (1, 0));
}
