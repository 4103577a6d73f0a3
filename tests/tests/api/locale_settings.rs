//! The company's default language and time zone in the settings document:
//! defaults, validation (IANA names from the embedded tz database), round trip.

use clienteling_tests::TestApp;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn company_language_and_time_zone_are_validated_and_saved() {
    let app = TestApp::spawn().await;
    let ada = app.login("ada").await;
    let (_, mut settings) = app.call("GET", "/api/v1/settings", Some(&ada), None).await;
    assert_eq!(settings["default_language"], "en");
    assert_eq!(settings["time_zone"], "UTC");
    settings["default_language"] = json!("de");
    settings["time_zone"] = json!("Europe/Atlantis");
    let (s, p) = app
        .call(
            "PUT",
            "/api/v1/settings",
            Some(&ada),
            Some(settings.clone()),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{p}");
    let pointers: Vec<_> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["pointer"].as_str().unwrap())
        .collect();
    assert_eq!(pointers, ["/default_language", "/time_zone"]);
    settings["default_language"] = json!("lt");
    settings["time_zone"] = json!("Europe/Vilnius");
    let (s, saved) = app
        .call(
            "PUT",
            "/api/v1/settings",
            Some(&ada),
            Some(settings.clone()),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{saved}");
    assert_eq!(saved, settings);
    let (_, now) = app.call("GET", "/api/v1/settings", Some(&ada), None).await;
    assert_eq!(now["time_zone"], "Europe/Vilnius");
}
