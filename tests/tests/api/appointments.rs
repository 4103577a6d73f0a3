//! Appointments, attribution rules, attributed purchases and KPIs over
//! HTTP: double booking under concurrent requests (exactly one wins, the
//! others get a 409 naming the clash), bad input, ICS, the timeline, and
//! who may see what.

use super::activities::{field, items, new_customer};
use clienteling_store::NewFollowUp;
use clienteling_tests::TestApp;
use reqwest::StatusCode;
use serde_json::{Value, json};

fn booking(account: &str, start: &str) -> Value {
    json!({"customer": account, "start": start, "duration_minutes": 60, "purpose": "Suit fitting"})
}

async fn book(app: &TestApp, token: &str, body: Value) -> (StatusCode, Value) {
    app.call("POST", "/api/v1/appointments", Some(token), Some(body))
        .await
}

#[tokio::test]
async fn of_concurrent_overlapping_booking_requests_exactly_one_wins() {
    let app = TestApp::spawn().await;
    new_customer(&app, "AP1").await;
    let ann = app.login("ann").await;
    let mut set = tokio::task::JoinSet::new();
    for i in 0..6 {
        let (client, url, token) = (
            app.client.clone(),
            app.url("/api/v1/appointments"),
            ann.clone(),
        );
        let body = booking("AP1", &format!("2026-06-01T10:{:02}:00Z", i * 5));
        set.spawn(async move {
            let res = client
                .post(url)
                .bearer_auth(token)
                .json(&body)
                .send()
                .await
                .unwrap();
            (res.status(), res.json::<Value>().await.unwrap())
        });
    }
    let results: Vec<(StatusCode, Value)> = set.join_all().await;
    let won: Vec<&Value> = results
        .iter()
        .filter(|(s, _)| *s == StatusCode::CREATED)
        .map(|(_, b)| b)
        .collect();
    assert_eq!(won.len(), 1, "{results:?}");
    let winner = won[0]["id"].as_str().unwrap();
    for (s, b) in results.iter().filter(|(s, _)| *s != StatusCode::CREATED) {
        assert_eq!(*s, StatusCode::CONFLICT, "{b}");
        let detail = b["detail"].as_str().unwrap();
        assert!(detail.contains(winner), "the 409 names the clash: {detail}");
    }
}

#[tokio::test]
async fn of_concurrent_bookings_on_two_servers_exactly_one_wins() {
    let app = TestApp::spawn().await;
    let second = app.spawn_second().await;
    new_customer(&app, "AP2").await;
    let (t1, t2) = (app.login("ann").await, second.login("ann").await);
    let body = booking("AP2", "2026-06-02T09:00:00Z");
    let (a, b) = tokio::join!(book(&app, &t1, body.clone()), book(&second, &t2, body));
    let mut codes = [a.0, b.0];
    codes.sort();
    assert_eq!(
        codes,
        [StatusCode::CREATED, StatusCode::CONFLICT],
        "{a:?} {b:?}"
    );
}

