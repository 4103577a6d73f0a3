//! An appointment's reminder shows once in the book's upcoming events: the
//! reminder follow-up (occasion `appointment/<id>`) stands for the
//! appointment's due activity, and moving the appointment moves it.

use crate::follow_ups::setup;
use clienteling_tests::TestApp;
use reqwest::StatusCode;
use serde_json::{Value, json};
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime, Time};

fn at(days: i64) -> String {
    (OffsetDateTime::now_utc() + Duration::days(days))
        .replace_time(Time::from_hms(10, 0, 0).unwrap())
        .format(&Rfc3339)
        .unwrap()
}

fn day(days: i64) -> String {
    (OffsetDateTime::now_utc().date() + Duration::days(days)).to_string()
}

/// The upcoming events of `book` about customer FB.
async fn upcoming_of_fb(app: &TestApp, ann: &str, book: &str) -> Vec<Value> {
    let path = format!("/api/v1/client-books/{book}/upcoming?days=30");
    let (s, up) = app.call("GET", &path, Some(ann), None).await;
    assert_eq!(s, StatusCode::OK, "{up}");
    up.as_array()
        .unwrap()
        .iter()
        .filter(|u| u["account"] == "FB")
        .cloned()
        .collect()
}

#[tokio::test]
async fn an_appointment_reminder_shows_once_in_upcoming_events_and_moves_with_it() {
    let app = TestApp::spawn().await;
    let (_, ann, book) = setup(&app).await;
    let visit =
        json!({"customer": "FB", "start": at(3), "duration_minutes": 30, "purpose": "Fitting"});
    let (s, a) = app
        .call("POST", "/api/v1/appointments", Some(&ann), Some(visit))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{a}");
    let items = upcoming_of_fb(&app, &ann, &book).await;
    assert_eq!(items.len(), 1, "one reminder: {items:?}");
    assert_eq!(items[0]["kind"], "follow_up");
    assert_eq!(items[0]["date"], day(2), "a day before the appointment");
    let path = format!("/api/v1/appointments/{}", a["id"].as_str().unwrap());
    let (s, b) = app
        .call("PATCH", &path, Some(&ann), Some(json!({"start": at(6)})))
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let items = upcoming_of_fb(&app, &ann, &book).await;
    assert_eq!(items.len(), 1, "still one reminder: {items:?}");
    assert_eq!(
        items[0]["date"],
        day(5),
        "the reminder moved with the appointment"
    );
}
