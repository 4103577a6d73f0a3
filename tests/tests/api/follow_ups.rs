//! Follow-ups over the API: shapes, hand-made ones, done / snooze / dismiss,
//! other associates' follow-ups, managers' store view, the rule table, the
//! on-demand rule run, and the upcoming events merging follow-ups and due
//! activities with date attributes.

use clienteling_tests::TestApp;
use reqwest::StatusCode;
use serde_json::{Value, json};
use time::{Date, Duration, OffsetDateTime};

fn today() -> Date {
    OffsetDateTime::now_utc().date()
}

fn day(n: i64) -> String {
    (today() + Duration::days(n)).to_string()
}

/// A `birthday` group, customers FA (birthday in 10 days) and FB, both in
/// ann's book. Returns (ada, ann, ann's book).
pub async fn setup(app: &TestApp) -> (String, String, String) {
    let ada = app.login("ada").await;
    let group = json!({"name": "main", "attributes": [
        {"name": "birthday", "kind": "date", "display_order": 1}]});
    let (s, g) = app
        .call("POST", "/api/v1/attribute-groups", Some(&ada), Some(group))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{g}");
    let (_, mut settings) = app.call("GET", "/api/v1/settings", Some(&ada), None).await;
    settings["attribute_group"] = json!("main");
    let (s, _) = app
        .call("PUT", "/api/v1/settings", Some(&ada), Some(settings))
        .await;
    assert_eq!(s, StatusCode::OK);
    let soon = today() + Duration::days(10);
    let bday = format!("1990-{:02}-{:02}", u8::from(soon.month()), soon.day());
    for (acc, last) in [("FA", "Aho"), ("FB", "Berg")] {
        let c = json!({"account": acc, "first_name": "Kim", "last_name": last, "consent": true});
        let (s, _) = app
            .call("POST", "/api/v1/customers", Some(&ada), Some(c))
            .await;
        assert_eq!(s, StatusCode::CREATED);
    }
    let path = "/api/v1/customers/FA/attributes";
    let (s, b) = app
        .call("PUT", path, Some(&ada), Some(json!({"birthday": bday})))
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let ann = app.login("ann").await;
    let (_, mine) = app
        .call("GET", "/api/v1/client-books/mine", Some(&ann), None)
        .await;
    let book = mine["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/client-books/{book}/customers");
    let (s, _) = app
        .call(
            "POST",
            &path,
            Some(&ann),
            Some(json!({"accounts": ["FA", "FB"]})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    (ada, ann, book)
}

async fn create(
    app: &TestApp,
    token: &str,
    account: &str,
    due: &str,
    reason: &str,
) -> (StatusCode, Value) {
    let path = format!("/api/v1/customers/{account}/follow-ups");
    app.call(
        "POST",
        &path,
        Some(token),
        Some(json!({"due": due, "reason": reason})),
    )
    .await
}

async fn patch(app: &TestApp, token: &str, id: &str, body: Value) -> (StatusCode, Value) {
    app.call(
        "PATCH",
        &format!("/api/v1/follow-ups/{id}"),
        Some(token),
        Some(body),
    )
    .await
}

fn ids(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn an_associate_creates_lists_and_closes_their_follow_ups() {
    let app = TestApp::spawn().await;
    let (_, ann, _) = setup(&app).await;
    let (s, f) = create(&app, &ann, "FB", &day(0), "Call about the coat").await;
    assert_eq!(s, StatusCode::CREATED, "{f}");
    assert_eq!(f["customer"], "FB");
    assert_eq!(f["customer_name"], "Kim Berg");
    assert_eq!(
        (f["status"].as_str(), f["source"].as_str()),
        (Some("open"), Some("manual"))
    );
    assert_eq!(f["due"], day(0));
    assert_eq!(f["overdue"], false);
    let id = f["id"].as_str().unwrap().to_owned();
    let (_, later) = create(&app, &ann, "FA", &day(2), "Lookbook").await;
    let later = later["id"].as_str().unwrap().to_owned();
    let (s, page) = app
        .call("GET", "/api/v1/follow-ups", Some(&ann), None)
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(ids(&page), [id.clone(), later.clone()], "soonest first");
    assert!(page["next_cursor"].is_null());
    let (_, first) = app
        .call("GET", "/api/v1/follow-ups?limit=1", Some(&ann), None)
        .await;
    let cursor = first["next_cursor"].as_str().unwrap();
    let (_, second) = app
        .call(
            "GET",
            &format!("/api/v1/follow-ups?limit=1&cursor={cursor}"),
            Some(&ann),
            None,
        )
        .await;
    assert_eq!(ids(&second), std::slice::from_ref(&later));
    let (_, due_now) = app
        .call(
            "GET",
            &format!("/api/v1/follow-ups?due_before={}", day(0)),
            Some(&ann),
            None,
        )
        .await;
    assert_eq!(ids(&due_now), std::slice::from_ref(&id));

    let (s, done) = patch(&app, &ann, &id, json!({"status": "done"})).await;
    assert_eq!(s, StatusCode::OK, "{done}");
    assert_eq!(done["status"], "done");
    assert!(done["closed_at"].is_string());
    let (s, _) = patch(&app, &ann, &id, json!({"status": "dismissed"})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, snoozed) = patch(
        &app,
        &ann,
        &later,
        json!({"status": "snoozed", "snoozed_until": day(5)}),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{snoozed}");
    assert_eq!(
        (snoozed["due"].as_str(), snoozed["first_due"].as_str()),
        (Some(day(5).as_str()), Some(day(2).as_str()))
    );
    let (_, open) = app
        .call("GET", "/api/v1/follow-ups", Some(&ann), None)
        .await;
    assert!(ids(&open).is_empty());
    let (_, waiting) = app
        .call("GET", "/api/v1/follow-ups?status=snoozed", Some(&ann), None)
        .await;
    assert_eq!(ids(&waiting), std::slice::from_ref(&later));
    let (_, done) = app
        .call("GET", "/api/v1/follow-ups?status=done", Some(&ann), None)
        .await;
    assert_eq!(ids(&done), [id]);
    let (_, audit) = app
        .call(
            "GET",
            "/api/v1/audit?customer=FB",
            Some(&app.login("ada").await),
            None,
        )
        .await;
    let actions: Vec<&str> = audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(actions.contains(&"follow_up.create") && actions.contains(&"follow_up.update"));
    assert!(
        !audit.to_string().contains("Call about the coat"),
        "no reason text in the audit log"
    );
}

#[tokio::test]
async fn bad_input_is_a_4xx_pointing_at_the_field() {
    let app = TestApp::spawn().await;
    let (ada, ann, _) = setup(&app).await;
    let (s, e) = create(&app, &ann, "FB", "2026-13-40", "x").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    assert_eq!(e["errors"][0]["pointer"], "/due");
    let (s, e) = create(&app, &ann, "FB", &day(-1), "").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(e["errors"].as_array().unwrap().len(), 2, "{e}");
    let (s, _) = create(&app, &ann, "NOPE", &day(1), "x").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    for q in [
        "status=later",
        "due_before=tomorrow",
        "limit=0",
        "cursor=!!",
        "store=nowhere",
    ] {
        let (s, e) = app
            .call("GET", &format!("/api/v1/follow-ups?{q}"), Some(&ann), None)
            .await;
        let want = if q.starts_with("store") {
            StatusCode::FORBIDDEN
        } else {
            StatusCode::BAD_REQUEST
        };
        assert_eq!(s, want, "{q}: {e}");
    }
    let (_, f) = create(&app, &ann, "FB", &day(1), "x").await;
    let id = f["id"].as_str().unwrap();
    for (body, pointer) in [
        (json!({"status": "later"}), "/status"),
        (json!({"status": "snoozed"}), "/snoozed_until"),
        (
            json!({"status": "snoozed", "snoozed_until": day(0)}),
            "/snoozed_until",
        ),
        (
            json!({"status": "snoozed", "snoozed_until": "soon"}),
            "/snoozed_until",
        ),
        (
            json!({"status": "done", "snoozed_until": day(3)}),
            "/snoozed_until",
        ),
    ] {
        let (s, e) = patch(&app, &ann, id, body.clone()).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {e}");
        assert_eq!(e["errors"][0]["pointer"], pointer);
    }
    let (s, _) = patch(&app, &ann, "not-a-uuid", json!({"status": "done"})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let rules = |r: Value| json!({"rules": [r]});
    for (body, want) in [
        (rules(json!({"kind": "weekly", "days": 3})), None),
        (
            rules(json!({"kind": "lapsed", "threshold": 1.5})),
            Some("/rules/0/threshold"),
        ),
        (
            rules(json!({"kind": "lapsed", "threshold": -0.1})),
            Some("/rules/0/threshold"),
        ),
        (
            rules(json!({"kind": "stay_in_touch", "days": 0})),
            Some("/rules/0/days"),
        ),
        (
            rules(json!({"kind": "date_attribute", "attribute": "nameday", "days_ahead": 3})),
            Some("/rules/0/attribute"),
        ),
        (rules(json!({"kind": "thank_you", "days_after": -1})), None),
    ] {
        let (s, e) = app
            .call(
                "PUT",
                "/api/v1/follow-up-rules",
                Some(&ada),
                Some(body.clone()),
            )
            .await;
        assert!(s.is_client_error(), "{body}: {s}");
        if let Some(p) = want {
            assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {e}");
            assert_eq!(e["errors"][0]["pointer"], p);
        }
    }
}

#[tokio::test]
async fn others_follow_ups_are_403_when_visible_and_404_when_not() {
    let app = TestApp::spawn().await;
    let (_, ann, _) = setup(&app).await;
    let (_, f) = create(&app, &ann, "FB", &day(1), "mine").await;
    let id = f["id"].as_str().unwrap();
    let max = app.login("max").await;
    let vic = app.login("vic").await;
    let (s, _) = patch(&app, &max, id, json!({"status": "done"})).await;
    assert_eq!(
        s,
        StatusCode::FORBIDDEN,
        "the manager sees it but may not close it"
    );
    let (s, _) = patch(&app, &vic, id, json!({"status": "done"})).await;
    assert_eq!(
        s,
        StatusCode::NOT_FOUND,
        "another store's associate does not see it"
    );
    let (_, vics) = app
        .call("GET", "/api/v1/follow-ups", Some(&vic), None)
        .await;
    assert!(ids(&vics).is_empty());
    let (s, _) = app
        .call("GET", "/api/v1/follow-ups?associate=max", Some(&ann), None)
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "associates see only their own");
    let (s, page) = app
        .call("GET", "/api/v1/follow-ups?associate=ann", Some(&max), None)
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(ids(&page), [id]);
    let (s, page) = app
        .call("GET", "/api/v1/follow-ups?store=helsinki", Some(&max), None)
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(ids(&page), [id]);
    let (s, _) = app
        .call("GET", "/api/v1/follow-ups?store=vilnius", Some(&max), None)
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "not the manager's store");
    let (s, _) = app
        .call("GET", "/api/v1/follow-ups?associate=vic", Some(&max), None)
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn hq_edits_the_rules_and_runs_them_idempotently() {
    let app = TestApp::spawn().await;
    let (ada, ann, _) = setup(&app).await;
    let (s, r) = app
        .call("GET", "/api/v1/follow-up-rules", Some(&ada), None)
        .await;
    assert_eq!(s, StatusCode::OK);
    let kinds: Vec<&str> = r["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["date_attribute", "thank_you", "stay_in_touch"],
        "defaults"
    );
    let table =
        json!({"rules": [{"kind": "date_attribute", "attribute": "birthday", "days_ahead": 14}]});
    let (s, saved) = app
        .call(
            "PUT",
            "/api/v1/follow-up-rules",
            Some(&ada),
            Some(table.clone()),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{saved}");
    assert_eq!(saved, table);
    let (s, counts) = app
        .call("POST", "/api/v1/follow-ups/run-rules", Some(&ada), None)
        .await;
    assert_eq!(s, StatusCode::OK, "{counts}");
    assert_eq!(counts, json!({"customers": 2, "due": 1, "created": 1}));
    let (_, again) = app
        .call("POST", "/api/v1/follow-ups/run-rules", Some(&ada), None)
        .await;
    assert_eq!(again["created"], 0);
    let (_, page) = app
        .call("GET", "/api/v1/follow-ups", Some(&ann), None)
        .await;
    let f = &page["items"][0];
    assert_eq!(
        (
            f["customer"].as_str(),
            f["reason"].as_str(),
            f["rule_kind"].as_str()
        ),
        (Some("FA"), Some("birthday"), Some("date_attribute"))
    );
    let (s, _) = app
        .call("POST", "/api/v1/follow-ups/run-rules", Some(&ann), None)
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn upcoming_merges_follow_ups_and_due_activities_with_dates_soonest_first() {
    let app = TestApp::spawn().await;
    let (_, ann, book) = setup(&app).await;
    create(&app, &ann, "FB", &day(5), "Lookbook").await;
    let (_, gone) = create(&app, &ann, "FB", &day(1), "Never mind").await;
    patch(
        &app,
        &ann,
        gone["id"].as_str().unwrap(),
        json!({"status": "dismissed"}),
    )
    .await;
    let (_, snoozed) = create(&app, &ann, "FA", &day(1), "Snoozed").await;
    patch(
        &app,
        &ann,
        snoozed["id"].as_str().unwrap(),
        json!({"status": "snoozed", "snoozed_until": day(7)}),
    )
    .await;
    create(&app, &ann, "FA", &day(60), "Too far").await;
    let due = (OffsetDateTime::now_utc() + Duration::days(2))
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    let act = json!({"type": "phone_call", "description": "call back", "due_at": due});
    let (s, b) = app
        .call(
            "POST",
            "/api/v1/customers/FA/activities",
            Some(&ann),
            Some(act),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    let (s, up) = app
        .call(
            "GET",
            &format!("/api/v1/client-books/{book}/upcoming?days=30"),
            Some(&ann),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let got: Vec<(String, String, i64)> = up
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["kind"].as_str().unwrap().to_owned(),
                u["event"].as_str().unwrap().to_owned(),
                u["in_days"].as_i64().unwrap(),
            )
        })
        .collect();
    let want = [
        ("activity", "phone_call", 2),
        ("follow_up", "Lookbook", 5),
        ("follow_up", "Snoozed", 7),
        ("date_attribute", "birthday", 10),
    ];
    let want: Vec<(String, String, i64)> = want
        .iter()
        .map(|(k, e, d)| (k.to_string(), e.to_string(), *d))
        .collect();
    assert_eq!(got, want);
}
