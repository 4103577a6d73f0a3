//! The bulk paths of import and export (`BulkStore`) on the backend under
//! test: idempotent upserts by natural key with exact counts, rejects,
//! erased customers left alone, legacy rows matched by id, keyset exports.

use crate::activities::{associate, customer};
use clienteling_domain::attributes::{AttributeKind, NewAttribute, StoredValue};
use clienteling_domain::ids::CompanyId;
use clienteling_store::{
    BulkActivity, BulkAttributes, BulkCustomer, BulkMember, BulkOutcome, BulkPurchase,
    CustomerColumn as Col, NewPurchase, Store,
};
use clienteling_tests::{fresh_store, seed};

const ALL: &[Col] = &[
    Col::FirstName,
    Col::LastName,
    Col::Email,
    Col::City,
    Col::Consent,
    Col::AddressBooks,
];

fn person(account: &str, email: &str, books: &[&str]) -> BulkCustomer {
    BulkCustomer {
        account: account.into(),
        first_name: "Ilona".into(),
        last_name: "Bulk".into(),
        email: Some(email.into()),
        city: Some("Oulu".into()),
        consent: true,
        address_books: books.iter().map(|b| b.to_string()).collect(),
        ..Default::default()
    }
}

fn counts(o: &BulkOutcome) -> (u64, u64, u64, usize) {
    (o.inserted, o.updated, o.unchanged, o.rejected.len())
}

fn purchase(key: &str, account: &str, amount: i64) -> BulkPurchase {
    BulkPurchase {
        key: key.into(),
        account: account.into(),
        at: 1_700_000_000_000_000,
        amount_minor: amount,
        currency: "EUR".into(),
        store: None,
    }
}

async fn stored_purchases(store: &dyn Store, company: CompanyId) -> Vec<(String, i64)> {
    let mut v: Vec<_> = store
        .export_purchases(company, None, 100_000)
        .await
        .unwrap()
        .into_iter()
        .map(|p| (p.key, p.amount_minor))
        .collect();
    v.sort();
    v
}

