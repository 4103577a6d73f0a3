//! Insights over HTTP: a run fits the stored purchases and writes measures
//! that appear on cards; rules and external measures.

use clienteling_domain::customer::{CustomerFields, RawCustomer};
use clienteling_domain::ids::CustomerId;
use clienteling_store::NewPurchase;
use clienteling_tests::TestApp;
use reqwest::StatusCode;
use serde_json::{Value, json};

const DAY: i64 = 86_400_000_000;

/// 80 customers with purchase histories of varied rhythm over two years.
async fn purchases(app: &TestApp) -> Vec<CustomerId> {
    let now = clienteling_domain::time_util::now_micros();
    let mut seed: u64 = 42;
    let mut rnd = move |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    let mut ids = Vec::new();
    let mut batch = Vec::new();
    for i in 0..80 {
        let raw = RawCustomer {
            account: Some(format!("P{i:03}")),
            first_name: Some("Pat".into()),
            last_name: Some(format!("Buyer{i:03}")),
            alternate_id: Some(format!("ext-{i}")),
            ..Default::default()
        };
        let c = app
            .store
            .create_customer(
                app.company,
                &CustomerFields::parse(&raw, true).unwrap(),
                &[],
            )
            .await
            .unwrap();
        ids.push(c.id);
        let mut t = now - (700 - rnd(300) as i64) * DAY;
        let gap = 5 + rnd(90) as i64;
        let stop = now - rnd(400) as i64 * DAY;
        while t < stop {
            batch.push(NewPurchase {
                customer: c.id,
                at: t,
                amount_minor: 2000 + rnd(20000) as i64,
                currency: "EUR".into(),
                store: None,
            });
            t += (gap + rnd(gap as u64) as i64) * DAY;
        }
    }
    app.store.add_purchases(app.company, &batch).await.unwrap();
    ids
}

