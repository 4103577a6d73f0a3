//! Activity types, activities, notes with visibility and history, and the
//! customer timeline, on the backend under test.

use clienteling_domain::activity::{ActivityTypePatch, NotePatch, Visibility};
use clienteling_domain::customer::{CustomerFields, RawCustomer};
use clienteling_domain::ids::{AssociateId, CompanyId, CustomerId, StoreId};
use clienteling_domain::org::{AssociatePatch, NewAssociate};
use clienteling_domain::text::{Code, Name, Username};
use clienteling_store::{
    ActivityQuery, NewActivity, NewNote, Store, StoreError, TimelineEntry, TimelineQuery,
};
use clienteling_tests::{fresh_store, seed};

pub(crate) async fn associate(store: &dyn Store, company: CompanyId, name: &str) -> AssociateId {
    store
        .list_associates(company)
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.username.as_str() == name)
        .unwrap()
        .id
}

async fn shop(store: &dyn Store, company: CompanyId, code: &str) -> StoreId {
    store
        .list_stores(company)
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.code.as_str() == code)
        .unwrap()
        .id
}

pub(crate) async fn customer(store: &dyn Store, company: CompanyId, account: &str) -> CustomerId {
    let raw = RawCustomer {
        account: Some(account.into()),
        first_name: Some("Kim".into()),
        last_name: Some("Timeline".into()),
        ..Default::default()
    };
    let fields = CustomerFields::parse(&raw, true).unwrap();
    store
        .create_customer(company, &fields, &[])
        .await
        .unwrap()
        .id
}

/// A second associate at Helsinki, sharing the store with ann.
async fn sam(store: &dyn Store, company: CompanyId) -> AssociateId {
    let roles = store.list_roles(company).await.unwrap();
    let new = NewAssociate {
        username: Username::parse("sam").unwrap(),
        display_name: Name::parse("Sam").unwrap(),
        password_hash: "not-used".into(),
        role: roles
            .iter()
            .find(|r| r.name.as_str() == "associate")
            .unwrap()
            .id,
        stores: vec![shop(store, company, "helsinki").await],
        address_books: vec![],
        locale: None,
    };
    store.create_associate(company, &new).await.unwrap().id
}

pub(crate) fn activity(
    c: CustomerId,
    who: AssociateId,
    t: clienteling_domain::ids::ActivityTypeId,
    at: i64,
) -> NewActivity {
    NewActivity {
        customer: c,
        associate: who,
        activity_type: t,
        store: None,
        at,
        description: format!("activity at {at}"),
        due_at: None,
    }
}

pub(crate) fn note(
    c: CustomerId,
    author: AssociateId,
    v: Visibility,
    text: &str,
    at: i64,
) -> NewNote {
    NewNote {
        customer: c,
        author,
        visibility: v,
        text: text.into(),
        at,
    }
}

pub(crate) fn query(c: CustomerId, viewer: AssociateId, limit: u32) -> TimelineQuery {
    TimelineQuery {
        customer: c,
        viewer,
        kind: None,
        activity_type: None,
        text: None,
        before: None,
        limit,
    }
}

pub(crate) fn texts(entries: &[TimelineEntry]) -> Vec<&str> {
    entries.iter().map(|e| e.text.as_str()).collect()
}

#[tokio::test]
async fn every_company_gets_the_seeded_activity_types() {
    let store = fresh_store().await;
    let company = seed(store.as_ref()).await;
    let types = store.list_activity_types(company).await.unwrap();
    let codes: Vec<_> = types.iter().map(|t| t.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "appointment",
            "email",
            "outreach",
            "phone_call",
            "reply",
            "store_visit"
        ]
    );
    assert!(types.iter().all(|t| t.active));
    let outreach = store.activity_type(company, "outreach").await.unwrap();
    assert_eq!(outreach.name.as_str(), "Message sent");
}

