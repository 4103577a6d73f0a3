//! The customer timeline on the backend under test: merging, filters,
//! stable paging under equal timestamps, and 10,000 entries of one customer.

use super::activities::{activity, associate, customer, note, query, texts};
use clienteling_domain::activity::{EntryKind, Visibility};
use clienteling_store::TimelineQuery;
use clienteling_tests::{fresh_store, seed};
use uuid::Uuid;

#[tokio::test]
async fn the_timeline_merges_filters_and_pages_stably_under_equal_timestamps() {
    let store = fresh_store().await;
    let company = seed(store.as_ref()).await;
    let c = customer(store.as_ref(), company, "P1").await;
    let ann = associate(store.as_ref(), company, "ann").await;
    let email = store.activity_type(company, "email").await.unwrap();
    let call = store.activity_type(company, "phone_call").await.unwrap();
    let rows: Vec<_> = (0..20)
        .map(|i| {
            let t = if i % 2 == 0 { email.id } else { call.id };
            activity(c, ann, t, 1_000 + (i % 3))
        })
        .collect();
    store.add_activities(company, &rows).await.unwrap();
    for i in 0..10 {
        let n = note(c, ann, Visibility::Private, &format!("Note {i}"), 1_001);
        store.add_note(company, &n).await.unwrap();
    }
    let everything = store.timeline(company, &query(c, ann, 100)).await.unwrap();
    assert_eq!(everything.len(), 30);
    let mut expected: Vec<(i64, Uuid)> = everything.iter().map(|e| (e.at, e.id)).collect();
    expected.sort_by(|a, b| b.cmp(a));
    assert_eq!(
        everything.iter().map(|e| (e.at, e.id)).collect::<Vec<_>>(),
        expected
    );
    let mut paged = Vec::new();
    let mut q = query(c, ann, 7);
    loop {
        let page = store.timeline(company, &q).await.unwrap();
        let Some(last) = page.last() else { break };
        q.before = Some((last.at, last.id));
        paged.extend(page.iter().map(|e| (e.at, e.id)));
    }
    assert_eq!(paged, expected, "no entry lost or repeated across pages");
    let only = |kind, ty, text: Option<&str>| TimelineQuery {
        kind,
        activity_type: ty,
        text: text.map(str::to_owned),
        ..query(c, ann, 100)
    };
    let notes = store
        .timeline(company, &only(Some(EntryKind::Note), None, None))
        .await
        .unwrap();
    assert!(notes.len() == 10 && notes.iter().all(|e| e.kind == EntryKind::Note));
    let calls = store
        .timeline(company, &only(None, Some(call.id), None))
        .await
        .unwrap();
    assert!(
        calls.len() == 10
            && calls
                .iter()
                .all(|e| e.type_code.as_deref() == Some("phone_call"))
    );
    let none = store
        .timeline(company, &only(Some(EntryKind::Note), Some(call.id), None))
        .await
        .unwrap();
    assert!(none.is_empty(), "notes have no activity type");
    let found = store
        .timeline(company, &only(None, None, Some("NOTE 7")))
        .await
        .unwrap();
    assert_eq!(texts(&found), ["Note 7"]);
    let literal = store
        .timeline(company, &only(None, None, Some("%")))
        .await
        .unwrap();
    assert!(literal.is_empty(), "text search is literal");
}

#[tokio::test]
async fn ten_thousand_activities_of_one_customer_page_correctly() {
    let store = fresh_store().await;
    let company = seed(store.as_ref()).await;
    let c = customer(store.as_ref(), company, "BIG").await;
    let ann = associate(store.as_ref(), company, "ann").await;
    let visit = store.activity_type(company, "store_visit").await.unwrap();
    let rows: Vec<_> = (0..10_000)
        .map(|i| {
            activity(
                c,
                ann,
                visit.id,
                1_700_000_000_000_000 + (i / 4) * 1_000_000,
            )
        })
        .collect();
    let ids = store.add_activities(company, &rows).await.unwrap();
    assert_eq!(ids.len(), 10_000);
    let mut expected: Vec<(i64, Uuid)> =
        rows.iter().zip(&ids).map(|(r, id)| (r.at, id.0)).collect();
    expected.sort_by(|a, b| b.cmp(a));
    let mut q = query(c, ann, 100);
    let mut seen = Vec::new();
    for _ in 0..3 {
        let page = store.timeline(company, &q).await.unwrap();
        assert_eq!(page.len(), 100);
        let last = page.last().unwrap();
        q.before = Some((last.at, last.id));
        seen.extend(page.iter().map(|e| (e.at, e.id)));
    }
    assert_eq!(seen, expected[..300]);
}
