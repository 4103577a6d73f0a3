//! Notes over HTTP: visibility from every role's point of view, own-note
//! editing with history, auditing without the text, and bad input.

use super::activities::new_customer;
use clienteling_tests::TestApp;
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn write(app: &TestApp, token: &str, account: &str, text: &str, vis: &str) -> Value {
    let (s, n) = app
        .call(
            "POST",
            &format!("/api/v1/customers/{account}/notes"),
            Some(token),
            Some(json!({"text": text, "visibility": vis})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{n}");
    n
}

/// The note texts `token` sees on the customer's timeline, sorted.
async fn visible(app: &TestApp, token: &str, account: &str) -> Vec<String> {
    let path = format!("/api/v1/customers/{account}/timeline?kind=note");
    let (s, page) = app.call("GET", &path, Some(token), None).await;
    assert_eq!(s, StatusCode::OK, "{page}");
    let mut t: Vec<String> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["text"].as_str().unwrap().to_owned())
        .collect();
    t.sort();
    t
}

/// A second associate at Helsinki, and her token.
async fn sam(app: &TestApp) -> String {
    let ada = app.login("ada").await;
    let body = json!({"username": "sam", "display_name": "Sam", "password": "password-sam",
        "role": "associate", "stores": ["helsinki"]});
    let (s, b) = app
        .call("POST", "/api/v1/associates", Some(&ada), Some(body))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    app.login("sam").await
}

/// ann's private, store and company notes about `account`, by visibility.
async fn three_notes(app: &TestApp, ann: &str, account: &str) -> [String; 3] {
    let mut ids = Vec::new();
    for v in ["private", "store", "company"] {
        let n = write(app, ann, account, &format!("{v} note"), v).await;
        assert_eq!(
            (n["visibility"].as_str(), n["can_edit"].as_bool()),
            (Some(v), Some(true))
        );
        ids.push(n["id"].as_str().unwrap().to_owned());
    }
    [ids[0].clone(), ids[1].clone(), ids[2].clone()]
}

#[tokio::test]
async fn each_role_sees_exactly_the_notes_their_visibility_allows() {
    let app = TestApp::spawn().await;
    new_customer(&app, "N1").await;
    let [ann, max, ada, vic] = [
        app.login("ann").await,
        app.login("max").await,
        app.login("ada").await,
        app.login("vic").await,
    ];
    let sam = sam(&app).await;
    three_notes(&app, &ann, "N1").await;
    let all = ["company note", "private note", "store note"];
    assert_eq!(visible(&app, &ann, "N1").await, all, "author");
    assert_eq!(
        visible(&app, &sam, "N1").await,
        ["company note", "store note"],
        "same-store associate"
    );
    assert_eq!(
        visible(&app, &max, "N1").await,
        ["company note", "store note"],
        "manager sharing a store"
    );
    assert_eq!(
        visible(&app, &vic, "N1").await,
        ["company note"],
        "other-store associate"
    );
    assert_eq!(
        visible(&app, &ada, "N1").await,
        ["company note"],
        "admin (HQ, no store)"
    );
    let (_, page) = app
        .call("GET", "/api/v1/customers/N1/timeline", Some(&max), None)
        .await;
    assert!(
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["can_edit"] == false)
    );
    let (_, associates) = app
        .call("GET", "/api/v1/associates", Some(&ada), None)
        .await;
    let vic_id = associates
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["username"] == "vic")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let moved = json!({"stores": ["vilnius", "helsinki"]});
    let (s, _) = app
        .call(
            "PATCH",
            &format!("/api/v1/associates/{vic_id}"),
            Some(&ada),
            Some(moved),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        visible(&app, &vic, "N1").await,
        ["company note", "store note"],
        "judged at read time"
    );
}

