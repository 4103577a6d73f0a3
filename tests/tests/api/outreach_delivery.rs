//! Outbox delivery against a real SMTP server (aiosmtpd) and a webhook
//! stub: messages arrive once with their Message-ID, the timeline shows
//! `sent`; several workers on one database (separate pools, like separate
//! processes) deliver every message exactly once; an unreachable server is
//! retried with backoff and the message ends dead; webhook calls carry an
//! idempotency key and a valid HMAC signature.

use super::outreach::{bulk_setup, customer, quiet_app, template_id};
use clienteling_server::outreach::webhook;
use clienteling_server::outreach::worker::{WorkerConfig, drain_once};
use clienteling_tests::TestApp;
use clienteling_tests::smtp::{SmtpServer, free_port};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

fn worker(name: &str) -> WorkerConfig {
    WorkerConfig {
        name: name.to_owned(),
        poll: Duration::from_millis(50),
        lease: Duration::from_secs(30),
        batch: 5,
        max_attempts: 3,
        backoff_base: Duration::from_millis(10),
        backoff_max: Duration::from_millis(50),
    }
}

async fn point_smtp_at(app: &TestApp, port: u16) {
    let ada = app.login("ada").await;
    let (_, mut s) = app
        .call("GET", "/api/v1/outreach-settings", Some(&ada), None)
        .await;
    s["smtp"]["port"] = json!(port);
    s["guard"]["max_messages"] = json!(100);
    let (st, b) = app
        .call("PUT", "/api/v1/outreach-settings", Some(&ada), Some(s))
        .await;
    assert_eq!(st, StatusCode::OK, "{b}");
}

