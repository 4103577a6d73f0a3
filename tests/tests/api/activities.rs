//! Activity types, logging activities, the timeline and the HQ activity
//! listing over HTTP, including two servers sharing one database.

use clienteling_tests::TestApp;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// Create a customer as the admin.
pub async fn new_customer(app: &TestApp, account: &str) {
    let ada = app.login("ada").await;
    let body = json!({"account": account, "first_name": "Kim", "last_name": "Client"});
    let (s, b) = app
        .call("POST", "/api/v1/customers", Some(&ada), Some(body))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
}

pub(crate) async fn log(
    app: &TestApp,
    token: &str,
    account: &str,
    body: Value,
) -> (StatusCode, Value) {
    let path = format!("/api/v1/customers/{account}/activities");
    app.call("POST", &path, Some(token), Some(body)).await
}

pub(crate) fn items(page: &Value) -> &Vec<Value> {
    page["items"].as_array().unwrap()
}

pub(crate) fn field<'a>(page: &'a Value, name: &str) -> Vec<&'a str> {
    items(page)
        .iter()
        .map(|i| i[name].as_str().unwrap_or_default())
        .collect()
}

#[tokio::test]
async fn hq_lists_creates_changes_and_deletes_activity_types() {
    let app = TestApp::spawn().await;
    let ada = app.login("ada").await;
    let (s, types) = app
        .call("GET", "/api/v1/activity-types", Some(&ada), None)
        .await;
    assert_eq!(s, StatusCode::OK);
    let codes: Vec<_> = types
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "appointment",
            "email",
            "outreach",
            "phone_call",
            "reply",
            "store_visit"
        ]
    );
    assert_eq!(
        types[2],
        json!({"code": "outreach", "name": "Message sent", "active": true})
    );
    let new = json!({"code": "Fitting", "name": "Fitting"});
    let (s, t) = app
        .call(
            "POST",
            "/api/v1/activity-types",
            Some(&ada),
            Some(new.clone()),
        )
        .await;
    assert_eq!((s, &t["code"]), (StatusCode::CREATED, &json!("fitting")));
    let (s, _) = app
        .call("POST", "/api/v1/activity-types", Some(&ada), Some(new))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let bad = json!({"code": "no spaces", "name": ""});
    let (s, p) = app
        .call("POST", "/api/v1/activity-types", Some(&ada), Some(bad))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(p["errors"][0]["pointer"], "/code");
    assert_eq!(p["errors"][1]["pointer"], "/name");
    let (s, t) = app
        .call(
            "PATCH",
            "/api/v1/activity-types/fitting",
            Some(&ada),
            Some(json!({"name": "Try-on", "code": "try_on"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{t}");
    assert_eq!(
        t,
        json!({"code": "try_on", "name": "Try-on", "active": true})
    );
    let (s, _) = app
        .call(
            "PATCH",
            "/api/v1/activity-types/fitting",
            Some(&ada),
            Some(json!({})),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = app
        .call(
            "PATCH",
            "/api/v1/activity-types/email",
            Some(&ada),
            Some(json!({"colour": 1})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (s, _) = app
        .call("DELETE", "/api/v1/activity-types/try_on", Some(&ada), None)
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    new_customer(&app, "T1").await;
    let ann = app.login("ann").await;
    let (s, _) = log(
        &app,
        &ann,
        "T1",
        json!({"type": "email", "description": "Sent the lookbook"}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, p) = app
        .call("DELETE", "/api/v1/activity-types/email", Some(&ada), None)
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert!(p["detail"].as_str().unwrap().contains("deactivate"), "{p}");
    for (m, body) in [
        ("GET", None),
        ("POST", Some(json!({"code": "x", "name": "X"}))),
    ] {
        let (s, _) = app
            .call(m, "/api/v1/activity-types", Some(&ann), body)
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{m}");
    }
}

#[tokio::test]
async fn an_inactive_type_cannot_be_used_but_old_activities_still_show() {
    let app = TestApp::spawn().await;
    new_customer(&app, "I1").await;
    let (ann, ada) = (app.login("ann").await, app.login("ada").await);
    let (s, _) = log(
        &app,
        &ann,
        "I1",
        json!({"type": "email", "description": "Old e-mail"}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED);
    let off = json!({"active": false});
    let (s, t) = app
        .call(
            "PATCH",
            "/api/v1/activity-types/email",
            Some(&ada),
            Some(off),
        )
        .await;
    assert_eq!((s, &t["active"]), (StatusCode::OK, &json!(false)));
    let (s, p) = log(
        &app,
        &ann,
        "I1",
        json!({"type": "email", "description": "New e-mail"}),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(p["errors"][0]["pointer"], "/type");
    let (s, page) = app
        .call("GET", "/api/v1/customers/I1/timeline", Some(&ann), None)
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(field(&page, "text"), ["Old e-mail"]);
    assert_eq!(field(&page, "type"), ["email"]);
    assert_eq!(field(&page, "type_name"), ["E-mail"]);
}

#[tokio::test]
async fn a_second_server_on_the_same_database_sees_type_changes_at_once() {
    let one = TestApp::spawn().await;
    let two = one.spawn_second().await;
    new_customer(&one, "S1").await;
    let ada_one = one.login("ada").await;
    let ann_two = two.login("ann").await;
    let call = json!({"type": "phone_call", "description": "Called"});
    assert_eq!(
        log(&two, &ann_two, "S1", call.clone()).await.0,
        StatusCode::CREATED
    );
    let off = json!({"active": false, "name": "Phone (old)"});
    let (s, _) = one
        .call(
            "PATCH",
            "/api/v1/activity-types/phone_call",
            Some(&ada_one),
            Some(off),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, p) = log(&two, &ann_two, "S1", call.clone()).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{p}");
    let ada_two = two.login("ada").await;
    let (_, types) = two
        .call("GET", "/api/v1/activity-types", Some(&ada_two), None)
        .await;
    let phone = types
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["code"] == "phone_call")
        .unwrap();
    assert_eq!(
        phone,
        &json!({"code": "phone_call", "name": "Phone (old)", "active": false})
    );
    let (_, page) = two
        .call("GET", "/api/v1/customers/S1/timeline", Some(&ann_two), None)
        .await;
    assert_eq!(field(&page, "type_name"), ["Phone (old)"]);
    let on = json!({"active": true});
    let (s, _) = two
        .call(
            "PATCH",
            "/api/v1/activity-types/phone_call",
            Some(&ada_two),
            Some(on),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let ann_one = one.login("ann").await;
    assert_eq!(log(&one, &ann_one, "S1", call).await.0, StatusCode::CREATED);
}

#[tokio::test]
async fn activities_are_logged_with_defaults_and_validated() {
    let app = TestApp::spawn().await;
    new_customer(&app, "L1").await;
    let ann = app.login("ann").await;
    let (s, a) = log(
        &app,
        &ann,
        "L1",
        json!({"type": "Store_Visit", "description": " Tried coats "}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{a}");
    assert_eq!(a["kind"], "activity");
    assert_eq!(a["type"], "store_visit");
    assert_eq!(a["text"], "Tried coats");
    assert_eq!(a["associate_name"], "ann tester");
    assert_eq!(
        (&a["due_at"], &a["can_edit"]),
        (&Value::Null, &json!(false))
    );
    let at = time::OffsetDateTime::parse(
        a["at"].as_str().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    assert!(
        (time::OffsetDateTime::now_utc() - at).whole_seconds().abs() < 60,
        "default now"
    );
    let body = json!({"type": "appointment", "at": "2026-05-01T10:00:00+03:00",
        "description": "Booked a fitting", "due_at": "2026-05-08T12:00:00Z"});
    let (s, a) = log(&app, &ann, "L1", body).await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(
        (a["at"].as_str(), a["due_at"].as_str()),
        (Some("2026-05-01T07:00:00Z"), Some("2026-05-08T12:00:00Z"))
    );
    for (body, pointer) in [
        (
            json!({"type": "email", "description": "x".repeat(2001)}),
            "/description",
        ),
        (json!({"type": "email", "description": " "}), "/description"),
        (
            json!({"type": "email", "description": "x", "at": "yesterday"}),
            "/at",
        ),
        (
            json!({"type": "email", "description": "x", "due_at": "2026-02-30T00:00:00Z"}),
            "/due_at",
        ),
        (json!({"type": "fax", "description": "x"}), "/type"),
    ] {
        let (s, p) = log(&app, &ann, "L1", body).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{p}");
        assert_eq!(p["errors"][0]["pointer"], pointer);
    }
    assert_eq!(
        log(
            &app,
            &ann,
            "L1",
            json!({"type": "email", "description": "x".repeat(2000)})
        )
        .await
        .0,
        StatusCode::CREATED
    );
    for body in [
        json!({"type": "email"}),
        json!({"type": "email", "description": "x", "mood": 1}),
        json!({"type": 5, "description": "x"}),
    ] {
        assert_eq!(log(&app, &ann, "L1", body).await.0, StatusCode::BAD_REQUEST);
    }
    let (s, _) = app
        .raw(
            "POST",
            "/api/v1/customers/L1/activities",
            &ann,
            "application/json",
            "{\"type\":",
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (s, _) = log(
        &app,
        &ann,
        "NOPE",
        json!({"type": "email", "description": "x"}),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = app
        .call("GET", "/api/v1/customers/NOPE/timeline", Some(&ann), None)
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}
