//! The customer timeline and the HQ activity listing over HTTP, and the
//! OpenAPI coverage of the timeline routes.

use super::activities::{field, items, log, new_customer};
use clienteling_tests::TestApp;
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn the_timeline_pages_newest_first_and_stably_under_equal_times() {
    let app = TestApp::spawn().await;
    new_customer(&app, "P1").await;
    let ann = app.login("ann").await;
    for i in 0..12 {
        let ty = if i % 3 == 0 { "phone_call" } else { "email" };
        let body =
            json!({"type": ty, "at": "2020-03-01T09:00:00Z", "description": format!("A{i}")});
        assert_eq!(log(&app, &ann, "P1", body).await.0, StatusCode::CREATED);
    }
    for i in 0..3 {
        let body = json!({"text": format!("N{i}"), "visibility": "private"});
        let (s, _) = app
            .call("POST", "/api/v1/customers/P1/notes", Some(&ann), Some(body))
            .await;
        assert_eq!(s, StatusCode::CREATED);
    }
    let mut seen: Vec<(String, String)> = Vec::new();
    let mut path = "/api/v1/customers/P1/timeline?limit=5".to_owned();
    loop {
        let (s, page) = app.call("GET", &path, Some(&ann), None).await;
        assert_eq!(s, StatusCode::OK, "{page}");
        assert!(items(&page).len() <= 5);
        seen.extend(items(&page).iter().map(|i| {
            (
                i["at"].as_str().unwrap().to_owned(),
                i["id"].as_str().unwrap().to_owned(),
            )
        }));
        match page["next_cursor"].as_str() {
            Some(c) => path = format!("/api/v1/customers/P1/timeline?limit=5&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(seen.len(), 15);
    let unique: std::collections::HashSet<_> = seen.iter().collect();
    assert_eq!(unique.len(), 15, "nothing repeated across pages");
    let (_, notes) = app
        .call(
            "GET",
            "/api/v1/customers/P1/timeline?kind=note",
            Some(&ann),
            None,
        )
        .await;
    assert_eq!(field(&notes, "text"), ["N2", "N1", "N0"]);
    assert_eq!(field(&notes, "visibility"), ["private"; 3]);
    let note_ids: Vec<_> = field(&notes, "id");
    let first: Vec<_> = seen[..3].iter().map(|(_, id)| id.as_str()).collect();
    assert_eq!(
        first, note_ids,
        "notes written now come first, newest first"
    );
    let tied: Vec<_> = seen[3..].iter().map(|(_, id)| id.clone()).collect();
    let mut by_id = tied.clone();
    by_id.sort_by(|a, b| b.cmp(a));
    assert_eq!(tied, by_id, "equal times are ordered by id, descending");
    assert!(seen[3..].iter().all(|(at, _)| at == "2020-03-01T09:00:00Z"));
    let (_, calls) = app
        .call(
            "GET",
            "/api/v1/customers/P1/timeline?type=phone_call",
            Some(&ann),
            None,
        )
        .await;
    assert_eq!(items(&calls).len(), 4);
    let (_, acts) = app
        .call(
            "GET",
            "/api/v1/customers/P1/timeline?kind=activity&q=a1",
            Some(&ann),
            None,
        )
        .await;
    let mut found = field(&acts, "text");
    found.sort();
    assert_eq!(found, ["A1", "A10", "A11"]);
    for q in [
        "kind=purchase",
        "type=fax",
        "cursor=abc",
        "limit=0",
        "colour=red",
    ] {
        let (s, _) = app
            .call(
                "GET",
                &format!("/api/v1/customers/P1/timeline?{q}"),
                Some(&ann),
                None,
            )
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{q}");
    }
}

#[tokio::test]
async fn hq_lists_every_activity_by_associate_store_type_and_dates() {
    let app = TestApp::spawn().await;
    new_customer(&app, "H1").await;
    let (ann, vic, ada) = (
        app.login("ann").await,
        app.login("vic").await,
        app.login("ada").await,
    );
    for (token, at) in [
        (&ann, "2026-01-10T10:00:00Z"),
        (&ann, "2026-02-10T10:00:00Z"),
        (&vic, "2026-02-11T10:00:00Z"),
    ] {
        let body = json!({"type": "store_visit", "at": at, "description": "Visit"});
        assert_eq!(log(&app, token, "H1", body).await.0, StatusCode::CREATED);
    }
    let get = |q: &str| {
        let path = format!("/api/v1/activities?{q}");
        let ada = ada.clone();
        let app = &app;
        async move { app.call("GET", &path, Some(&ada), None).await }
    };
    let (s, all) = get("").await;
    assert_eq!(s, StatusCode::OK, "{all}");
    assert_eq!(
        field(&all, "at"),
        [
            "2026-02-11T10:00:00Z",
            "2026-02-10T10:00:00Z",
            "2026-01-10T10:00:00Z"
        ]
    );
    assert_eq!(field(&all, "customer"), ["H1"; 3]);
    assert_eq!(field(&all, "store"), ["vilnius", "helsinki", "helsinki"]);
    assert_eq!(items(&get("store=vilnius").await.1).len(), 1);
    assert_eq!(items(&get("associate=ann").await.1).len(), 2);
    let ann_id = items(&all)[1]["associate"].as_str().unwrap().to_owned();
    assert_eq!(items(&get(&format!("associate={ann_id}")).await.1).len(), 2);
    assert_eq!(
        field(
            &get("from=2026-02-01&to=2026-02-10").await.1,
            "associate_name"
        ),
        ["ann tester"]
    );
    assert_eq!(items(&get("type=email").await.1).len(), 0);
    let (_, first) = get("limit=2").await;
    let (_, rest) = get(&format!(
        "limit=2&cursor={}",
        first["next_cursor"].as_str().unwrap()
    ))
    .await;
    assert_eq!(field(&rest, "at"), ["2026-01-10T10:00:00Z"]);
    for q in [
        "store=nowhere",
        "associate=nobody",
        "from=soon",
        "type=fax",
        "cursor=x",
    ] {
        assert_eq!(get(q).await.0, StatusCode::BAD_REQUEST, "{q}");
    }
    let (s, _) = app
        .call("GET", "/api/v1/activities", Some(&ann), None)
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_openapi_document_covers_the_timeline_routes() {
    let app = TestApp::spawn().await;
    let doc: Value = app
        .client
        .get(app.url("/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let paths = doc["paths"].as_object().unwrap();
    for (path, methods) in [
        ("/api/v1/activity-types", &["get", "post"][..]),
        ("/api/v1/activity-types/{code}", &["patch", "delete"]),
        ("/api/v1/activities", &["get"]),
        ("/api/v1/customers/{account}/activities", &["post"]),
        ("/api/v1/customers/{account}/timeline", &["get"]),
        ("/api/v1/customers/{account}/notes", &["post"]),
        (
            "/api/v1/customers/{account}/notes/{id}",
            &["get", "patch", "delete"],
        ),
        ("/api/v1/customers/{account}/purchases", &["get", "post"]),
    ] {
        for m in methods {
            assert!(
                paths.get(path).and_then(|p| p.get(*m)).is_some(),
                "{m} {path} documented"
            );
        }
    }
}