#[tokio::test]
async fn customers_are_upserted_by_account_and_a_rerun_changes_nothing() {
    let store = fresh_store().await;
    let company = seed(store.as_ref()).await;
    let rows = vec![
        person("B1", "b1@example.com", &["hel"]),
        person("B2", "b2@example.com", &["hel", "tre"]),
        person("B3", "b3@example.com", &[]),
    ];
    let first = store.upsert_customers(company, ALL, &rows).await.unwrap();
    assert_eq!(counts(&first), (3, 0, 0, 0));
    let again = store.upsert_customers(company, ALL, &rows).await.unwrap();
    assert_eq!(counts(&again), (0, 0, 3, 0), "a re-run is idempotent");
    let b2 = store.customer_by_account(company, "B2").await.unwrap();
    assert_eq!(b2.address_books, ["hel", "tre"]);
    assert!(b2.consent.given && b2.consent.at.is_some());
    let only_email = vec![BulkCustomer {
        first_name: String::new(),
        ..person("B2", "new@example.com", &[])
    }];
    let changed = store
        .upsert_customers(company, &[Col::Email], &only_email)
        .await
        .unwrap();
    assert_eq!(counts(&changed), (0, 1, 0, 0));
    let b2 = store.customer_by_account(company, "B2").await.unwrap();
    assert_eq!(b2.email.as_deref(), Some("new@example.com"));
    assert_eq!(b2.first_name, "Ilona", "columns not in the batch stay");
    assert_eq!(b2.address_books, ["hel", "tre"]);
    let found = store
        .search_customers(
            company,
            &clienteling_store::CustomerQuery {
                q: Some("new@example".into()),
                limit: 5,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(found.len(), 1, "search text follows the change");
}

#[tokio::test]
async fn customer_rows_are_rejected_for_unknown_books_missing_names_and_erasure() {
    let store = fresh_store().await;
    let company = seed(store.as_ref()).await;
    let rows = vec![
        person("R1", "r1@example.com", &["nope"]),
        person("R2", "r2@example.com", &["vno"]),
        person("R2", "r2-later@example.com", &["vno"]),
    ];
    let out = store.upsert_customers(company, ALL, &rows).await.unwrap();
    assert_eq!(counts(&out), (1, 0, 1, 1), "the later duplicate wins");
    assert_eq!(out.rejected[0].0, 0);
    assert!(out.rejected[0].1.contains("nope"), "{:?}", out.rejected);
    let r2 = store.customer_by_account(company, "R2").await.unwrap();
    assert_eq!(r2.email.as_deref(), Some("r2-later@example.com"));
    let nameless = store
        .upsert_customers(
            company,
            &[Col::Email],
            &[person("R3", "r3@example.com", &[])],
        )
        .await
        .unwrap();
    assert_eq!(counts(&nameless), (0, 0, 0, 1));
    assert!(nameless.rejected[0].1.contains("first_name"));
    store.erase_customer(company, r2.id).await.unwrap();
    let back = store
        .upsert_customers(company, ALL, &[person("R2", "r2@example.com", &["vno"])])
        .await
        .unwrap();
    assert_eq!(
        counts(&back),
        (0, 0, 0, 1),
        "erased data is not re-imported"
    );
    assert!(store.find_text("r2@example.com").await.unwrap().is_empty());
}

#[tokio::test]
async fn purchases_are_upserted_by_external_id_in_large_batches() {
    let store = fresh_store().await;
    let company = seed(store.as_ref()).await;
    customer(store.as_ref(), company, "P1").await;
    let rows: Vec<_> = (0..4000)
        .map(|i| purchase(&format!("k{i:05}"), "P1", 100 + i))
        .collect();
    let first = store.upsert_purchases(company, &rows).await.unwrap();
    assert_eq!(counts(&first), (4000, 0, 0, 0));
    let mut again = rows.clone();
    again[7].amount_minor = 1;
    again.push(purchase("k-unknown", "NOBODY", 5));
    let second = store.upsert_purchases(company, &again).await.unwrap();
    assert_eq!(counts(&second), (0, 1, 3999, 1));
    assert_eq!(
        second.rejected[0],
        (4000, "unknown customer account NOBODY".into())
    );
    let stored = stored_purchases(store.as_ref(), company).await;
    assert_eq!(stored.len(), 4000);
    assert_eq!(stored[7], ("k00007".into(), 1));
}

#[tokio::test]
async fn a_key_equal_to_the_id_of_a_purchase_without_one_matches_it() {
    let store = fresh_store().await;
    let company = seed(store.as_ref()).await;
    let c = customer(store.as_ref(), company, "L1").await;
    let legacy = NewPurchase {
        customer: c,
        at: 1_700_000_000_000_000,
        amount_minor: 990,
        currency: "EUR".into(),
        store: None,
    };
    store.add_purchases(company, &[legacy]).await.unwrap();
    let exported = store.export_purchases(company, None, 10).await.unwrap();
    let key = exported[0].key.clone();
    assert_eq!(key, exported[0].id.hyphenated().to_string());
    let same = store
        .upsert_purchases(company, &[purchase(&key, "L1", 990)])
        .await
        .unwrap();
    assert_eq!(
        counts(&same),
        (0, 0, 1, 0),
        "export then import changes nothing"
    );
    let changed = store
        .upsert_purchases(company, &[purchase(&key.to_uppercase(), "L1", 995)])
        .await
        .unwrap();
    assert_eq!(counts(&changed), (0, 1, 0, 0));
    assert_eq!(stored_purchases(store.as_ref(), company).await.len(), 1);
}

#[tokio::test]
async fn activities_are_upserted_by_key_and_refused_for_erased_customers() {
    let store = fresh_store().await;
    let company = seed(store.as_ref()).await;
    customer(store.as_ref(), company, "A1").await;
    let gone = customer(store.as_ref(), company, "A2").await;
    store.erase_customer(company, gone).await.unwrap();
    let ann = associate(store.as_ref(), company, "ann").await;
    let visit = store
        .activity_type(company, "store_visit")
        .await
        .unwrap()
        .id;
    let row = |key: &str, account: &str, text: &str| BulkActivity {
        key: key.into(),
        account: account.into(),
        associate: ann,
        activity_type: visit,
        store: None,
        at: 1_700_000_000_000_000,
        description: text.into(),
        due_at: None,
    };
    let rows = vec![row("x1", "A1", "Tried boots"), row("x2", "A2", "Secret")];
    let first = store.upsert_activities(company, &rows).await.unwrap();
    assert_eq!(counts(&first), (1, 0, 0, 1));
    assert!(first.rejected[0].1.contains("erased"));
    let edited = vec![row("x1", "A1", "Tried boots, size 38")];
    let second = store.upsert_activities(company, &edited).await.unwrap();
    assert_eq!(counts(&second), (0, 1, 0, 0));
    let all = store.export_activities(company, None, 10).await.unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].description, "Tried boots, size 38");
    assert_eq!(
        (all[0].associate.as_str(), all[0].type_code.as_str()),
        ("ann", "store_visit")
    );
}

