//! Purchases over HTTP: recorded by hand, paged newest first, validated,
//! and guarded by view_customers / edit_customers.

use super::activities::new_customer;
use clienteling_tests::TestApp;
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn buy(app: &TestApp, token: &str, account: &str, body: Value) -> (StatusCode, Value) {
    let path = format!("/api/v1/customers/{account}/purchases");
    app.call("POST", &path, Some(token), Some(body)).await
}

#[tokio::test]
async fn purchases_are_recorded_and_paged_newest_first() {
    let app = TestApp::spawn().await;
    new_customer(&app, "P1").await;
    let ann = app.login("ann").await;
    let times = [
        "2026-01-05",
        "2026-03-01",
        "2026-03-01",
        "2026-02-10",
        "2026-03-01",
        "2026-01-20",
        "2026-03-01",
    ];
    for (i, day) in times.iter().enumerate() {
        let body = json!({"at": format!("{day}T12:00:00Z"), "amount_minor": 1000 + i, "currency": "eur", "store": "Helsinki"});
        let (s, p) = buy(&app, &ann, "P1", body).await;
        assert_eq!(s, StatusCode::CREATED, "{p}");
        assert_eq!(
            (p["currency"].as_str(), p["store"].as_str()),
            (Some("EUR"), Some("helsinki"))
        );
    }
    let (s, p) = buy(
        &app,
        &ann,
        "P1",
        json!({"amount_minor": 0, "currency": "SEK"}),
    )
    .await;
    assert_eq!((s, &p["store"]), (StatusCode::CREATED, &Value::Null));
    let mut seen = Vec::new();
    let mut path = "/api/v1/customers/P1/purchases?limit=3".to_owned();
    loop {
        let (s, page) = app.call("GET", &path, Some(&ann), None).await;
        assert_eq!(s, StatusCode::OK, "{page}");
        for item in page["items"].as_array().unwrap() {
            seen.push((
                item["at"].as_str().unwrap().to_owned(),
                item["id"].as_str().unwrap().to_owned(),
            ));
        }
        match page["next_cursor"].as_str() {
            Some(c) => path = format!("/api/v1/customers/P1/purchases?limit=3&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(seen.len(), 8);
    let older: Vec<_> = seen[1..].iter().map(|(at, _)| &at[..10]).collect();
    assert_eq!(
        older,
        [
            "2026-03-01",
            "2026-03-01",
            "2026-03-01",
            "2026-03-01",
            "2026-02-10",
            "2026-01-20",
            "2026-01-05"
        ]
    );
    let tied: Vec<_> = seen[1..5].iter().map(|(_, id)| id.clone()).collect();
    let mut desc = tied.clone();
    desc.sort_by(|a, b| b.cmp(a));
    assert_eq!(tied, desc, "equal times are ordered by id");
    assert_eq!(
        app.call("GET", "/api/v1/customers/NOPE/purchases", Some(&ann), None)
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.call(
            "GET",
            "/api/v1/customers/P1/purchases?cursor=zz",
            Some(&ann),
            None
        )
        .await
        .0,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn bad_purchases_are_rejected_with_pointers() {
    let app = TestApp::spawn().await;
    new_customer(&app, "B1").await;
    let ann = app.login("ann").await;
    for (body, pointer) in [
        (
            json!({"amount_minor": 100, "currency": "EURO"}),
            "/currency",
        ),
        (
            json!({"amount_minor": -1, "currency": "EUR"}),
            "/amount_minor",
        ),
        (
            json!({"amount_minor": 100, "currency": "EUR", "store": "atlantis"}),
            "/store",
        ),
        (
            json!({"amount_minor": 100, "currency": "EUR", "at": "last week"}),
            "/at",
        ),
    ] {
        let (s, p) = buy(&app, &ann, "B1", body).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{p}");
        assert_eq!(p["errors"][0]["pointer"], pointer);
    }
    for body in [
        json!({"currency": "EUR"}),
        json!({"amount_minor": "1", "currency": "EUR"}),
        json!({"amount_minor": 1, "currency": "EUR", "items": []}),
    ] {
        assert_eq!(buy(&app, &ann, "B1", body).await.0, StatusCode::BAD_REQUEST);
    }
    let (s, _) = buy(
        &app,
        &ann,
        "NOPE",
        json!({"amount_minor": 1, "currency": "EUR"}),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, page) = app
        .call("GET", "/api/v1/customers/B1/purchases", Some(&ann), None)
        .await;
    assert_eq!(page["items"], json!([]), "nothing stored");
}

#[tokio::test]
async fn reading_needs_view_customers_recording_needs_edit_customers_and_is_audited() {
    let app = TestApp::spawn().await;
    new_customer(&app, "R1").await;
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
    assert_eq!(
        app.call("GET", "/api/v1/customers/R1/purchases", Some(&vera), None)
            .await
            .0,
        StatusCode::OK
    );
    let body = json!({"amount_minor": 5000, "currency": "EUR"});
    assert_eq!(
        buy(&app, &vera, "R1", body.clone()).await.0,
        StatusCode::FORBIDDEN
    );
    let ann = app.login("ann").await;
    assert_eq!(buy(&app, &ann, "R1", body).await.0, StatusCode::CREATED);
    let (_, log) = app
        .call("GET", "/api/v1/audit?customer=R1", Some(&ada), None)
        .await;
    assert_eq!(log["items"][0]["action"], "purchase.create");
}
