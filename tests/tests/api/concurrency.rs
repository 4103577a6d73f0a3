//! Concurrency hammers over HTTP, on the backend under test, with clients
//! spread over two servers (two connection pools on one database, as two
//! server processes would be): book numbering on first use, reassigning
//! while another associate adds, and concurrent edits of one note. The
//! invariants are checked in the database afterwards.

use clienteling_tests::TestApp;
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

const CUSTOMERS: usize = 24;

fn account(i: usize) -> String {
    format!("K{i:02}")
}

async fn customers(app: &TestApp, admin: &str) {
    for i in 0..CUSTOMERS {
        let c = json!({"account": account(i), "first_name": "Kim", "last_name": "Race", "consent": true});
        let (s, b) = app
            .call("POST", "/api/v1/customers", Some(admin), Some(c))
            .await;
        assert_eq!(s, StatusCode::CREATED, "{b}");
    }
}

async fn associate_ids(app: &TestApp, admin: &str) -> HashMap<String, String> {
    let (s, list) = app
        .call("GET", "/api/v1/associates", Some(admin), None)
        .await;
    assert_eq!(s, StatusCode::OK, "{list}");
    list.as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let name = a["username"].as_str().unwrap().to_owned();
            (name, a["id"].as_str().unwrap().to_owned())
        })
        .collect()
}

async fn my_book(app: &TestApp, token: &str) -> String {
    let (s, b) = app
        .call("GET", "/api/v1/client-books/mine", Some(token), None)
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    b["id"].as_str().unwrap().to_owned()
}