#[tokio::test]
async fn attribute_values_are_set_changed_and_cleared_with_counts() {
    let store = fresh_store().await;
    let company = seed(store.as_ref()).await;
    let c = customer(store.as_ref(), company, "T1").await;
    customer(store.as_ref(), company, "T2").await;
    let attr = |name: &str, kind| NewAttribute {
        name: name.into(),
        kind,
        values: Vec::new(),
        refinable: false,
        display_order: 1,
    };
    let g = store
        .create_attribute_group(
            company,
            "g",
            &[
                attr("size", AttributeKind::Number),
                attr("note", AttributeKind::Text),
            ],
        )
        .await
        .unwrap();
    let (size, note) = (g.attributes[0].id, g.attributes[1].id);
    let text = |s: &str| Some(StoredValue::Text(s.into()));
    let rows = vec![
        BulkAttributes {
            account: "T1".into(),
            values: vec![(size, Some(StoredValue::Number(38.0))), (note, text("hi"))],
        },
        BulkAttributes {
            account: "T2".into(),
            values: vec![(size, None)],
        },
    ];
    let first = store.upsert_attributes(company, &rows).await.unwrap();
    assert_eq!(counts(&first), (1, 0, 1, 0));
    assert_eq!(
        counts(&store.upsert_attributes(company, &rows).await.unwrap()),
        (0, 0, 2, 0)
    );
    let clear = vec![BulkAttributes {
        account: "T1".into(),
        values: vec![(size, Some(StoredValue::Number(39.0))), (note, None)],
    }];
    assert_eq!(
        counts(&store.upsert_attributes(company, &clear).await.unwrap()),
        (0, 1, 0, 0)
    );
    let values = store.customer_attributes(&[c]).await.unwrap();
    assert_eq!(values, vec![(c, size, StoredValue::Number(39.0))]);
}

#[tokio::test]
async fn memberships_honour_the_books_per_customer_limit_and_keep_history() {
    let store = fresh_store().await;
    let company = seed(store.as_ref()).await;
    let c = customer(store.as_ref(), company, "M1").await;
    customer(store.as_ref(), company, "M2").await;
    let ann = store
        .ensure_book(company, associate(store.as_ref(), company, "ann").await)
        .await
        .unwrap();
    let vic = store
        .ensure_book(company, associate(store.as_ref(), company, "vic").await)
        .await
        .unwrap();
    let m = |book: &clienteling_store::ClientBook, account: &str| BulkMember {
        book: book.id,
        account: account.into(),
        added_at: None,
    };
    let rows = vec![m(&ann, "M1"), m(&ann, "M2"), m(&vic, "M1")];
    let first = store.upsert_members(company, &rows, Some(1)).await.unwrap();
    assert_eq!(counts(&first), (2, 0, 0, 1));
    let again = store
        .upsert_members(company, &rows[..2], Some(1))
        .await
        .unwrap();
    assert_eq!(counts(&again), (0, 0, 2, 0));
    let later = store
        .upsert_members(company, &rows[2..], Some(1))
        .await
        .unwrap();
    assert!(
        later.rejected[0].1.contains(&ann.number),
        "{:?}",
        later.rejected
    );
    let unlimited = store
        .upsert_members(company, &rows[2..], None)
        .await
        .unwrap();
    assert_eq!(counts(&unlimited), (1, 0, 0, 0));
    assert_eq!(store.books_of_customer(c).await.unwrap().len(), 2);
    assert_eq!(store.book_history(c).await.unwrap().len(), 2);
    let exported = store.export_members(company, None, 2).await.unwrap();
    let rest = store
        .export_members(company, Some(exported[1].key), 10)
        .await
        .unwrap();
    assert_eq!(
        exported.len() + rest.len(),
        3,
        "keyset pages cover every row once"
    );
}

#[tokio::test]
async fn customer_exports_page_by_account() {
    let store = fresh_store().await;
    let company = seed(store.as_ref()).await;
    let rows: Vec<_> = (0..7)
        .map(|i| person(&format!("E{i}"), &format!("e{i}@example.com"), &[]))
        .collect();
    store.upsert_customers(company, ALL, &rows).await.unwrap();
    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let page = store
            .export_customers(company, after.as_deref(), 3)
            .await
            .unwrap();
        let Some(last) = page.last() else { break };
        after = Some(last.account.to_string());
        seen.extend(page.iter().map(|c| c.account.to_string()));
    }
    assert_eq!(seen, ["E0", "E1", "E2", "E3", "E4", "E5", "E6"]);
}
