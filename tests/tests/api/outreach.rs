//! Outreach over HTTP: templates (seeded, versioned, checked at save),
//! previews, consent per channel, the per-customer results of a send
//! (queued / no_consent / guard / no_address), quiet hours, bulk by a
//! client-book filter, and bad input that is a 4xx and queues nothing.

use clienteling_server::Config;
use clienteling_tests::TestApp;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// An app without an outbox worker: messages stay queued.
pub async fn quiet_app() -> TestApp {
    TestApp::spawn_with(Config {
        outbox: None,
        ..Config::default()
    })
    .await
}

/// Create a customer (as ada) with `email`/`phone` and consents.
pub async fn customer(app: &TestApp, acc: &str, email: Option<&str>, consents: &[&str]) {
    let ada = app.login("ada").await;
    let c = json!({"account": acc, "first_name": format!("First{acc}"), "last_name": "Tester",
        "email": email, "phone": "+358401234567", "consent": true, "address_books": ["hel"]});
    let (s, b) = app
        .call("POST", "/api/v1/customers", Some(&ada), Some(c))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    let rows: Vec<Value> = consents
        .iter()
        .map(|ch| json!({"channel": ch, "opt_in": true, "source": "store"}))
        .collect();
    let path = format!("/api/v1/customers/{acc}/consents");
    let (s, b) = app.call("PUT", &path, Some(&ada), Some(json!(rows))).await;
    assert_eq!(s, StatusCode::OK, "{b}");
}

