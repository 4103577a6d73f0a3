//! Company settings saved through the web UI are audited exactly like the
//! API: the form handler and the API route share one save function.

use clienteling_tests::{COMPANY, TestApp, password};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// Sign in `user` like the browser does: the session cookie and CSRF token.
async fn browser_session(app: &TestApp, user: &str) -> (String, String) {
    let res = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"company": COMPANY, "username": user, "password": password(user)}))
        .send()
        .await
        .unwrap();
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_owned();
    let body: Value = res.json().await.unwrap();
    let pair = cookie.split(';').next().unwrap().to_owned();
    (pair, body["csrf_token"].as_str().unwrap().to_owned())
}

async fn settings_audits(app: &TestApp, token: &str) -> Vec<Value> {
    let (s, log) = app
        .call("GET", "/api/v1/audit?limit=500", Some(token), None)
        .await;
    assert_eq!(s, StatusCode::OK, "{log}");
    log["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "outreach_settings.update")
        .cloned()
        .collect()
}

#[tokio::test]
async fn outreach_settings_saved_in_the_ui_are_audited() {
    let app = TestApp::spawn().await;
    let ada = app.login("ada").await;
    let (cookie, csrf) = browser_session(&app, "ada").await;
    let post = |host: &'static str| {
        let form = [
            ("_csrf", csrf.as_str()),
            ("smtp_host", host),
            ("smtp_port", "2525"),
            ("smtp_from", "hq@example.com"),
            ("smtp_tls", "none"),
            ("max_messages", "2"),
            ("per_days", "7"),
            ("quiet_start", ""),
            ("quiet_end", ""),
        ];
        app.client
            .post(app.url("/setup/outreach-settings"))
            .header("cookie", &cookie)
            .form(&form)
            .send()
    };
    let bad = post("bad host").await.unwrap();
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        settings_audits(&app, &ada).await.is_empty(),
        "a refused save is not audited as a change"
    );
    let ok = post("smtp.example.com").await.unwrap();
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    let (_, saved) = app
        .call("GET", "/api/v1/outreach-settings", Some(&ada), None)
        .await;
    assert_eq!(saved["smtp"]["host"], "smtp.example.com", "{saved}");
    let entries = settings_audits(&app, &ada).await;
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0]["outcome"], "ok");
    assert_eq!(entries[0]["detail"]["smtp_host"], "smtp.example.com");
}