/// Every per-account result of a batch call; the call itself must be a 200.
fn outcomes(what: &str, s: StatusCode, body: &Value) -> Vec<String> {
    assert_eq!(s, StatusCode::OK, "{what}: {body}");
    body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["result"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn first_use_of_books_from_two_servers_numbers_them_without_gaps() {
    let one = Arc::new(TestApp::spawn().await);
    let two = Arc::new(one.spawn_second().await);
    let mut clients = Vec::new();
    for (i, user) in ["ann", "max", "vic"].into_iter().enumerate() {
        for round in 0..5 {
            let app = Arc::clone(if (i + round) % 2 == 0 { &one } else { &two });
            let token = app.login(user).await;
            clients.push((app, token));
        }
    }
    let tasks: Vec<_> = clients
        .into_iter()
        .map(|(app, token)| tokio::spawn(async move { my_book(&app, &token).await }))
        .collect();
    let mut numbers = BTreeSet::new();
    for t in tasks {
        numbers.insert(t.await.unwrap());
    }
    let expected: BTreeSet<String> = (1..=3).map(|n| format!("CB-{n:06}")).collect();
    assert_eq!(numbers, expected, "one book each, numbers 1..=3");
}

#[tokio::test]
async fn reassigning_while_another_associate_adds_loses_no_customer_and_keeps_history() {
    let one = Arc::new(TestApp::spawn().await);
    let two = Arc::new(one.spawn_second().await);
    let ada = one.login("ada").await;
    customers(&one, &ada).await;
    let ids = associate_ids(&one, &ada).await;
    let ann = one.login("ann").await;
    let ann_book = my_book(&one, &ann).await;
    let first: Vec<String> = (0..CUSTOMERS / 2).map(account).collect();
    let (s, r) = one
        .call(
            "POST",
            &format!("/api/v1/client-books/{ann_book}/customers"),
            Some(&ann),
            Some(json!({ "accounts": first })),
        )
        .await;
    outcomes("first adds", s, &r);

    // ann keeps adding every customer, one by one, twice over.
    let adder = {
        let (app, book) = (Arc::clone(&one), ann_book.clone());
        tokio::spawn(async move {
            for round in 0..2 {
                for i in 0..CUSTOMERS {
                    let i = if round == 0 { i } else { CUSTOMERS - 1 - i };
                    let path = format!("/api/v1/client-books/{book}/customers");
                    let body = json!({"accounts": [account(i)]});
                    let (s, r) = app.call("POST", &path, Some(&ann), Some(body)).await;
                    for o in outcomes("add", s, &r) {
                        assert!(
                            ["added", "already_here", "conflict"].contains(&o.as_str()),
                            "{o}"
                        );
                    }
                }
            }
        })
    };
    // Meanwhile a manager on the other server moves all of ann's customers
    // to vic, and the admin moves explicit lists to the manager.
    let mover = {
        let app = Arc::clone(&two);
        let max = app.login("max").await;
        let body = json!({"from_associate": ids["ann"], "to_associate": ids["vic"]});
        tokio::spawn(async move {
            for _ in 0..6 {
                let (s, r) = app
                    .call(
                        "POST",
                        "/api/v1/client-books/reassign",
                        Some(&max),
                        Some(body.clone()),
                    )
                    .await;
                outcomes("reassign all", s, &r);
            }
        })
    };
    let lister = {
        let app = Arc::clone(&one);
        let all: Vec<String> = (0..CUSTOMERS).step_by(3).map(account).collect();
        let body = json!({"accounts": all, "to_associate": ids["max"]});
        tokio::spawn(async move {
            for _ in 0..4 {
                let (s, r) = app
                    .call(
                        "POST",
                        "/api/v1/client-books/reassign",
                        Some(&ada),
                        Some(body.clone()),
                    )
                    .await;
                outcomes("reassign list", s, &r);
            }
        })
    };
    for t in [adder, mover, lister] {
        t.await.unwrap();
    }
    check_memberships(&one).await;
}

/// Each customer is in exactly one book (the limit is 1 and nothing but
/// moves took a customer out), and replaying its history gives that book.
async fn check_memberships(app: &TestApp) {
    let store = &app.store;
    let mut book_of: HashMap<_, Vec<String>> = HashMap::new();
    for a in store.list_associates(app.company).await.unwrap() {
        let book = store.ensure_book(app.company, a.id).await.unwrap();
        for c in store.book_member_ids(&book).await.unwrap() {
            book_of.entry(c).or_default().push(book.number.clone());
        }
    }
    for i in 0..CUSTOMERS {
        let c = store
            .customer_by_account(app.company, &account(i))
            .await
            .unwrap();
        let now = book_of.remove(&c.id).unwrap_or_default();
        assert_eq!(now.len(), 1, "{}: in books {now:?}", account(i));
        let mut replay = BTreeSet::new();
        let mut events = store.book_history(c.id).await.unwrap();
        events.reverse();
        for e in &events {
            let ok = match e.action.as_str() {
                "added" | "moved_in" => replay.insert(e.book.clone()),
                "removed" | "moved_out" => replay.remove(&e.book),
                other => panic!("unknown action {other}"),
            };
            assert!(
                ok,
                "{}: {} {} does not follow {replay:?}",
                account(i),
                e.action,
                e.book
            );
        }
        assert_eq!(
            replay,
            now.iter().cloned().collect(),
            "{}: history and membership disagree",
            account(i)
        );
    }
}

#[tokio::test]
async fn concurrent_edits_of_one_note_keep_every_version() {
    let one = Arc::new(TestApp::spawn().await);
    let two = Arc::new(one.spawn_second().await);
    let ada = one.login("ada").await;
    customers(&one, &ada).await;
    let ann = one.login("ann").await;
    let (s, n) = one
        .call(
            "POST",
            "/api/v1/customers/K00/notes",
            Some(&ann),
            Some(json!({"text": "original"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{n}");
    let path = format!("/api/v1/customers/K00/notes/{}", n["id"].as_str().unwrap());
    const CLIENTS: usize = 4;
    const EDITS: usize = 6;
    let mut tasks = Vec::new();
    for client in 0..CLIENTS {
        let app = Arc::clone(if client % 2 == 0 { &one } else { &two });
        let token = app.login("ann").await;
        let path = path.clone();
        tasks.push(tokio::spawn(async move {
            for e in 0..EDITS {
                let body = json!({"text": format!("edit {client}-{e}")});
                let (s, r) = app.call("PATCH", &path, Some(&token), Some(body)).await;
                assert_eq!(s, StatusCode::OK, "edit {client}-{e}: {r}");
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let (s, d) = one.call("GET", &path, Some(&ann), None).await;
    assert_eq!(s, StatusCode::OK, "{d}");
    let final_text = d["note"]["text"].as_str().unwrap().to_owned();
    let revisions: Vec<String> = d["revisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["text"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(revisions.len(), CLIENTS * EDITS, "one revision per edit");
    assert_eq!(
        revisions[0], "original",
        "the oldest revision is the original"
    );
    let mut seen: BTreeSet<String> = revisions.iter().cloned().collect();
    assert_eq!(
        seen.len(),
        revisions.len(),
        "no version recorded twice: {revisions:?}"
    );
    assert!(
        seen.insert(final_text.clone()),
        "final text {final_text} also a revision"
    );
    let mut submitted: BTreeSet<String> = (0..CLIENTS)
        .flat_map(|c| (0..EDITS).map(move |e| format!("edit {c}-{e}")))
        .collect();
    submitted.insert("original".into());
    assert_eq!(
        seen, submitted,
        "every submitted text is the note or a revision"
    );
}
