//! Client books: numbering, membership rules, concurrency, store books,
//! filters and facets, on the backend under test.

use crate::activities::associate;
use clienteling_domain::attributes::{AttributeKind, NewAttribute, StoredValue};
use clienteling_domain::customer::{CustomerFields, RawCustomer};
use clienteling_domain::filter::{AttrCondition, CondOp, CustomerFilter, month_days};
use clienteling_domain::ids::{AssociateId, CompanyId, CustomerId};
use clienteling_domain::settings::Settings;
use clienteling_store::{AddOutcome, BookScope, Store};
use clienteling_tests::{fresh_store, seed};
use std::collections::HashSet;
use std::sync::Arc;

async fn customer(store: &dyn Store, company: CompanyId, account: &str, last: &str) -> CustomerId {
    let raw = RawCustomer {
        account: Some(account.into()),
        first_name: Some("F".into()),
        last_name: Some(last.into()),
        ..Default::default()
    };
    store
        .create_customer(company, &CustomerFields::parse(&raw, true).unwrap(), &[])
        .await
        .unwrap()
        .id
}

#[tokio::test]
async fn books_are_numbered_from_the_sequence_once_per_associate() {
    let store = fresh_store().await;
    let company = seed(store.as_ref()).await;
    let mut s = Settings::default();
    s.client_book_number_sequence.prefix = "BK-".into();
    s.client_book_number_sequence.width = 4;
    s.client_book_number_sequence.next = 7;
    store.put_settings(company, &s).await.unwrap();
    let ann = associate(store.as_ref(), company, "ann").await;
    let max = associate(store.as_ref(), company, "max").await;
    let a = store.ensure_book(company, ann).await.unwrap();
    assert_eq!(a.number, "BK-0007");
    assert_eq!(
        store.ensure_book(company, ann).await.unwrap(),
        a,
        "created once"
    );
    assert_eq!(
        store.ensure_book(company, max).await.unwrap().number,
        "BK-0008"
    );
    assert_eq!(
        store
            .settings(company)
            .await
            .unwrap()
            .client_book_number_sequence
            .next,
        9
    );
}

#[tokio::test]
async fn concurrent_first_use_never_duplicates_or_skips_numbers() {
    let store = fresh_store().await;
    let company = seed(store.as_ref()).await;
    let ids: Vec<AssociateId> = store
        .list_associates(company)
        .await
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    let mut tasks = Vec::new();
    for round in 0..3 {
        for id in &ids {
            let (store, id) = (Arc::clone(&store), *id);
            tasks.push(tokio::spawn(async move {
                let _ = round;
                store.ensure_book(company, id).await.unwrap().number
            }));
        }
    }
    let mut numbers = HashSet::new();
    for t in tasks {
        numbers.insert(t.await.unwrap());
    }
    let expected: HashSet<String> = (1..=ids.len()).map(|n| format!("CB-{n:06}")).collect();
    assert_eq!(
        numbers, expected,
        "one book each, numbers 1..=n without gaps"
    );
}