async fn drain_all(app: &TestApp, cfg: &WorkerConfig) {
    for _ in 0..200 {
        if drain_once(app.store.as_ref(), cfg).await.unwrap() == 0 {
            let (_, b) = outbox(app, "").await;
            let open = b
                .iter()
                .any(|m| !matches!(m["status"].as_str(), Some("sent" | "dead")));
            if !open {
                return;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
    panic!("outbox did not drain");
}

async fn outbox(app: &TestApp, status: &str) -> (StatusCode, Vec<Value>) {
    let ada = app.login("ada").await;
    let (s, b) = app
        .call(
            "GET",
            &format!("/api/v1/outbox?limit=500{status}"),
            Some(&ada),
            None,
        )
        .await;
    (s, b["items"].as_array().cloned().unwrap_or_default())
}

#[tokio::test]
async fn a_bulk_birthday_email_arrives_once_and_the_timeline_says_sent() {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let app = quiet_app().await;
    point_smtp_at(&app, smtp.port).await;
    let ann = bulk_setup(&app).await;
    let (_, book) = app
        .call("GET", "/api/v1/client-books/mine", Some(&ann), None)
        .await;
    let tpl = template_id(&app, &ann, "birthday", "en").await;
    let send = json!({"template": tpl, "channel": "email",
        "filter": {"book": book["id"], "query": "event=birthday&within_days=30"}});
    let (s, r) = app
        .call("POST", "/api/v1/outreach", Some(&ann), Some(send))
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    drain_all(&app, &worker("w1")).await;
    let got = smtp.wait_for(1, Duration::from_secs(5)).await;
    assert_eq!(got.len(), 1, "{got:?}");
    let m = &got[0];
    assert_eq!(m.header("to"), Some("k1@example.com"));
    assert_eq!(m.header("subject"), Some("Happy birthday, FirstK1!"));
    let id = r["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["account"] == "K1")
        .unwrap()["message"]
        .clone();
    assert_eq!(
        m.header("message-id"),
        Some(format!("<{}@clienteling>", id.as_str().unwrap()).as_str())
    );
    assert!(
        m.body.contains("ada tester") || m.body.contains("ann tester"),
        "{}",
        m.body
    );
    let (_, tl) = app
        .call("GET", "/api/v1/customers/K1/timeline", Some(&ann), None)
        .await;
    assert_eq!(tl["items"][0]["outreach_status"], "sent", "{tl}");
    assert_eq!(tl["items"][0]["type"], "outreach");
}

#[tokio::test]
async fn several_workers_on_one_database_deliver_each_message_exactly_once() {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let app = quiet_app().await;
    point_smtp_at(&app, smtp.port).await;
    let n = 24;
    let accounts: Vec<String> = (0..n).map(|i| format!("X{i:02}")).collect();
    for a in &accounts {
        customer(
            &app,
            a,
            Some(&format!("{}@example.com", a.to_lowercase())),
            &["email"],
        )
        .await;
    }
    let ann = app.login("ann").await;
    let tpl = template_id(&app, &ann, "stay-in-touch", "en").await;
    let send = json!({"template": tpl, "channel": "email", "accounts": accounts});
    let (s, r) = app
        .call("POST", "/api/v1/outreach", Some(&ann), Some(send))
        .await;
    assert_eq!(r["queued"], n, "{s} {r}");
    let mut tasks = Vec::new();
    for w in 0..4 {
        let store = app.db.connect().await;
        let cfg = worker(&format!("w{w}"));
        tasks.push(tokio::spawn(async move {
            let mut idle = 0;
            while idle < 5 {
                let k = drain_once(store.as_ref(), &cfg).await.unwrap();
                idle = if k == 0 { idle + 1 } else { 0 };
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let got = smtp.wait_for(n, Duration::from_secs(5)).await;
    let mut per_id: HashMap<String, usize> = HashMap::new();
    for m in &got {
        *per_id
            .entry(m.header("message-id").unwrap().to_owned())
            .or_default() += 1;
    }
    assert_eq!(got.len(), n, "every message delivered once: {per_id:?}");
    assert!(per_id.values().all(|c| *c == 1), "{per_id:?}");
    let (_, sent) = outbox(&app, "&status=sent").await;
    assert_eq!(sent.len(), n);
}

#[tokio::test]
async fn an_unreachable_smtp_server_is_retried_with_backoff_then_the_message_is_dead() {
    let app = quiet_app().await;
    point_smtp_at(&app, free_port()).await;
    customer(&app, "D1", Some("d1@example.com"), &["email"]).await;
    let ann = app.login("ann").await;
    let tpl = template_id(&app, &ann, "thank-you", "en").await;
    let send = json!({"template": tpl, "channel": "email", "accounts": ["D1"]});
    app.call("POST", "/api/v1/outreach", Some(&ann), Some(send))
        .await;
    let cfg = worker("w1");
    drain_once(app.store.as_ref(), &cfg).await.unwrap();
    let (_, failed) = outbox(&app, "&status=failed").await;
    assert_eq!(failed.len(), 1, "first attempt failed, retry planned");
    assert_eq!(failed[0]["attempts"], 1);
    drain_all(&app, &cfg).await;
    let (_, dead) = outbox(&app, "&status=dead").await;
    assert_eq!(dead.len(), 1);
    assert_eq!(dead[0]["attempts"], 3);
    assert!(
        dead[0]["last_error"]
            .as_str()
            .unwrap()
            .contains("unreachable"),
        "{dead:?}"
    );
    let (_, tl) = app
        .call("GET", "/api/v1/customers/D1/timeline", Some(&ann), None)
        .await;
    assert_eq!(tl["items"][0]["outreach_status"], "dead");
}

/// A webhook provider stub: records calls, checks signatures, fails the first `fail` calls.
async fn stub(secret: &'static str, fail: usize) -> (u16, Arc<Mutex<Vec<(String, bool, Value)>>>) {
    use axum::http::HeaderMap;
    let calls: Arc<Mutex<Vec<(String, bool, Value)>>> = Arc::default();
    let seen = calls.clone();
    let handler = move |headers: HeaderMap, body: String| {
        let seen = seen.clone();
        async move {
            let h = |n: &str| {
                headers
                    .get(n)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("")
                    .to_owned()
            };
            let ts: i64 = h(webhook::TIMESTAMP).parse().unwrap_or(0);
            let ok = h(webhook::SIGNATURE) == webhook::sign(secret.as_bytes(), ts, body.as_bytes());
            let mut calls = seen.lock().unwrap();
            calls.push((
                h("idempotency-key"),
                ok,
                serde_json::from_str(&body).unwrap_or(Value::Null),
            ));
            if calls.len() <= fail {
                StatusCode::SERVICE_UNAVAILABLE
            } else {
                StatusCode::ACCEPTED
            }
        }
    };
    let app = axum::Router::new().route("/send", axum::routing::post(handler));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (port, calls)
}

#[tokio::test]
async fn sms_goes_to_the_webhook_signed_with_an_idempotency_key_and_is_retried() {
    // SAFETY: nextest runs every test in its own process, and no other
    // thread reads the environment yet.
    unsafe { std::env::set_var("CLIENTELING_TEST_WEBHOOK_SECRET", "s3cret") };
    let (port, calls) = stub("s3cret", 1).await;
    let app = quiet_app().await;
    let ada = app.login("ada").await;
    let (_, mut s) = app
        .call("GET", "/api/v1/outreach-settings", Some(&ada), None)
        .await;
    s["webhook"] = json!({"url": format!("http://127.0.0.1:{port}/send"), "secret_name": "CLIENTELING_TEST_WEBHOOK_SECRET"});
    let (st, b) = app
        .call("PUT", "/api/v1/outreach-settings", Some(&ada), Some(s))
        .await;
    assert_eq!(st, StatusCode::OK, "{b}");
    customer(&app, "S1", None, &["sms", "whatsapp"]).await;
    let tpl = template_id(&app, &ada, "thank-you", "fi").await;
    for ch in ["sms", "whatsapp"] {
        let send = json!({"template": tpl, "channel": ch, "accounts": ["S1"]});
        let (_, r) = app
            .call("POST", "/api/v1/outreach", Some(&ada), Some(send))
            .await;
        assert_eq!(r["queued"], 1, "{r}");
    }
    drain_all(&app, &worker("w1")).await;
    let calls = calls.lock().unwrap().clone();
    assert_eq!(calls.len(), 3, "one retry after the 503: {calls:?}");
    assert!(calls.iter().all(|c| c.1), "every signature verifies");
    let first = &calls[0];
    let again: Vec<_> = calls.iter().filter(|c| c.0 == first.0).collect();
    assert_eq!(
        again.len(),
        2,
        "the retry reuses the idempotency key: {calls:?}"
    );
    assert_eq!(again[1].2, first.2, "and sends the same message");
    let channels: Vec<&str> = calls
        .iter()
        .map(|c| c.2["channel"].as_str().unwrap())
        .collect();
    assert!(
        channels.contains(&"sms") && channels.contains(&"whatsapp"),
        "{channels:?}"
    );
    assert_eq!(first.2["to"], "+358401234567");
    assert!(first.2["text"].as_str().unwrap().contains("FirstS1"));
    let (_, sent) = outbox(&app, "&status=sent").await;
    assert_eq!(sent.len(), 2);
}
