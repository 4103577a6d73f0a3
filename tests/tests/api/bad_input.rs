//! Bad input gets a clear 4xx problem, never a 500, and stored data survives.

use clienteling_tests::TestApp;
use proptest::prelude::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn malformed_json_wrong_types_unknown_fields_and_long_strings_are_4xx_with_pointers() {
    let app = TestApp::spawn().await;
    let ann = app.login("ann").await;
    let (s, p) = app
        .raw(
            "POST",
            "/api/v1/customers",
            &ann,
            "application/json",
            "{\"account\": ",
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(p["status"], 400);
    let (s, _) = app
        .raw("POST", "/api/v1/customers", &ann, "text/plain", "{}")
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (s, p) = app
        .call(
            "POST",
            "/api/v1/customers",
            Some(&ann),
            Some(json!({"account": 5, "first_name": "A", "last_name": "B"})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(p["errors"][0]["pointer"], "/account");
    let (s, p) = app
        .call(
            "POST",
            "/api/v1/customers",
            Some(&ann),
            Some(json!({"account": "A", "first_name": "A", "last_name": "B", "favourite": 1})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(p["detail"].as_str().unwrap().contains("favourite"));
    let long = "x".repeat(10_000);
    let (s, p) = app
        .call(
            "POST",
            "/api/v1/customers",
            Some(&ann),
            Some(json!({"account": "A", "first_name": long, "last_name": "B"})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(p["errors"][0]["pointer"], "/first_name");
    let (s, _) = app
        .call(
            "PATCH",
            "/api/v1/associates/not-a-uuid",
            Some(&app.login("ada").await),
            Some(json!({})),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn bad_query_parameters_are_400() {
    let app = TestApp::spawn().await;
    let ann = app.login("ann").await;
    for q in [
        "limit=0",
        "limit=501",
        "limit=abc",
        "cursor=%%%",
        "cursor=bm90LWpzb24",
        "unknown=1",
    ] {
        let (s, p) = app
            .call("GET", &format!("/api/v1/customers?{q}"), Some(&ann), None)
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{q}: {p}");
    }
}

#[tokio::test]
async fn an_oversized_body_is_rejected() {
    let app = TestApp::spawn().await;
    let ann = app.login("ann").await;
    let big = "y".repeat(2 * 1024 * 1024);
    let res = app
        .client
        .post(app.url("/api/v1/customers"))
        .bearer_auth(&ann)
        .header("content-type", "application/json")
        .body(format!("{{\"account\": \"{big}\"}}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        ".{0,300}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map(
                prop_oneof![
                    Just("account".to_owned()),
                    Just("first_name".to_owned()),
                    Just("email".to_owned()),
                    Just("address_books".to_owned()),
                    "[a-z_]{1,12}"
                ],
                inner,
                0..5
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

#[test]
fn random_bodies_never_cause_a_server_error_or_lose_data() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let app = rt.block_on(TestApp::spawn());
    let ann = rt.block_on(app.login("ann"));
    let seed = json!({"account": "KEEP", "first_name": "Keep", "last_name": "Me", "email": "keep@example.com"});
    assert_eq!(
        rt.block_on(app.call("POST", "/api/v1/customers", Some(&ann), Some(seed)))
            .0,
        StatusCode::CREATED
    );
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 96,
        ..ProptestConfig::default()
    });
    runner
        .run(
            &(
                arb_json(),
                prop_oneof![
                    Just("POST /api/v1/customers"),
                    Just("PATCH /api/v1/customers/KEEP"),
                    Just("PUT /api/v1/settings"),
                    Just("POST /api/v1/auth/login")
                ],
            ),
            |(body, route)| {
                let (m, p) = route.split_once(' ').unwrap();
                let (s, problem) = rt.block_on(app.call(m, p, Some(&ann), Some(body.clone())));
                prop_assert!(!s.is_server_error(), "{route} {body} -> {s} {problem}");
                if s.is_client_error() {
                    prop_assert!(problem["status"].is_number(), "problem body for {s}");
                }
                Ok(())
            },
        )
        .unwrap();
    let (s, c) = rt.block_on(app.call("GET", "/api/v1/customers/KEEP", Some(&ann), None));
    assert_eq!(s, StatusCode::OK);
    assert_eq!(c["account"], "KEEP");
}
