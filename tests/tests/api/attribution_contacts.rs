//! Attribution and the contacts recorded about a customer: a customer's
//! reply (activity type `reply`) is a contact kind of its own, ranked above
//! a message sent by default; and a contact recorded after the fact
//! (backdated) changes the attribution of that customer's later purchases
//! at once, without a rules save, while other customers' stay computed.

use super::activities::{items, new_customer};
use clienteling_store::Store;
use clienteling_tests::TestApp;
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn log(app: &TestApp, token: &str, account: &str, kind: &str, at: &str) {
    let body = json!({"type": kind, "at": at, "description": "Contact"});
    let path = format!("/api/v1/customers/{account}/activities");
    let (s, b) = app.call("POST", &path, Some(token), Some(body)).await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
}

async fn buy(app: &TestApp, account: &str, at: &str, amount: i64) {
    let ada = app.login("ada").await;
    let body = json!({"at": at, "amount_minor": amount, "currency": "EUR", "store": "helsinki"});
    let path = format!("/api/v1/customers/{account}/purchases");
    let (s, b) = app.call("POST", &path, Some(&ada), Some(body)).await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
}

/// `(account, contact kind, associate username-ish name)` per attributed purchase, oldest first.
async fn attributed(app: &TestApp) -> Vec<(String, String, String)> {
    let ada = app.login("ada").await;
    let (s, page) = app
        .call(
            "GET",
            "/api/v1/attribution?from=2026-05-01&to=2026-06-30",
            Some(&ada),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{page}");
    let mut rows: Vec<(String, String, String, String)> = items(&page)
        .iter()
        .map(|r: &Value| {
            (
                r["purchase_at"].as_str().unwrap().to_owned(),
                r["customer"].as_str().unwrap().to_owned(),
                r["contact_kind"].as_str().unwrap().to_owned(),
                r["associate_name"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    rows.sort();
    rows.into_iter().map(|(_, a, k, n)| (a, k, n)).collect()
}

fn row(account: &str, kind: &str, who: &str) -> (String, String, String) {
    (account.into(), kind.into(), who.into())
}

#[tokio::test]
async fn a_customer_reply_outranks_a_later_message_and_an_appointment_outranks_it() {
    let app = TestApp::spawn().await;
    new_customer(&app, "RP1").await;
    let (ann, max) = (app.login("ann").await, app.login("max").await);
    log(&app, &max, "RP1", "reply", "2026-05-01T10:00:00Z").await;
    log(&app, &ann, "RP1", "email", "2026-05-02T10:00:00Z").await;
    buy(&app, "RP1", "2026-05-04T10:00:00Z", 5000).await;
    let got = attributed(&app).await;
    assert_eq!(
        got,
        [row("RP1", "reply", "max tester")],
        "reply > later e-mail"
    );
    let ada = app.login("ada").await;
    let (_, rules) = app
        .call("GET", "/api/v1/attribution-rules", Some(&ada), None)
        .await;
    assert_eq!(rules["windows_days"]["reply"], 14, "{rules}");
    let p = rules["priority"].as_array().unwrap();
    assert_eq!(
        (p[0].clone(), p[1].clone()),
        (json!("appointment"), json!("reply"))
    );
    let mut narrow = rules.clone();
    narrow.as_object_mut().unwrap().remove("version");
    narrow["windows_days"]["reply"] = json!(2);
    let (s, b) = app
        .call("PUT", "/api/v1/attribution-rules", Some(&ada), Some(narrow))
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let got = attributed(&app).await;
    assert_eq!(
        got,
        [row("RP1", "other", "ann tester")],
        "a reply 3 days before is outside a 2-day window"
    );
}

/// A purchase of `account` computed under the current rules is pending again.
async fn pending(store: &dyn Store, app: &TestApp) -> usize {
    store
        .pending_purchases(app.company, 0, 100)
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn a_backdated_contact_or_purchase_updates_that_customers_attribution_at_once() {
    let app = TestApp::spawn().await;
    new_customer(&app, "BD1").await;
    new_customer(&app, "BD2").await;
    let (ann, max) = (app.login("ann").await, app.login("max").await);
    log(&app, &ann, "BD1", "store_visit", "2026-05-01T10:00:00Z").await;
    log(&app, &ann, "BD2", "store_visit", "2026-05-01T10:00:00Z").await;
    buy(&app, "BD1", "2026-05-04T10:00:00Z", 1000).await;
    buy(&app, "BD2", "2026-05-04T10:00:00Z", 2000).await;
    let before = vec![
        row("BD1", "store_visit", "ann tester"),
        row("BD2", "store_visit", "ann tester"),
    ];
    assert_eq!(attributed(&app).await, before);
    assert_eq!(pending(app.store.as_ref(), &app).await, 0);
    // Recorded today, it happened before BD1's purchase: a reply outranks a visit.
    log(&app, &max, "BD1", "reply", "2026-05-03T10:00:00Z").await;
    assert_eq!(
        pending(app.store.as_ref(), &app).await,
        1,
        "only BD1's purchase is recomputed"
    );
    let after = vec![
        row("BD1", "reply", "max tester"),
        row("BD2", "store_visit", "ann tester"),
    ];
    assert_eq!(attributed(&app).await, after, "no rules save needed");
    // A contact after the purchase changes nothing.
    log(&app, &ann, "BD2", "reply", "2026-05-05T10:00:00Z").await;
    assert_eq!(pending(app.store.as_ref(), &app).await, 0);
    // A backdated purchase is attributed at the next read.
    buy(&app, "BD2", "2026-05-02T10:00:00Z", 3000).await;
    let got = attributed(&app).await;
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(got[0], row("BD2", "store_visit", "ann tester"));
}