async fn run_and_wait(app: &TestApp, token: &str, body: Value) -> Value {
    let (s, started) = app
        .call("POST", "/api/v1/insights/run", Some(token), Some(body))
        .await;
    assert_eq!(s, StatusCode::ACCEPTED, "{started}");
    let id = started["id"].as_str().unwrap().to_owned();
    for _ in 0..200 {
        let (_, run) = app
            .call(
                "GET",
                &format!("/api/v1/insights/runs/{id}"),
                Some(token),
                None,
            )
            .await;
        if run["status"] != "running" {
            return run;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the run did not finish");
}

#[tokio::test]
async fn a_run_fits_the_purchases_and_measures_reach_the_card() {
    let app = TestApp::spawn().await;
    purchases(&app).await;
    let ada = app.login("ada").await;
    let run = run_and_wait(&app, &ada, json!({"horizon_weeks": 26})).await;
    assert_eq!(run["status"], "done", "{run}");
    let fit = &run["result"]["fit"];
    assert_eq!(fit["customers"], 80);
    for p in ["r", "alpha", "a", "b"] {
        assert!(fit["bgnbd"][p].as_f64().unwrap() > 0.0, "{p} in {fit}");
    }
    let hist: u64 = run["result"]["churn_histogram"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(hist, 80);
    let (_, measures) = app
        .call("GET", "/api/v1/customers/P001/measures", Some(&ada), None)
        .await;
    let churn = measures
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["measure"] == "churn_probability")
        .unwrap();
    let v = churn["value"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&v));
    assert!(
        churn["explanation"].as_str().unwrap().contains("purchase")
            || churn["explanation"].as_str().unwrap().contains("buys")
    );
    let (_, card) = app
        .call("GET", "/api/v1/customers/P001/card", Some(&ada), None)
        .await;
    assert_eq!(card["slots"][0]["name"], "churn_probability");
    assert!(card["slots"][0]["value"].as_str().unwrap().ends_with('%'));
    let (_, runs) = app
        .call("GET", "/api/v1/insights/runs", Some(&ada), None)
        .await;
    assert_eq!(runs.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn a_run_without_purchases_fails_with_a_reason_and_bad_requests_are_422() {
    let app = TestApp::spawn().await;
    let ada = app.login("ada").await;
    let run = run_and_wait(&app, &ada, json!({})).await;
    assert_eq!(run["status"], "failed");
    assert!(run["error"].as_str().unwrap().contains("no purchases"));
    for bad in [
        json!({"calibration_end": "2026-13-01"}),
        json!({"horizon_weeks": 0}),
        json!({"clv_months": 0}),
    ] {
        let (s, _) = app
            .call(
                "POST",
                "/api/v1/insights/run",
                Some(&ada),
                Some(bad.clone()),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
    }
    let ann = app.login("ann").await;
    let (s, _) = app
        .call("POST", "/api/v1/insights/run", Some(&ann), Some(json!({})))
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn hq_rules_decide_the_next_best_action() {
    let app = TestApp::spawn().await;
    purchases(&app).await;
    let ada = app.login("ada").await;
    let (s, rules) = app
        .call("GET", "/api/v1/insights/rules", Some(&ada), None)
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(!rules["rules"].as_array().unwrap().is_empty());
    let bad = json!({"rules": [{"when": {"churn_probability": {"min": 0.9, "max": 0.1}}, "action": {"code": "x", "label": "X"}}]});
    let (s, _) = app
        .call("PUT", "/api/v1/insights/rules", Some(&ada), Some(bad))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let mine =
        json!({"rules": [{"when": {}, "action": {"code": "call_now", "label": "Call this week"}}]});
    let (s, _) = app
        .call("PUT", "/api/v1/insights/rules", Some(&ada), Some(mine))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(run_and_wait(&app, &ada, json!({})).await["status"], "done");
    let (_, measures) = app
        .call("GET", "/api/v1/customers/P010/measures", Some(&ada), None)
        .await;
    let nba = measures
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["measure"] == "next_best_action")
        .unwrap();
    assert_eq!(nba["label"], "Call this week");
}

#[tokio::test]
async fn an_external_provider_upserts_measures_by_alternate_id() {
    let app = TestApp::spawn().await;
    purchases(&app).await;
    let ada = app.login("ada").await;
    let body = json!([
        {"alternate_customer_id": "ext-1", "measure": "churn_probability", "value": 0.42, "explanation": "from the provider"},
        {"alternate_customer_id": "ext-1", "measure": "rfm_segment", "value": "Champions"},
        {"alternate_customer_id": "nobody", "measure": "p_alive", "value": 0.5},
    ]);
    let (s, r) = app
        .call("PUT", "/api/v1/measures", Some(&ada), Some(body))
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["updated"], 2);
    assert_eq!(r["unknown"], json!(["nobody"]));
    let (_, m) = app
        .call("GET", "/api/v1/customers/P001/measures", Some(&ada), None)
        .await;
    let churn = m
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["measure"] == "churn_probability")
        .unwrap();
    assert_eq!(
        (churn["value"].as_f64(), churn["explanation"].as_str()),
        (Some(0.42), Some("from the provider"))
    );
    let bad = json!([{"alternate_customer_id": "ext-1", "measure": "p_alive", "value": "high"}, {"alternate_customer_id": "ext-1", "measure": "mood", "value": 1}]);
    let (s, p) = app
        .call("PUT", "/api/v1/measures", Some(&ada), Some(bad))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(p["errors"][0]["pointer"], "/0/value");
    assert_eq!(p["errors"][1]["pointer"], "/1/measure");
}

/// A provider on loopback that answers only with the right bearer token.
async fn provider(token: &'static str) -> String {
    use axum::http::{HeaderMap, StatusCode as S};
    let app = axum::Router::new().route(
        "/measures",
        axum::routing::get(move |h: HeaderMap| async move {
            let ok = h.get("authorization").and_then(|v| v.to_str().ok()) == Some(&format!("Bearer {token}"));
            if !ok {
                return Err(S::UNAUTHORIZED);
            }
            Ok(axum::Json(json!([
                {"alternate_customer_id": "ext-3", "measure": "churn_probability", "value": 0.77, "explanation": "provider says so"},
                {"alternate_customer_id": "ext-404", "measure": "p_alive", "value": 0.1},
            ])))
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}/measures")
}

#[tokio::test]
async fn an_external_provider_is_checked_before_it_is_enabled_and_then_pulled() {
    let app = TestApp::spawn().await;
    purchases(&app).await;
    let ada = app.login("ada").await;
    let url = provider("s3cret-token").await;
    let dir = std::env::temp_dir().join(format!("clienteling-secret-{}", uuid::Uuid::now_v7()));
    std::fs::write(&dir, "wrong-token\n").unwrap();
    // SAFETY: nextest runs each test in its own process; no other thread reads this variable yet.
    unsafe { std::env::set_var("CLIENTELING_TEST_PULL_TOKEN_FILE", &dir) };
    let (_, mut settings) = app.call("GET", "/api/v1/settings", Some(&ada), None).await;
    settings["insights"] =
        json!({"provider": "external", "url": url, "secret_name": "CLIENTELING_TEST_PULL_TOKEN"});
    let (s, p) = app
        .call(
            "PUT",
            "/api/v1/settings",
            Some(&ada),
            Some(settings.clone()),
        )
        .await;
    assert_eq!(
        s,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a wrong secret fails the check: {p}"
    );
    assert!(p["errors"][0]["message"].as_str().unwrap().contains("401"));
    std::fs::write(&dir, "s3cret-token\n").unwrap();
    let (s, p) = app
        .call("PUT", "/api/v1/settings", Some(&ada), Some(settings))
        .await;
    assert_eq!(s, StatusCode::OK, "{p}");
    let (_, stored) = app.call("GET", "/api/v1/settings", Some(&ada), None).await;
    assert!(
        !stored.to_string().contains("s3cret-token"),
        "the secret itself is never stored"
    );
    let run = run_and_wait(&app, &ada, json!({})).await;
    assert_eq!(run["status"], "done", "{run}");
    assert_eq!(run["result"]["source"], "external");
    assert_eq!(run["result"]["measures_written"], 1);
    let (_, m) = app
        .call("GET", "/api/v1/customers/P003/measures", Some(&ada), None)
        .await;
    assert_eq!(m[0]["value"].as_f64(), Some(0.77));
    let _ = std::fs::remove_file(&dir);
}