#[tokio::test]
async fn the_one_book_rule_names_the_owner_and_unlimited_allows_sharing() {
    let store = fresh_store().await;
    let company = seed(store.as_ref()).await;
    let ann_book = store
        .ensure_book(company, associate(store.as_ref(), company, "ann").await)
        .await
        .unwrap();
    let max_book = store
        .ensure_book(company, associate(store.as_ref(), company, "max").await)
        .await
        .unwrap();
    let c = customer(store.as_ref(), company, "C1", "One").await;
    let by = ann_book.associate;
    assert_eq!(
        store.add_to_book(&ann_book, c, Some(1), by).await.unwrap(),
        AddOutcome::Added
    );
    assert_eq!(
        store.add_to_book(&ann_book, c, Some(1), by).await.unwrap(),
        AddOutcome::AlreadyHere
    );
    match store.add_to_book(&max_book, c, Some(1), by).await.unwrap() {
        AddOutcome::Conflict(owners) => assert_eq!(owners[0].name, "ann tester"),
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(
        store.add_to_book(&max_book, c, None, by).await.unwrap(),
        AddOutcome::Added
    );
    assert!(store.remove_from_book(&ann_book, c, by).await.unwrap());
    assert!(!store.remove_from_book(&ann_book, c, by).await.unwrap());
    let history: Vec<String> = store
        .book_history(c)
        .await
        .unwrap()
        .into_iter()
        .map(|e| format!("{} {}", e.action, e.book))
        .collect();
    assert_eq!(
        history,
        ["removed CB-000001", "added CB-000002", "added CB-000001"]
    );
}

#[tokio::test]
async fn concurrent_adds_of_one_customer_to_two_books_let_exactly_one_win() {
    let store = fresh_store().await;
    let company = seed(store.as_ref()).await;
    let books: Vec<_> = futures_books(&store, company).await;
    for i in 0..10 {
        let c = customer(store.as_ref(), company, &format!("R{i}"), "Race").await;
        let mut tasks = Vec::new();
        for b in &books {
            let (store, b) = (Arc::clone(&store), b.clone());
            tasks.push(tokio::spawn(async move {
                store
                    .add_to_book(&b, c, Some(1), b.associate)
                    .await
                    .unwrap()
            }));
        }
        let mut added = 0;
        for t in tasks {
            if t.await.unwrap() == AddOutcome::Added {
                added += 1;
            }
        }
        assert_eq!(added, 1, "round {i}");
    }
}

async fn futures_books(
    store: &Arc<dyn Store>,
    company: CompanyId,
) -> Vec<clienteling_store::ClientBook> {
    let mut out = Vec::new();
    for a in store.list_associates(company).await.unwrap() {
        out.push(store.ensure_book(company, a.id).await.unwrap());
    }
    out
}

#[tokio::test]
async fn moving_keeps_history_and_respects_the_limit() {
    let store = fresh_store().await;
    let company = seed(store.as_ref()).await;
    let ann = store
        .ensure_book(company, associate(store.as_ref(), company, "ann").await)
        .await
        .unwrap();
    let max = store
        .ensure_book(company, associate(store.as_ref(), company, "max").await)
        .await
        .unwrap();
    let c = customer(store.as_ref(), company, "M1", "Move").await;
    store
        .add_to_book(&ann, c, Some(1), ann.associate)
        .await
        .unwrap();
    assert_eq!(
        store
            .move_to_book(Some(&ann), &max, c, Some(1), max.associate)
            .await
            .unwrap(),
        AddOutcome::Added
    );
    assert_eq!(
        store.book_member_ids(&ann).await.unwrap(),
        Vec::<CustomerId>::new()
    );
    assert_eq!(store.book_member_ids(&max).await.unwrap(), vec![c]);
    assert_eq!(
        store
            .move_to_book(None, &max, c, Some(1), max.associate)
            .await
            .unwrap(),
        AddOutcome::AlreadyHere
    );
    let actions: Vec<String> = store
        .book_history(c)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(actions.contains(&"moved_in".to_owned()) && actions.contains(&"moved_out".to_owned()));
}

#[tokio::test]
async fn store_books_cover_associates_whose_address_books_meet_the_store() {
    let store = fresh_store().await;
    let company = seed(store.as_ref()).await;
    let stores = store.list_stores(company).await.unwrap();
    let id = |code: &str| stores.iter().find(|s| s.code.as_str() == code).unwrap().id;
    let ann = store
        .ensure_book(company, associate(store.as_ref(), company, "ann").await)
        .await
        .unwrap();
    let vic = store
        .ensure_book(company, associate(store.as_ref(), company, "vic").await)
        .await
        .unwrap();
    let h = customer(store.as_ref(), company, "H", "Helsinki").await;
    let v = customer(store.as_ref(), company, "V", "Vilnius").await;
    store
        .add_to_book(&ann, h, None, ann.associate)
        .await
        .unwrap();
    store
        .add_to_book(&vic, v, None, vic.associate)
        .await
        .unwrap();
    let all = CustomerFilter::default();
    let list = |scope: BookScope| {
        let store = Arc::clone(&store);
        let all = all.clone();
        async move {
            store
                .list_book_customers(company, &scope, &all, None, 10)
                .await
                .unwrap()
                .into_iter()
                .map(|c| c.account.to_string())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(list(BookScope::Stores(vec![id("helsinki")])).await, ["H"]);
    assert_eq!(
        list(BookScope::Stores(vec![id("tampere")])).await,
        Vec::<String>::new()
    );
    assert_eq!(list(BookScope::Stores(vec![id("vilnius")])).await, ["V"]);
    assert_eq!(
        list(BookScope::Stores(vec![id("helsinki"), id("vilnius")])).await,
        ["H", "V"]
    );
    assert_eq!(list(BookScope::Book(ann.id)).await, ["H"]);
}

#[tokio::test]
async fn filters_combine_with_and_and_facets_count_per_value() {
    let store = fresh_store().await;
    let company = seed(store.as_ref()).await;
    let attrs = vec![
        NewAttribute {
            name: "likes".into(),
            kind: AttributeKind::Enum,
            values: vec!["handbags".into(), "shoes".into()],
            refinable: true,
            display_order: 1,
        },
        NewAttribute {
            name: "size".into(),
            kind: AttributeKind::Number,
            values: vec![],
            refinable: true,
            display_order: 2,
        },
        NewAttribute {
            name: "birthday".into(),
            kind: AttributeKind::Date,
            values: vec![],
            refinable: false,
            display_order: 3,
        },
    ];
    let g = store
        .create_attribute_group(company, "main", &attrs)
        .await
        .unwrap();
    let (likes, size, bday) = (g.attributes[0].id, g.attributes[1].id, g.attributes[2].id);
    let book = store
        .ensure_book(company, associate(store.as_ref(), company, "ann").await)
        .await
        .unwrap();
    let rows = [
        ("A", "handbags", 38.0, "1990-12-31"),
        ("B", "handbags", 40.0, "1985-01-02"),
        ("C", "shoes", 38.0, "1992-06-15"),
        ("D", "shoes", 42.0, "1988-02-29"),
    ];
    for (acc, l, s, b) in rows {
        let c = customer(store.as_ref(), company, acc, acc).await;
        store
            .add_to_book(&book, c, None, book.associate)
            .await
            .unwrap();
        let v = vec![
            (likes, Some(StoredValue::Text(l.into()))),
            (size, Some(StoredValue::Number(s))),
            (bday, Some(StoredValue::Text(b.into()))),
        ];
        store.set_customer_attributes(c, &v).await.unwrap();
    }
    let scope = BookScope::Book(book.id);
    let accounts = |f: CustomerFilter| {
        let store = Arc::clone(&store);
        let scope = scope.clone();
        async move {
            store
                .list_book_customers(company, &scope, &f, None, 10)
                .await
                .unwrap()
                .into_iter()
                .map(|c| c.account.to_string())
                .collect::<Vec<_>>()
        }
    };
    let cond = |attribute, op| AttrCondition { attribute, op };
    let handbags = CustomerFilter {
        conds: vec![cond(likes, CondOp::TextIn(vec!["handbags".into()]))],
        ..Default::default()
    };
    assert_eq!(accounts(handbags.clone()).await, ["A", "B"]);
    let both = CustomerFilter {
        conds: vec![
            cond(likes, CondOp::TextIn(vec!["handbags".into()])),
            cond(size, CondOp::NumMax(38.0)),
        ],
        ..Default::default()
    };
    assert_eq!(accounts(both).await, ["A"]);
    let range = CustomerFilter {
        conds: vec![
            cond(size, CondOp::NumMin(39.0)),
            cond(bday, CondOp::TextMin("1986-01-01".into())),
        ],
        ..Default::default()
    };
    assert_eq!(accounts(range).await, ["D"]);
    let new_year = CustomerFilter {
        month_days: Some((bday, month_days(time::macros::date!(2026 - 12 - 30), 5))),
        ..Default::default()
    };
    assert_eq!(
        accounts(new_year).await,
        ["A", "B"],
        "the window wraps at the year end"
    );
    let leap = CustomerFilter {
        month_days: Some((bday, month_days(time::macros::date!(2027 - 02 - 28), 0))),
        ..Default::default()
    };
    assert_eq!(
        accounts(leap).await,
        ["D"],
        "Feb 29 shows on Feb 28 in a non-leap year"
    );
    let facets = |f: CustomerFilter, attributes: Vec<_>, max| {
        let store = Arc::clone(&store);
        let scope = scope.clone();
        async move {
            store
                .facet_counts(company, &scope, &f, &attributes, max)
                .await
                .unwrap()
        }
    };
    let counts = facets(CustomerFilter::default(), vec![size, likes], 10).await;
    assert_eq!(counts.len(), 2, "one entry per attribute asked for");
    assert_eq!(counts[0].0, size, "in the order asked for");
    assert_eq!(
        counts[1],
        (
            likes,
            vec![("handbags".to_owned(), 2), ("shoes".to_owned(), 2)]
        )
    );
    let top = facets(CustomerFilter::default(), vec![likes], 1).await;
    assert_eq!(
        top[0].1,
        [("handbags".to_owned(), 2)],
        "at most max_values, ties by value"
    );
    let sizes = facets(handbags.clone(), vec![size], 10).await;
    assert_eq!(sizes[0].1, [("38".to_owned(), 1), ("40".to_owned(), 1)]);
    let only_d = CustomerFilter {
        q: Some("d".into()),
        ..Default::default()
    };
    let d = facets(only_d, vec![likes, size], 10).await;
    assert_eq!(
        d[0].1,
        [("shoes".to_owned(), 1)],
        "free text reads the customer row"
    );
    assert_eq!(d[1].1, [("42".to_owned(), 1)]);
    assert!(facets(handbags, vec![], 10).await.is_empty());
}

#[tokio::test]
async fn attribute_groups_update_by_name_and_keep_values() {
    let store = fresh_store().await;
    let company = seed(store.as_ref()).await;
    let a = |name: &str, kind, order| NewAttribute {
        name: name.into(),
        kind,
        values: vec![],
        refinable: false,
        display_order: order,
    };
    let g = store
        .create_attribute_group(
            company,
            "g",
            &[
                a("note", AttributeKind::Text, 1),
                a("vip", AttributeKind::Boolean, 2),
            ],
        )
        .await
        .unwrap();
    let c = customer(store.as_ref(), company, "K", "Keep").await;
    let note = g.attributes[0].id;
    store
        .set_customer_attributes(c, &[(note, Some(StoredValue::Text("hi".into())))])
        .await
        .unwrap();
    let g2 = store
        .update_attribute_group(
            company,
            g.id,
            Some("renamed"),
            Some(&[
                a("note", AttributeKind::Text, 5),
                a("size", AttributeKind::Number, 1),
            ]),
        )
        .await
        .unwrap();
    assert_eq!(g2.name, "renamed");
    assert_eq!(
        g2.attributes
            .iter()
            .map(|a| a.name.as_str())
            .collect::<Vec<_>>(),
        ["size", "note"]
    );
    assert_eq!(g2.attributes[1].id, note, "kept attributes keep their id");
    store
        .create_attribute_group(company, "other", &[a("x", AttributeKind::Text, 0)])
        .await
        .unwrap();
    assert_eq!(
        store.group_attributes(company, "renamed").await.unwrap(),
        g2.attributes,
        "one group's attributes by name, in display order"
    );
    assert!(
        store
            .group_attributes(company, "g")
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(store.customer_attributes(&[c]).await.unwrap().len(), 1);
    store.delete_attribute_group(company, g.id).await.unwrap();
    assert!(store.customer_attributes(&[c]).await.unwrap().is_empty());
}