#[tokio::test]
async fn bad_bookings_are_4xx_pointing_at_the_field() {
    let app = TestApp::spawn().await;
    new_customer(&app, "AP3").await;
    let ann = app.login("ann").await;
    let mut end_first = booking("AP3", "2026-06-01T10:00:00Z");
    end_first["end"] = json!("2026-06-01T09:00:00Z");
    end_first
        .as_object_mut()
        .unwrap()
        .remove("duration_minutes");
    let cases = [
        (end_first, "/end"),
        (
            json!({"customer": "AP3", "start": "tomorrow", "purpose": "x"}),
            "/start",
        ),
        (
            json!({"customer": "AP3", "start": "2026-06-01T10:00:00Z", "purpose": "  "}),
            "/purpose",
        ),
        (
            json!({"customer": "AP3", "start": "2026-06-01T10:00:00Z", "purpose": "x", "duration_minutes": 2}),
            "/duration_minutes",
        ),
        (
            json!({"customer": "NOPE", "start": "2026-06-01T10:00:00Z", "purpose": "x"}),
            "/customer",
        ),
        (
            json!({"customer": "AP3", "start": "2026-06-01T10:00:00Z", "purpose": "x", "store": "atlantis"}),
            "/store",
        ),
    ];
    for (body, pointer) in cases {
        let (s, b) = book(&app, &ann, body).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{pointer}: {b}");
        assert_eq!(b["errors"][0]["pointer"], pointer, "{b}");
    }
    let max = app.login("max").await;
    let mut unknown = booking("AP3", "2026-06-01T10:00:00Z");
    unknown["associate"] = json!("nobody");
    let (s, b) = book(&app, &max, unknown).await;
    assert_eq!(
        (s, b["errors"][0]["pointer"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("/associate"))
    );
    let mut for_max = booking("AP3", "2026-06-01T10:00:00Z");
    for_max["associate"] = json!("max");
    assert_eq!(
        book(&app, &ann, for_max).await.0,
        StatusCode::FORBIDDEN,
        "an associate books only for themselves"
    );
    let (s, _) = book(&app, &ann, json!({"customer": "AP3", "start": "2026-06-01T10:00:00Z", "purpose": "x", "colour": "red"})).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "unknown fields are a 400");
    let (s, b) = app
        .call(
            "GET",
            "/api/v1/appointments?from=2026-06-02&to=2026-06-01",
            Some(&ann),
            None,
        )
        .await;
    assert_eq!(
        (s, b["errors"][0]["pointer"].clone()),
        (StatusCode::BAD_REQUEST, json!("/to"))
    );
    let (s, _) = app
        .call("GET", "/api/v1/appointments/not-an-id", Some(&ann), None)
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_booked_appointment_is_in_the_calendar_on_the_timeline_and_downloadable() {
    let app = TestApp::spawn().await;
    new_customer(&app, "AP4").await;
    let ann = app.login("ann").await;
    let (s, a) = book(&app, &ann, booking("AP4", "2027-06-03T14:00:00Z")).await;
    assert_eq!(s, StatusCode::CREATED, "{a}");
    assert_eq!(
        (a["store"].as_str(), a["status"].as_str(), a["end"].as_str()),
        (
            Some("helsinki"),
            Some("booked"),
            Some("2027-06-03T15:00:00Z")
        )
    );
    let id = a["id"].as_str().unwrap();
    let (_, cal) = app
        .call(
            "GET",
            "/api/v1/appointments?from=2027-06-03&to=2027-06-03",
            Some(&ann),
            None,
        )
        .await;
    assert_eq!(field(&cal, "id"), [id]);
    let (_, tl) = app
        .call("GET", "/api/v1/customers/AP4/timeline", Some(&ann), None)
        .await;
    let entry = items(&tl)
        .iter()
        .find(|i| i["type"] == "appointment")
        .expect("on the timeline");
    assert_eq!(entry["text"], "Suit fitting");
    assert_eq!(
        entry["due_at"], "2027-06-02T14:00:00Z",
        "reminder a day before"
    );
    let (_, fus) = app
        .call("GET", "/api/v1/follow-ups?status=open", Some(&ann), None)
        .await;
    let reminders: Vec<&Value> = items(&fus)
        .iter()
        .filter(|f| f["customer"] == "AP4" && f["rule_kind"] == "appointment")
        .collect();
    assert_eq!(reminders.len(), 1, "one reminder follow-up: {fus}");
    assert_eq!(reminders[0]["due"], "2027-06-02", "due the day before");
    for path in [
        format!("/api/v1/appointments/{id}/ics"),
        format!("/api/v1/appointments/{id}.ics"),
    ] {
        let res = app
            .client
            .get(app.url(&path))
            .bearer_auth(&ann)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert!(
            res.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/calendar")
        );
        let text = res.text().await.unwrap();
        assert!(text.contains("DTSTART:20270603T140000Z\r\n"), "{text}");
    }
    let (s, moved) = app
        .call(
            "PATCH",
            &format!("/api/v1/appointments/{id}"),
            Some(&ann),
            Some(json!({"status": "held"})),
        )
        .await;
    assert_eq!(
        (s, moved["status"].as_str()),
        (StatusCode::OK, Some("held"))
    );
    let vic = app.login("vic").await;
    let (s, _) = app
        .call(
            "GET",
            &format!("/api/v1/appointments/{id}"),
            Some(&vic),
            None,
        )
        .await;
    assert_eq!(
        s,
        StatusCode::NOT_FOUND,
        "others' appointments are not revealed"
    );
    let max = app.login("max").await;
    let (s, store_cal) = app
        .call(
            "GET",
            "/api/v1/appointments?store=helsinki",
            Some(&max),
            None,
        )
        .await;
    assert_eq!((s, field(&store_cal, "id")), (StatusCode::OK, vec![id]));
    let (s, _) = app
        .call(
            "GET",
            "/api/v1/appointments?store=vilnius",
            Some(&max),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "not the manager's store");
    let (s, _) = app
        .call(
            "DELETE",
            &format!("/api/v1/appointments/{id}"),
            Some(&ann),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn moving_onto_a_taken_slot_is_a_409() {
    let app = TestApp::spawn().await;
    new_customer(&app, "AP5").await;
    let ann = app.login("ann").await;
    let (_, a) = book(&app, &ann, booking("AP5", "2026-06-04T10:00:00Z")).await;
    let (_, b) = book(&app, &ann, booking("AP5", "2026-06-04T12:00:00Z")).await;
    let path = format!("/api/v1/appointments/{}", b["id"].as_str().unwrap());
    let (s, p) = app
        .call(
            "PATCH",
            &path,
            Some(&ann),
            Some(json!({"start": "2026-06-04T10:30:00Z"})),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert!(
        p["detail"]
            .as_str()
            .unwrap()
            .contains(a["id"].as_str().unwrap())
    );
}

#[tokio::test]
async fn hq_sets_attribution_rules_and_managers_see_attributed_sales_and_kpis() {
    let app = TestApp::spawn().await;
    new_customer(&app, "AT1").await;
    let (ann, max, ada) = (
        app.login("ann").await,
        app.login("max").await,
        app.login("ada").await,
    );
    let (s, rules) = app
        .call("GET", "/api/v1/attribution-rules", Some(&ada), None)
        .await;
    assert_eq!((s, rules["version"].as_i64()), (StatusCode::OK, Some(0)));
    let mut bad = rules.clone();
    bad.as_object_mut().unwrap().remove("version");
    bad["windows_days"]["appointment"] = json!(400);
    let (s, b) = app
        .call("PUT", "/api/v1/attribution-rules", Some(&ada), Some(bad))
        .await;
    assert_eq!(
        (s, b["errors"][0]["pointer"].clone()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            json!("/windows_days/appointment")
        )
    );
    let (s, _) = app
        .call(
            "PUT",
            "/api/v1/attribution-rules",
            Some(&ada),
            Some(json!({"split": "everyone"})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let activity =
        json!({"type": "store_visit", "at": "2026-05-01T10:00:00Z", "description": "Visit"});
    let (s, _) = app
        .call(
            "POST",
            "/api/v1/customers/AT1/activities",
            Some(&ann),
            Some(activity),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let purchase = json!({"at": "2026-05-04T10:00:00Z", "amount_minor": 12990, "currency": "EUR", "store": "helsinki"});
    let (s, b) = app
        .call(
            "POST",
            "/api/v1/customers/AT1/purchases",
            Some(&ada),
            Some(purchase),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    let (s, page) = app
        .call(
            "GET",
            "/api/v1/attribution?from=2026-05-01&to=2026-05-31&store=helsinki",
            Some(&max),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{page}");
    let row = &items(&page)[0];
    assert_eq!(row["amount_minor"], 12990);
    assert_eq!(
        row["explanation"],
        "Store visit 3 days before by ann tester"
    );
    assert_eq!(
        app.call("GET", "/api/v1/attribution", Some(&ann), None)
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    let (s, k) = app
        .call(
            "GET",
            "/api/v1/kpis?from=2026-05-01&to=2026-05-31&group_by=store",
            Some(&max),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{k}");
    let hel = k["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == "helsinki")
        .unwrap();
    assert_eq!(hel["current"]["attributed_sales_minor"], 12990);
    assert_eq!(hel["current"]["conversion"], 1.0);
    assert!(
        k["rows"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["key"] != "vilnius"),
        "only the manager's stores"
    );
    let (s, _) = app
        .call("GET", "/api/v1/kpis?group_by=region", Some(&max), None)
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (s, _) = app
        .call(
            "GET",
            "/api/v1/kpis?from=2026-06-01&to=2026-05-01",
            Some(&max),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(
        app.call("GET", "/api/v1/kpis", Some(&ann), None).await.0,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn kpis_count_follow_ups_done_in_the_period_and_those_overdue() {
    let app = TestApp::spawn().await;
    new_customer(&app, "KF1").await;
    let (ann, max) = (app.login("ann").await, app.login("max").await);
    let today = time::OffsetDateTime::now_utc().date();
    let day = |d: i64| (today + time::Duration::days(d)).to_string();
    let (s, f) = app
        .call(
            "POST",
            "/api/v1/customers/KF1/follow-ups",
            Some(&ann),
            Some(json!({"due": day(0), "reason": "call back"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{f}");
    let path = format!("/api/v1/follow-ups/{}", f["id"].as_str().unwrap());
    let (s, _) = app
        .call("PATCH", &path, Some(&ann), Some(json!({"status": "done"})))
        .await;
    assert_eq!(s, StatusCode::OK);
    // Overdue ones cannot be made through the API (due days are today or
    // later): write them as a rule would have, days ago.
    let customer = app
        .store
        .customer_by_account(app.company, "KF1")
        .await
        .unwrap();
    let owner = app.store.list_associates(app.company).await.unwrap();
    let owner = owner
        .iter()
        .find(|a| a.username.as_str() == "ann")
        .unwrap()
        .id;
    let rows: Vec<NewFollowUp> = [(-3, "kf/a"), (5, "kf/b")]
        .map(|(d, key)| NewFollowUp {
            customer: customer.id,
            owner,
            due: today + time::Duration::days(d),
            reason: "stay_in_touch".into(),
            source: "rule".into(),
            rule_kind: Some("stay_in_touch".into()),
            occasion: Some(key.into()),
            created_by: None,
        })
        .into();
    app.store.add_follow_ups(app.company, &rows).await.unwrap();
    let q = format!(
        "/api/v1/kpis?from={}&to={}&group_by=associate",
        day(-10),
        day(10)
    );
    let (s, k) = app.call("GET", &q, Some(&max), None).await;
    assert_eq!(s, StatusCode::OK, "{k}");
    let total = &k["total"]["current"];
    assert_eq!(
        (&total["follow_ups_done"], &total["follow_ups_overdue"]),
        (&json!(1), &json!(1)),
        "one done; one past due and open; the future one is not overdue: {k}"
    );
}