#[tokio::test]
async fn only_authors_edit_or_delete_and_others_get_403_or_404() {
    let app = TestApp::spawn().await;
    new_customer(&app, "E1").await;
    new_customer(&app, "E2").await;
    let [ann, max, ada, vic] = [
        app.login("ann").await,
        app.login("max").await,
        app.login("ada").await,
        app.login("vic").await,
    ];
    let [private, store, company] = three_notes(&app, &ann, "E1").await;
    let note = |id: &str| format!("/api/v1/customers/E1/notes/{id}");
    let change = json!({"text": "changed"});
    for (token, id, status) in [
        (&max, &store, StatusCode::FORBIDDEN),
        (&ada, &company, StatusCode::FORBIDDEN),
        (&vic, &store, StatusCode::NOT_FOUND),
        (&vic, &private, StatusCode::NOT_FOUND),
        (&max, &private, StatusCode::NOT_FOUND),
    ] {
        let (s, _) = app
            .call("PATCH", &note(id), Some(token), Some(change.clone()))
            .await;
        assert_eq!(s, status, "PATCH {id}");
        let (s, _) = app.call("DELETE", &note(id), Some(token), None).await;
        assert_eq!(s, status, "DELETE {id}");
    }
    let (s, n) = app
        .call(
            "PATCH",
            &note(&store),
            Some(&ann),
            Some(json!({"text": "store note, v2", "visibility": "company"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{n}");
    assert_eq!(
        (
            n["text"].as_str(),
            n["visibility"].as_str(),
            n["edited"].as_bool()
        ),
        (Some("store note, v2"), Some("company"), Some(true))
    );
    let (s, d) = app.call("GET", &note(&store), Some(&ann), None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(d["revisions"][0]["text"], "store note");
    assert_eq!(d["revisions"][0]["visibility"], "store");
    let (s, d) = app.call("GET", &note(&store), Some(&vic), None).await;
    assert_eq!(s, StatusCode::OK, "now company-wide");
    assert_eq!(d["revisions"], json!([]), "history is the author's only");
    let (s, _) = app.call("GET", &note(&private), Some(&vic), None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let other_customer = format!("/api/v1/customers/E2/notes/{company}");
    assert_eq!(
        app.call("GET", &other_customer, Some(&ann), None).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.call("GET", &note("not-an-id"), Some(&ann), None)
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.call("DELETE", &note(&private), Some(&ann), None)
            .await
            .0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.call("GET", &note(&private), Some(&ann), None).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.call("DELETE", &note(&private), Some(&ann), None)
            .await
            .0,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn note_reads_and_writes_are_audited_without_the_text() {
    let app = TestApp::spawn().await;
    new_customer(&app, "A1").await;
    let (ann, max, ada) = (
        app.login("ann").await,
        app.login("max").await,
        app.login("ada").await,
    );
    let n = write(&app, &ann, "A1", "SECRET allergy to nickel", "store").await;
    let id = n["id"].as_str().unwrap();
    let path = format!("/api/v1/customers/A1/notes/{id}");
    app.call(
        "PATCH",
        &path,
        Some(&ann),
        Some(json!({"text": "SECRET v2"})),
    )
    .await;
    assert_eq!(visible(&app, &max, "A1").await, ["SECRET v2"]);
    app.call(
        "GET",
        "/api/v1/customers/A1/timeline?kind=activity",
        Some(&max),
        None,
    )
    .await;
    assert_eq!(
        app.call("PATCH", &path, Some(&max), Some(json!({"text": "x"})))
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    app.call("GET", &path, Some(&ann), None).await;
    app.call("DELETE", &path, Some(&ann), None).await;
    let (s, log) = app
        .call(
            "GET",
            "/api/v1/audit?customer=A1&limit=500",
            Some(&ada),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let mut actions: Vec<String> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{} {}",
                e["action"].as_str().unwrap(),
                e["outcome"].as_str().unwrap()
            )
        })
        .collect();
    actions.reverse();
    assert_eq!(
        actions,
        [
            "customer.create ok",
            "note.create ok",
            "note.update ok",
            "note.read ok",
            "note.update denied",
            "note.read ok",
            "note.delete ok"
        ],
        "one read per page with notes; none for activities only"
    );
    let items = log["items"].as_array().unwrap();
    let notes = items
        .iter()
        .filter(|e| e["action"].as_str().unwrap().starts_with("note."));
    assert!(
        notes.clone().count() == 6
            && notes
                .into_iter()
                .all(|e| e["detail"].to_string().contains(id)),
        "entries name the note"
    );
    assert!(
        !log.to_string().contains("SECRET"),
        "no note text in the audit log"
    );
}

#[tokio::test]
async fn bad_note_input_is_a_4xx_with_a_pointer() {
    let app = TestApp::spawn().await;
    new_customer(&app, "B1").await;
    let ann = app.login("ann").await;
    let post = |body: Value| app.call("POST", "/api/v1/customers/B1/notes", Some(&ann), Some(body));
    for (body, pointer) in [
        (json!({"text": " "}), "/text"),
        (json!({"text": "x".repeat(5001)}), "/text"),
        (json!({"text": "x", "visibility": "public"}), "/visibility"),
    ] {
        let (s, p) = post(body).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{p}");
        assert_eq!(p["errors"][0]["pointer"], pointer);
    }
    let (s, n) = post(json!({"text": "x".repeat(5000)})).await;
    assert_eq!(
        (s, n["visibility"].as_str()),
        (StatusCode::CREATED, Some("private"))
    );
    for body in [
        json!({"text": 1}),
        json!({"text": "x", "pinned": true}),
        json!({}),
    ] {
        assert_eq!(post(body).await.0, StatusCode::BAD_REQUEST);
    }
    let path = format!("/api/v1/customers/B1/notes/{}", n["id"].as_str().unwrap());
    let (s, _) = app.call("PATCH", &path, Some(&ann), Some(json!({}))).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.call(
            "POST",
            "/api/v1/customers/NOPE/notes",
            Some(&ann),
            Some(json!({"text": "x"}))
        )
        .await
        .0,
        StatusCode::NOT_FOUND
    );
    let ada = app.login("ada").await;
    app.call(
        "POST",
        "/api/v1/roles",
        Some(&ada),
        Some(json!({"name": "viewer", "permissions": ["view_customers"]})),
    )
    .await;
    let vera = json!({"username": "vera", "display_name": "Vera", "password": "password-vera", "role": "viewer", "stores": ["helsinki"]});
    assert_eq!(
        app.call("POST", "/api/v1/associates", Some(&ada), Some(vera))
            .await
            .0,
        StatusCode::CREATED
    );
    let vera = app.login("vera").await;
    let (s, _) = app
        .call(
            "POST",
            "/api/v1/customers/B1/notes",
            Some(&vera),
            Some(json!({"text": "x"})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = app
        .call(
            "POST",
            "/api/v1/customers/B1/activities",
            Some(&vera),
            Some(json!({"type": "email", "description": "x"})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert_eq!(
        app.call("GET", "/api/v1/customers/B1/timeline", Some(&vera), None)
            .await
            .0,
        StatusCode::OK
    );
}
