//! The storage story suite: the same stories on whichever backend this run
//! tests (SQLite by default, PostgreSQL when `TEST_DATABASE_URL` is set; the
//! test script runs both).

use clienteling_domain::customer::{CustomerFields, RawCustomer};
use clienteling_domain::ids::{AssociateId, AuditId, CompanyId};
use clienteling_domain::org::AssociatePatch;
use clienteling_domain::settings::{BooksPerCustomer, Measure, Settings};
use clienteling_domain::text::{Code, Name};
use clienteling_domain::time_util::now_micros;
use clienteling_store::{
    AuditEntry, AuditQuery, CustomerCursor, CustomerQuery, NewPurchase, NewSession, StoreError,
};
use clienteling_tests::{fresh_store, seed};

mod activities;
mod appointments;
mod books;
mod follow_ups;
mod import;
mod timeline;
mod upcoming;

fn fields(account: &str, first: &str, last: &str) -> CustomerFields {
    let raw = RawCustomer {
        account: Some(account.into()),
        first_name: Some(first.into()),
        last_name: Some(last.into()),
        email: Some(format!("{account}@example.com")),
        ..Default::default()
    };
    CustomerFields::parse(&raw, true).unwrap()
}

#[test]
fn both_backends_have_the_same_migrations() {
    let lite = clienteling_store_sqlite::SqliteStore::migration_names();
    let pg = clienteling_store_postgres::PostgresStore::migration_names();
    assert!(!lite.is_empty());
    assert_eq!(lite, pg);
    let names = |dir: &str| {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let root = env!("CARGO_MANIFEST_DIR");
    assert_eq!(
        names(&format!("{root}/../crates/store-sqlite/migrations")),
        names(&format!("{root}/../crates/store-postgres/migrations"))
    );
}

#[tokio::test]
async fn a_new_company_has_seeded_roles_and_default_settings_and_codes_are_unique() {
    let store = fresh_store().await;
    let c = store
        .create_company(&Code::parse("x").unwrap(), &Name::parse("X").unwrap())
        .await
        .unwrap();
    let roles: Vec<String> = store
        .list_roles(c.id)
        .await
        .unwrap()
        .iter()
        .map(|r| r.name.to_string())
        .collect();
    assert_eq!(roles, ["admin", "associate", "manager"]);
    assert_eq!(store.settings(c.id).await.unwrap(), Settings::default());
    let again = store
        .create_company(&Code::parse("x").unwrap(), &Name::parse("Y").unwrap())
        .await;
    assert!(
        matches!(again, Err(StoreError::Conflict { constraint }) if constraint == "companies_code_key")
    );
    assert!(matches!(
        store.company_by_code("nope").await,
        Err(StoreError::NotFound)
    ));
}

#[tokio::test]
async fn settings_round_trip_including_the_number_sequence() {
    let store = fresh_store().await;
    let company = seed(store.as_ref()).await;
    let mut s = Settings {
        clienteling_enabled: false,
        card_measures: vec![Measure::PAlive, Measure::RfmSegment],
        books_per_customer: BooksPerCustomer::Unlimited,
        ..Default::default()
    };
    s.client_book_number_sequence.prefix = "BK".into();
    s.client_book_number_sequence.next = 42;
    store.put_settings(company, &s).await.unwrap();
    assert_eq!(store.settings(company).await.unwrap(), s);
    assert!(matches!(
        store.put_settings(CompanyId::new(), &s).await,
        Err(StoreError::NotFound)
    ));
}

#[tokio::test]
async fn associates_get_stores_and_books_and_usernames_are_unique() {
    let store = fresh_store().await;
    let company = seed(store.as_ref()).await;
    let all = store.list_associates(company).await.unwrap();
    let max = all.iter().find(|a| a.username.as_str() == "max").unwrap();
    assert_eq!(max.stores, ["helsinki", "tampere"]);
    assert_eq!(max.address_books, ["hel", "tre"]);
    assert_eq!(max.role, "manager");
    let stores = store.list_stores(company).await.unwrap();
    let vilnius = stores
        .iter()
        .find(|s| s.code.as_str() == "vilnius")
        .unwrap();
    let patch = AssociatePatch {
        stores: Some(vec![vilnius.id]),
        active: Some(false),
        ..Default::default()
    };
    let changed = store
        .update_associate(company, max.id, &patch)
        .await
        .unwrap();
    assert_eq!(changed.stores, ["vilnius"]);
    assert!(!changed.active);
    assert_eq!(changed.address_books, ["hel", "tre"], "untouched sets stay");
    let missing = store
        .update_associate(company, AssociateId::new(), &patch)
        .await;
    assert!(matches!(missing, Err(StoreError::NotFound)));
    let other = store
        .create_company(&Code::parse("other").unwrap(), &Name::parse("O").unwrap())
        .await
        .unwrap();
    assert!(
        matches!(
            store.associate(other.id, max.id).await,
            Err(StoreError::NotFound)
        ),
        "no crossing companies"
    );
}

#[tokio::test]
async fn customers_are_created_read_updated_and_accounts_are_unique() {
    let store = fresh_store().await;
    let company = seed(store.as_ref()).await;
    let books = store.list_address_books(company).await.unwrap();
    let c = store
        .create_customer(company, &fields("A1", "Aino", "Virtanen"), &[books[0].id])
        .await
        .unwrap();
    assert_eq!(c.account.as_str(), "A1");
    assert_eq!(c.address_books, [books[0].code.to_string()]);
    let dup = store
        .create_customer(company, &fields("A1", "B", "C"), &[])
        .await;
    assert!(
        matches!(dup, Err(StoreError::Conflict { constraint }) if constraint == "customers_account_key")
    );
    let change = CustomerFields::parse(
        &RawCustomer {
            email: Some(String::new()),
            city: Some("Turku".into()),
            consent: Some(true),
            ..Default::default()
        },
        false,
    )
    .unwrap();
    let u = store
        .update_customer(company, "A1", &change, Some(&[]))
        .await
        .unwrap();
    assert_eq!(u.email, None);
    assert_eq!(u.address.city.as_deref(), Some("Turku"));
    assert!(u.consent.given && u.consent.at.is_some());
    assert!(u.address_books.is_empty());
    assert_eq!(u.first_name, "Aino", "untouched fields stay");
    assert!(matches!(
        store.customer_by_account(company, "nope").await,
        Err(StoreError::NotFound)
    ));
}

#[tokio::test]
async fn search_pages_in_a_stable_order_even_with_equal_names() {
    let store = fresh_store().await;
    let company = seed(store.as_ref()).await;
    for i in 0..7 {
        store
            .create_customer(company, &fields(&format!("S{i}"), "Same", "Name"), &[])
            .await
            .unwrap();
    }
    store
        .create_customer(company, &fields("Z0", "Aaro", "Aalto"), &[])
        .await
        .unwrap();
    let mut seen = Vec::new();
    let mut after: Option<CustomerCursor> = None;
    loop {
        let q = CustomerQuery {
            limit: 3,
            after: after.clone(),
            ..Default::default()
        };
        let page = store.search_customers(company, &q).await.unwrap();
        if page.is_empty() {
            break;
        }
        let last = page.last().unwrap();
        after = Some(CustomerCursor {
            l: last.last_name.clone(),
            f: last.first_name.clone(),
            a: last.account.to_string(),
        });
        seen.extend(page.into_iter().map(|c| c.account.to_string()));
    }
    assert_eq!(seen, ["Z0", "S0", "S1", "S2", "S3", "S4", "S5", "S6"]);
}

#[tokio::test]
async fn search_is_scoped_by_address_books_and_matches_text_literally() {
    let store = fresh_store().await;
    let company = seed(store.as_ref()).await;
    let books = store.list_address_books(company).await.unwrap();
    let (hel, tre) = (
        books.iter().find(|b| b.code.as_str() == "hel").unwrap().id,
        books.iter().find(|b| b.code.as_str() == "tre").unwrap().id,
    );
    store
        .create_customer(company, &fields("H1", "Helmi", "Korhonen"), &[hel])
        .await
        .unwrap();
    store
        .create_customer(company, &fields("T1", "Tuomas", "Korhonen"), &[tre])
        .await
        .unwrap();
    store
        .create_customer(company, &fields("B1", "Both", "Per_cent"), &[hel, tre])
        .await
        .unwrap();
    let accounts = |v: Vec<clienteling_domain::customer::Customer>| {
        v.into_iter()
            .map(|c| c.account.to_string())
            .collect::<Vec<_>>()
    };
    let scoped = CustomerQuery {
        scope: Some(vec![hel]),
        limit: 10,
        ..Default::default()
    };
    assert_eq!(
        accounts(store.search_customers(company, &scoped).await.unwrap()),
        ["H1", "B1"]
    );
    let none = CustomerQuery {
        scope: Some(vec![]),
        limit: 10,
        ..Default::default()
    };
    assert!(
        store
            .search_customers(company, &none)
            .await
            .unwrap()
            .is_empty()
    );
    let text = CustomerQuery {
        q: Some("KORHO".into()),
        limit: 10,
        ..Default::default()
    };
    assert_eq!(
        accounts(store.search_customers(company, &text).await.unwrap()),
        ["H1", "T1"]
    );
    let literal = CustomerQuery {
        q: Some("r_c".into()),
        limit: 10,
        ..Default::default()
    };
    assert_eq!(
        accounts(store.search_customers(company, &literal).await.unwrap()),
        ["B1"]
    );
    let wildcard = CustomerQuery {
        q: Some("%".into()),
        limit: 10,
        ..Default::default()
    };
    assert!(
        store
            .search_customers(company, &wildcard)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(store.count_customers(company).await.unwrap(), 3);
}

#[tokio::test]
async fn sessions_resolve_until_they_expire_or_the_associate_is_disabled() {
    let store = fresh_store().await;
    let company = seed(store.as_ref()).await;
    let ann = store
        .list_associates(company)
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.username.as_str() == "ann")
        .unwrap();
    let stores = store.list_stores(company).await.unwrap();
    let now = now_micros();
    let s = NewSession {
        token_hash: "h1".into(),
        associate: ann.id,
        company,
        store: Some(stores[0].id),
        csrf_token: "c".into(),
        created_at: now,
        expires_at: now + 60_000_000,
    };
    store.create_session(&s).await.unwrap();
    let p = store.principal("h1", now).await.unwrap();
    assert_eq!(p.username, "ann");
    assert_eq!(p.store_address_books.len(), 1);
    assert!(matches!(
        store.principal("h1", now + 61_000_000).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(store.purge_sessions(now + 61_000_000).await.unwrap(), 1);
    store.create_session(&s).await.unwrap();
    store
        .update_associate(
            company,
            ann.id,
            &AssociatePatch {
                active: Some(false),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(matches!(
        store.principal("h1", now).await,
        Err(StoreError::NotFound)
    ));
    store.delete_session("h1").await.unwrap();
}

#[tokio::test]
async fn the_audit_log_filters_and_pages_newest_first() {
    let store = fresh_store().await;
    let company = seed(store.as_ref()).await;
    let who = AssociateId::new();
    for i in 0..5 {
        let e = AuditEntry {
            id: AuditId::new(),
            company,
            at: now_micros(),
            associate: Some(who),
            action: format!("a{i}"),
            outcome: "ok".into(),
            customer: (i % 2 == 0).then(|| "C1".to_owned()),
            target: None,
            request_id: None,
            detail: serde_json::json!({ "i": i }),
        };
        store.append_audit(&e).await.unwrap();
    }
    let all = store
        .list_audit(
            company,
            &AuditQuery {
                limit: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let actions: Vec<_> = all.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["a4", "a3", "a2", "a1", "a0"]);
    let about = AuditQuery {
        customer: Some("C1".into()),
        limit: 2,
        ..Default::default()
    };
    let first = store.list_audit(company, &about).await.unwrap();
    assert_eq!(first.len(), 2);
    let next = AuditQuery {
        before: Some(first[1].id),
        ..about
    };
    let rest = store.list_audit(company, &next).await.unwrap();
    assert_eq!(
        rest.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
        ["a0"]
    );
    assert_eq!(rest[0].detail, serde_json::json!({ "i": 0 }));
}

#[tokio::test]
async fn purchases_are_stored_in_batches_and_paged_newest_first() {
    let store = fresh_store().await;
    let company = seed(store.as_ref()).await;
    let c = store
        .create_customer(company, &fields("P1", "Pia", "Buyer"), &[])
        .await
        .unwrap();
    let batch: Vec<NewPurchase> = (0..1200)
        .map(|i| NewPurchase {
            customer: c.id,
            at: 1_000_000 * (i % 600),
            amount_minor: 100 + i,
            currency: "EUR".into(),
            store: None,
        })
        .collect();
    assert_eq!(store.add_purchases(company, &batch).await.unwrap(), 1200);
    let mut total = 0;
    let mut before = None;
    let mut last_at = i64::MAX;
    loop {
        let page = store
            .purchases_of(company, c.id, before, 250)
            .await
            .unwrap();
        if page.is_empty() {
            break;
        }
        assert!(page.iter().all(|p| p.at <= last_at));
        last_at = page.last().unwrap().at;
        before = page.last().map(|p| (p.at, p.id));
        total += page.len();
    }
    assert_eq!(total, 1200, "ties on time never lose or repeat a row");
}
