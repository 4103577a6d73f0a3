//! Date events of a book's upcoming window (`date_events`), on the backend
//! under test.

use crate::activities::associate;
use clienteling_domain::attributes::{AttributeKind, NewAttribute, StoredValue};
use clienteling_domain::customer::{CustomerFields, RawCustomer};
use clienteling_domain::filter::month_days;
use clienteling_domain::ids::{AttributeId, CompanyId, CustomerId};
use clienteling_store::{BookScope, ClientBook, Store};
use clienteling_tests::{fresh_store, seed};
use time::macros::date;

fn attribute(name: &str, kind: AttributeKind, order: i32) -> NewAttribute {
    NewAttribute {
        name: name.into(),
        kind,
        values: vec![],
        refinable: false,
        display_order: order,
    }
}

async fn book_of(store: &dyn Store, company: CompanyId, name: &str) -> ClientBook {
    let who = associate(store, company, name).await;
    store.ensure_book(company, who).await.unwrap()
}

/// A customer `account` (last name = account) in `book` with these values.
async fn member(
    store: &dyn Store,
    book: &ClientBook,
    account: &str,
    values: &[(AttributeId, &str)],
) -> CustomerId {
    let raw = RawCustomer {
        account: Some(account.into()),
        first_name: Some("F".into()),
        last_name: Some(account.into()),
        ..Default::default()
    };
    let fields = CustomerFields::parse(&raw, true).unwrap();
    let c = store
        .create_customer(book.company, &fields, &[])
        .await
        .unwrap()
        .id;
    store
        .add_to_book(book, c, None, book.associate)
        .await
        .unwrap();
    let v: Vec<_> = values
        .iter()
        .map(|(a, s)| (*a, Some(StoredValue::Text((*s).into()))))
        .collect();
    store.set_customer_attributes(c, &v).await.unwrap();
    c
}

#[tokio::test]
async fn date_events_cover_every_date_attribute_of_the_scope_in_one_window() {
    let store = fresh_store().await;
    let company = seed(store.as_ref()).await;
    let attrs = [
        attribute("birthday", AttributeKind::Date, 1),
        attribute("anniversary", AttributeKind::Date, 2),
        attribute("nickname", AttributeKind::Text, 3),
    ];
    let g = store
        .create_attribute_group(company, "main", &attrs)
        .await
        .unwrap();
    let (bday, anniv, nick) = (g.attributes[0].id, g.attributes[1].id, g.attributes[2].id);
    let ann = book_of(store.as_ref(), company, "ann").await;
    let vic = book_of(store.as_ref(), company, "vic").await;
    let s = store.as_ref();
    let a = member(s, &ann, "A", &[(bday, "1990-12-31"), (anniv, "2015-01-03")]).await;
    member(s, &ann, "B", &[(bday, "1985-01-02"), (nick, "2000-12-31")]).await;
    member(s, &ann, "C", &[(bday, "1992-06-15")]).await;
    member(s, &ann, "D", &[(bday, "1988-02-29")]).await;
    member(s, &ann, "E", &[]).await;
    member(s, &vic, "V", &[(bday, "1970-12-30")]).await;

    let scope = BookScope::Book(ann.id);
    let events = |attributes: Vec<AttributeId>, days: Vec<String>, limit| {
        let store = std::sync::Arc::clone(&store);
        let scope = scope.clone();
        async move {
            store
                .date_events(company, &scope, &attributes, &days, limit)
                .await
                .unwrap()
                .into_iter()
                .map(|e| (e.account, e.attribute, e.date))
                .collect::<Vec<_>>()
        }
    };
    let new_year = month_days(date!(2026 - 12 - 30), 5);
    let mut got = events(vec![bday, anniv], new_year.clone(), 100).await;
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(got.pop(), Some(("B".into(), bday, "1985-01-02".into())));
    got.sort();
    let mut want = vec![
        ("A".to_owned(), bday, "1990-12-31".to_owned()),
        ("A".to_owned(), anniv, "2015-01-03".to_owned()),
    ];
    want.sort();
    assert_eq!(
        got, want,
        "both date attributes, the window wrapping at the year end"
    );

    let first = store
        .date_events(company, &scope, &[bday, anniv], &new_year, 1)
        .await
        .unwrap();
    assert_eq!(first.len(), 1, "at most the limit");
    assert_eq!(
        (first[0].customer, first[0].customer_name.as_str()),
        (a, "F A")
    );

    let only_bday = events(vec![bday], new_year.clone(), 100).await;
    assert_eq!(
        only_bday.iter().map(|e| e.0.as_str()).collect::<Vec<_>>(),
        ["A", "B"],
        "only the attributes asked for; other books' customers and text attributes never"
    );
    let leap = events(vec![bday], month_days(date!(2027 - 02 - 28), 0), 100).await;
    assert_eq!(
        leap,
        [("D".into(), bday, "1988-02-29".into())],
        "Feb 29 on Feb 28"
    );
    assert!(events(vec![], new_year.clone(), 100).await.is_empty());
    assert!(events(vec![bday], vec![], 100).await.is_empty());
    let nobody = store
        .date_events(company, &BookScope::Stores(vec![]), &[bday], &new_year, 100)
        .await
        .unwrap();
    assert!(nobody.is_empty(), "an empty store scope holds nobody");
}