/// The id of the seeded template `code` in `locale`.
pub async fn template_id(app: &TestApp, token: &str, code: &str, locale: &str) -> String {
    let (s, list) = app
        .call("GET", "/api/v1/message-templates", Some(token), None)
        .await;
    assert_eq!(s, StatusCode::OK, "{list}");
    list.as_array()
        .unwrap()
        .iter()
        .find(|t| t["code"] == code && t["locale"] == locale)
        .unwrap_or_else(|| panic!("no template {code}/{locale}: {list}"))["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// `account -> result` of an outreach response.
pub fn results(r: &Value) -> Vec<(String, String)> {
    r["results"]
        .as_array()
        .unwrap_or_else(|| panic!("no results: {r}"))
        .iter()
        .map(|x| {
            (
                x["account"].as_str().unwrap().to_owned(),
                x["result"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// HQ (ada) changes the guard's `fields` and keeps the other outreach settings.
pub async fn set_guard(app: &TestApp, fields: Value) {
    let ada = app.login("ada").await;
    let (_, mut settings) = app
        .call("GET", "/api/v1/outreach-settings", Some(&ada), None)
        .await;
    for (k, v) in fields.as_object().into_iter().flatten() {
        settings["guard"][k] = v.clone();
    }
    let (s, b) = app
        .call(
            "PUT",
            "/api/v1/outreach-settings",
            Some(&ada),
            Some(settings),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
}

async fn outbox_len(app: &TestApp) -> usize {
    let ada = app.login("ada").await;
    let (s, b) = app
        .call("GET", "/api/v1/outbox?limit=500", Some(&ada), None)
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    b["items"].as_array().unwrap().len()
}

#[tokio::test]
async fn templates_are_seeded_in_three_languages_versioned_and_checked_when_saved() {
    let app = quiet_app().await;
    let ada = app.login("ada").await;
    let (_, list) = app
        .call("GET", "/api/v1/message-templates", Some(&ada), None)
        .await;
    assert_eq!(list.as_array().unwrap().len(), 9, "{list}");
    let id = template_id(&app, &ada, "birthday", "fi").await;
    let path = format!("/api/v1/message-templates/{id}");
    let (s, t) = app
        .call(
            "PATCH",
            &path,
            Some(&ada),
            Some(json!({"subject": "Onnea {{ customer.first_name }}!"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{t}");
    assert_eq!(t["version"], 2);
    let (_, v) = app
        .call("GET", &format!("{path}/versions"), Some(&ada), None)
        .await;
    let versions: Vec<i64> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["version"].as_i64().unwrap())
        .collect();
    assert_eq!(versions, [2, 1]);
    let bad = [
        (json!({"body": "Hi {{ customer.nickname }}"}), "/body"),
        (json!({"subject": "Hi\r\nBcc: all@example.com"}), "/subject"),
        (
            json!({"body": "{% for i in range(10000) %}{% for j in range(10000) %}x{% endfor %}{% endfor %}"}),
            "/body",
        ),
        (json!({"body": "{% if %}"}), "/body"),
    ];
    for (change, pointer) in bad {
        let (s, p) = app
            .call("PATCH", &path, Some(&ada), Some(change.clone()))
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{change}: {p}");
        assert_eq!(p["errors"][0]["pointer"], pointer, "{p}");
    }
    let (_, t) = app.call("GET", &path, Some(&ada), None).await;
    assert_eq!(t["version"], 2, "a rejected change stores no version");
    let new = json!({"code": "welcome", "locale": "en", "name": "Welcome", "html": true,
        "subject": "Welcome {{ customer.first_name }}", "body": "<p>Hello {{ customer.first_name }}</p>"});
    let (s, created) = app
        .call(
            "POST",
            "/api/v1/message-templates",
            Some(&ada),
            Some(new.clone()),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{created}");
    let (s, _) = app
        .call("POST", "/api/v1/message-templates", Some(&ada), Some(new))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
}

#[tokio::test]
async fn previews_render_for_the_sample_or_a_customer_and_escape_html() {
    let app = quiet_app().await;
    customer(&app, "P1", Some("p1@example.com"), &["email"]).await;
    let ada = app.login("ada").await;
    let new = json!({"code": "html", "locale": "en", "name": "Html", "html": true,
        "subject": "Hi {{ customer.first_name }}", "body": "<p>{{ customer.last_name }} & {{ associate.name }}</p>"});
    let (_, t) = app
        .call("POST", "/api/v1/message-templates", Some(&ada), Some(new))
        .await;
    let path = format!(
        "/api/v1/message-templates/{}/preview",
        t["id"].as_str().unwrap()
    );
    let (s, r) = app.call("POST", &path, Some(&ada), Some(json!({}))).await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["subject"], "Hi Aino");
    let (_, r) = app
        .call("POST", &path, Some(&ada), Some(json!({"account": "P1"})))
        .await;
    assert_eq!(r["subject"], "Hi FirstP1");
    assert_eq!(r["body"], "<p>Tester & ada tester</p>");
    let (_, r) = app
        .call(
            "POST",
            &path,
            Some(&ada),
            Some(json!({"body": "<i>{{ customer.first_name }}</i>", "account": "P1"})),
        )
        .await;
    assert_eq!(r["body"], "<i>FirstP1</i>");
    let (s, r) = app
        .call(
            "POST",
            &path,
            Some(&ada),
            Some(json!({"body": "{{ nope }}"})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{r}");
}

#[tokio::test]
async fn each_customer_gets_a_result_queued_no_consent_guard_or_no_address() {
    let app = quiet_app().await;
    customer(&app, "Q1", Some("q1@example.com"), &["email"]).await;
    customer(&app, "Q2", Some("q2@example.com"), &["sms"]).await;
    customer(&app, "Q3", None, &["email"]).await;
    customer(&app, "Q4", Some("q4@example.com"), &["email"]).await;
    set_guard(&app, json!({"max_messages": 1})).await;
    let ann = app.login("ann").await;
    let tpl = template_id(&app, &ann, "thank-you", "en").await;
    let first = json!({"template": tpl, "channel": "email", "accounts": ["Q4"]});
    let (s, r) = app
        .call("POST", "/api/v1/outreach", Some(&ann), Some(first))
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    let send =
        json!({"template": tpl, "channel": "email", "accounts": ["Q1", "Q2", "Q3", "Q4", "NOPE"]});
    let (s, r) = app
        .call("POST", "/api/v1/outreach", Some(&ann), Some(send))
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    let want = [
        ("Q1", "queued"),
        ("Q2", "no_consent"),
        ("Q3", "no_address"),
        ("Q4", "guard"),
        ("NOPE", "not_found"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(results(&r), want);
    assert_eq!(r["queued"], 1);
    assert_eq!(outbox_len(&app).await, 2);
    let (s, msgs) = app
        .call(
            "GET",
            &format!("/api/v1/outreach/{}", r["id"].as_str().unwrap()),
            Some(&ann),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{msgs}");
    assert_eq!(msgs[0]["account"], "Q1");
    assert_eq!(msgs[0]["status"], "queued");
    assert_eq!(msgs[0]["template_version"], 1);
    let (_, tl) = app
        .call("GET", "/api/v1/customers/Q1/timeline", Some(&ann), None)
        .await;
    let item = &tl["items"][0];
    assert_eq!(item["type"], "outreach", "{tl}");
    assert_eq!(item["outreach_status"], "queued", "{tl}");
    assert!(item["text"].as_str().unwrap().contains("FirstQ1"), "{tl}");
}

#[tokio::test]
async fn messages_queued_in_quiet_hours_are_held_until_they_end() {
    let app = quiet_app().await;
    customer(&app, "H1", Some("h1@example.com"), &["email"]).await;
    let ada = app.login("ada").await;
    let hour = time::OffsetDateTime::now_utc().hour();
    let quiet = json!({"quiet_start_hour": hour, "quiet_end_hour": (hour + 1) % 24});
    set_guard(&app, quiet).await;
    let tpl = template_id(&app, &ada, "thank-you", "en").await;
    let send = json!({"template": tpl, "channel": "email", "accounts": ["H1"]});
    let (_, r) = app
        .call("POST", "/api/v1/outreach", Some(&ada), Some(send))
        .await;
    assert_eq!(results(&r)[0].1, "queued", "{r}");
    let held = r["results"][0]["held_until"].as_str().expect("held_until");
    assert!(
        held.contains(&format!("T{:02}:00:00", (hour + 1) % 24)),
        "{held}"
    );
}

#[tokio::test]
async fn bad_input_is_a_4xx_and_queues_nothing() {
    let app = quiet_app().await;
    customer(&app, "B1", Some("b1@example.com"), &["email"]).await;
    let ann = app.login("ann").await;
    let tpl = template_id(&app, &ann, "thank-you", "en").await;
    let cases = [
        json!({"template": "no-such", "channel": "email", "accounts": ["B1"]}),
        json!({"template": tpl, "channel": "pigeon", "accounts": ["B1"]}),
        json!({"template": tpl, "channel": "email"}),
        json!({"template": tpl, "channel": "email", "accounts": []}),
        json!({"template": tpl, "channel": "email", "accounts": ["B1"], "filter": {"book": "x"}}),
        json!({"template": tpl, "channel": "email", "accounts": ["B1"], "extra": 1}),
        json!({"template": tpl, "channel": "email", "filter": {"book": "CB-999999"}}),
    ];
    for c in cases {
        let (s, b) = app
            .call("POST", "/api/v1/outreach", Some(&ann), Some(c.clone()))
            .await;
        assert!(s.is_client_error(), "{c}: {s} {b}");
    }
    let bad_consent = json!([{"channel": "fax", "opt_in": true, "source": "x"}]);
    let (s, _) = app
        .call(
            "PUT",
            "/api/v1/customers/B1/consents",
            Some(&ann),
            Some(bad_consent),
        )
        .await;
    assert!(s.is_client_error());
    let ada = app.login("ada").await;
    let (s, _) = app
        .call("GET", "/api/v1/outbox?status=lost", Some(&ada), None)
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let mut settings = json!({"smtp": {"host": "h", "port": 25, "from": "a@b.fi", "tls": "none", "password_secret": "hunter2"},
        "guard": {"max_messages": 3, "per_days": 7}});
    let (s, b) = app
        .call(
            "PUT",
            "/api/v1/outreach-settings",
            Some(&ada),
            Some(settings.clone()),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    settings["smtp"]["password_secret"] = json!(null);
    settings["smtp"]["from"] = json!("a@b.fi\r\nBcc: x@y.z");
    let (s, _) = app
        .call(
            "PUT",
            "/api/v1/outreach-settings",
            Some(&ada),
            Some(settings),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(outbox_len(&app).await, 0);
}

#[tokio::test]
async fn bulk_outreach_by_a_book_filter_reaches_the_birthdays_of_the_next_30_days() {
    let app = quiet_app().await;
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
    let mut got = results(&r);
    got.sort();
    assert_eq!(
        got,
        [
            ("K1".to_owned(), "queued".to_owned()),
            ("K3".to_owned(), "no_consent".to_owned())
        ]
    );
}

/// ann's book: K1 (birthday soon, consent), K2 (birthday later), K3 (soon, no e-mail consent).
pub async fn bulk_setup(app: &TestApp) -> String {
    let ada = app.login("ada").await;
    let group = json!({"name": "main", "attributes": [{"name": "birthday", "kind": "date", "display_order": 1}]});
    let (s, g) = app
        .call("POST", "/api/v1/attribute-groups", Some(&ada), Some(group))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{g}");
    let (_, mut settings) = app.call("GET", "/api/v1/settings", Some(&ada), None).await;
    settings["attribute_group"] = json!("main");
    app.call("PUT", "/api/v1/settings", Some(&ada), Some(settings))
        .await;
    let today = time::OffsetDateTime::now_utc().date();
    let md = |d: time::Date| format!("1990-{:02}-{:02}", u8::from(d.month()), d.day());
    let soon = md(today + time::Duration::days(5));
    let later = md(today + time::Duration::days(100));
    let ann = app.login("ann").await;
    let (_, book) = app
        .call("GET", "/api/v1/client-books/mine", Some(&ann), None)
        .await;
    for (acc, bday, consents) in [
        ("K1", &soon, &["email"][..]),
        ("K2", &later, &["email"]),
        ("K3", &soon, &["sms"]),
    ] {
        customer(
            app,
            acc,
            Some(&format!("{}@example.com", acc.to_lowercase())),
            consents,
        )
        .await;
        let path = format!("/api/v1/customers/{acc}/attributes");
        let (s, b) = app
            .call("PUT", &path, Some(&ada), Some(json!({"birthday": bday})))
            .await;
        assert_eq!(s, StatusCode::OK, "{b}");
        let path = format!(
            "/api/v1/client-books/{}/customers",
            book["id"].as_str().unwrap()
        );
        let (s, b) = app
            .call("POST", &path, Some(&ann), Some(json!({"accounts": [acc]})))
            .await;
        assert_eq!(s, StatusCode::OK, "{b}");
    }
    ann
}