#[tokio::test]
async fn types_are_unique_changeable_and_deleted_only_when_unused() {
    let store = fresh_store().await;
    let company = seed(store.as_ref()).await;
    let (code, name) = (
        Code::parse("fitting").unwrap(),
        Name::parse("Fitting").unwrap(),
    );
    let t = store
        .create_activity_type(company, &code, &name, true)
        .await
        .unwrap();
    let dup = store
        .create_activity_type(company, &code, &name, true)
        .await;
    assert!(
        matches!(dup, Err(StoreError::Conflict { constraint }) if constraint == "activity_types_code_key")
    );
    let patch = ActivityTypePatch::parse(Some("try_on"), Some("Try-on"), Some(false)).unwrap();
    let changed = store
        .update_activity_type(company, "fitting", &patch)
        .await
        .unwrap();
    assert_eq!(
        (changed.id, changed.code.as_str(), changed.active),
        (t.id, "try_on", false)
    );
    assert!(matches!(
        store.activity_type(company, "fitting").await,
        Err(StoreError::NotFound)
    ));
    let c = customer(store.as_ref(), company, "T1").await;
    let ann = associate(store.as_ref(), company, "ann").await;
    let email = store.activity_type(company, "email").await.unwrap();
    store
        .add_activities(company, &[activity(c, ann, email.id, 1)])
        .await
        .unwrap();
    let used = store.delete_activity_type(company, "email").await;
    assert!(
        matches!(used, Err(StoreError::Conflict { constraint }) if constraint == "activity_types_in_use")
    );
    store.delete_activity_type(company, "try_on").await.unwrap();
    assert!(matches!(
        store.delete_activity_type(company, "try_on").await,
        Err(StoreError::NotFound)
    ));
    let other = store
        .create_company(&Code::parse("other").unwrap(), &Name::parse("O").unwrap())
        .await
        .unwrap();
    let off = ActivityTypePatch::parse(None, None, Some(false)).unwrap();
    store
        .update_activity_type(other.id, "email", &off)
        .await
        .unwrap();
    assert!(
        store.activity_type(company, "email").await.unwrap().active,
        "no crossing companies"
    );
}

#[tokio::test]
async fn note_visibility_is_judged_by_shared_stores_at_read_time() {
    let store = fresh_store().await;
    let company = seed(store.as_ref()).await;
    let c = customer(store.as_ref(), company, "V1").await;
    let [ann, max, ada, vic] = [
        associate(store.as_ref(), company, "ann").await,
        associate(store.as_ref(), company, "max").await,
        associate(store.as_ref(), company, "ada").await,
        associate(store.as_ref(), company, "vic").await,
    ];
    let sam = sam(store.as_ref(), company).await;
    for (v, t) in [
        (Visibility::Private, "private"),
        (Visibility::Store, "store"),
        (Visibility::Company, "company"),
    ] {
        store
            .add_note(company, &note(c, ann, v, t, 10))
            .await
            .unwrap();
    }
    let seen = |viewer| {
        let store = store.clone();
        async move {
            let rows = store
                .timeline(company, &query(c, viewer, 10))
                .await
                .unwrap();
            let mut t: Vec<String> = rows.into_iter().map(|e| e.text).collect();
            t.sort();
            t
        }
    };
    assert_eq!(seen(ann).await, ["company", "private", "store"], "author");
    assert_eq!(
        seen(sam).await,
        ["company", "store"],
        "same-store associate"
    );
    assert_eq!(
        seen(max).await,
        ["company", "store"],
        "manager sharing helsinki"
    );
    assert_eq!(seen(vic).await, ["company"], "other-store associate");
    assert_eq!(seen(ada).await, ["company"], "admin without a store");
    let vilnius = shop(store.as_ref(), company, "vilnius").await;
    let moved = AssociatePatch {
        stores: Some(vec![vilnius]),
        ..Default::default()
    };
    store.update_associate(company, ann, &moved).await.unwrap();
    assert_eq!(seen(sam).await, ["company"], "ann left helsinki");
    assert_eq!(
        seen(vic).await,
        ["company", "store"],
        "ann now shares vilnius"
    );
    let private = store.timeline(company, &query(c, ann, 10)).await.unwrap();
    let private = private.iter().find(|e| e.text == "private").unwrap();
    let id = clienteling_domain::ids::NoteId(private.id);
    assert!(store.visible_note(company, c, ann, id).await.is_ok());
    for viewer in [sam, max, vic, ada] {
        assert!(matches!(
            store.visible_note(company, c, viewer, id).await,
            Err(StoreError::NotFound)
        ));
    }
}

#[tokio::test]
async fn edits_keep_history_only_authors_change_notes_and_export_sees_everything() {
    let store = fresh_store().await;
    let company = seed(store.as_ref()).await;
    let c = customer(store.as_ref(), company, "E1").await;
    let ann = associate(store.as_ref(), company, "ann").await;
    let max = associate(store.as_ref(), company, "max").await;
    let n = store
        .add_note(company, &note(c, ann, Visibility::Private, "first", 5))
        .await
        .unwrap();
    assert_eq!((n.author_name.as_str(), n.edited_at), ("ann tester", None));
    let text = NotePatch::parse(Some("second"), None).unwrap();
    assert!(matches!(
        store.edit_note(company, n.id, max, &text).await,
        Err(StoreError::NotFound)
    ));
    let edited = store.edit_note(company, n.id, ann, &text).await.unwrap();
    assert_eq!(
        (edited.text.as_str(), edited.visibility),
        ("second", Visibility::Private)
    );
    let vis = NotePatch::parse(Some("third"), Some("company")).unwrap();
    let edited = store.edit_note(company, n.id, ann, &vis).await.unwrap();
    assert_eq!(edited.visibility, Visibility::Company);
    assert!(edited.edited_at.is_some());
    let revs = store.note_revisions(company, n.id).await.unwrap();
    let old: Vec<_> = revs
        .iter()
        .map(|r| (r.text.as_str(), r.visibility))
        .collect();
    assert_eq!(
        old,
        [
            ("first", Visibility::Private),
            ("second", Visibility::Private)
        ]
    );
    assert_eq!(revs[0].written_at, 5);
    assert_eq!(revs[1].written_at, revs[0].replaced_at);
    store
        .add_note(company, &note(c, max, Visibility::Private, "max's own", 6))
        .await
        .unwrap();
    let export = store.notes_for_export(company, c).await.unwrap();
    let all: Vec<_> = export
        .iter()
        .map(|e| (e.note.text.as_str(), e.revisions.len()))
        .collect();
    assert_eq!(
        all,
        [("third", 2), ("max's own", 0)],
        "regardless of visibility"
    );
    assert!(matches!(
        store.delete_note(company, n.id, max).await,
        Err(StoreError::NotFound)
    ));
    store.delete_note(company, n.id, ann).await.unwrap();
    assert!(
        store
            .note_revisions(company, n.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(store.notes_for_export(company, c).await.unwrap().len(), 1);
}

#[tokio::test]
async fn hq_lists_activities_by_associate_store_type_and_time_range() {
    let store = fresh_store().await;
    let company = seed(store.as_ref()).await;
    let c = customer(store.as_ref(), company, "H1").await;
    let ann = associate(store.as_ref(), company, "ann").await;
    let vic = associate(store.as_ref(), company, "vic").await;
    let (hel, vno) = (
        shop(store.as_ref(), company, "helsinki").await,
        shop(store.as_ref(), company, "vilnius").await,
    );
    let email = store.activity_type(company, "email").await.unwrap();
    let visit = store.activity_type(company, "store_visit").await.unwrap();
    let mut rows = Vec::new();
    for i in 0..6 {
        let (who, at_store) = if i % 2 == 0 { (ann, hel) } else { (vic, vno) };
        let ty = if i < 3 { email.id } else { visit.id };
        rows.push(NewActivity {
            store: Some(at_store),
            ..activity(c, who, ty, 100 * i)
        });
    }
    store.add_activities(company, &rows).await.unwrap();
    let list = |q: ActivityQuery| {
        let store = store.clone();
        async move {
            let rows = store.list_activities(company, &q).await.unwrap();
            rows.into_iter().map(|a| a.at).collect::<Vec<_>>()
        }
    };
    let all = ActivityQuery {
        limit: 50,
        ..Default::default()
    };
    assert_eq!(list(all.clone()).await, [500, 400, 300, 200, 100, 0]);
    let by_ann = ActivityQuery {
        associate: Some(ann),
        ..all.clone()
    };
    assert_eq!(list(by_ann).await, [400, 200, 0]);
    let at_vno = ActivityQuery {
        store: Some(vno),
        ..all.clone()
    };
    assert_eq!(list(at_vno).await, [500, 300, 100]);
    let visits = ActivityQuery {
        activity_type: Some(visit.id),
        ..all.clone()
    };
    assert_eq!(list(visits).await, [500, 400, 300]);
    let range = ActivityQuery {
        from: Some(100),
        to: Some(400),
        ..all.clone()
    };
    assert_eq!(list(range).await, [300, 200, 100]);
    let first = store
        .list_activities(
            company,
            &ActivityQuery {
                limit: 2,
                ..all.clone()
            },
        )
        .await
        .unwrap();
    let rest = ActivityQuery {
        before: first.last().map(|a| (a.at, a.id.0)),
        ..all.clone()
    };
    assert_eq!(list(rest).await, [300, 200, 100, 0]);
    let one = store.activity(company, first[0].id).await.unwrap();
    assert_eq!(
        (
            one.account.as_str(),
            one.store.as_deref(),
            one.type_code.as_str()
        ),
        ("H1", Some("vilnius"), "store_visit")
    );
}
