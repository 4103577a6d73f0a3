//! Times in the company's time zone, and the company's default language
//! when neither the associate nor the browser decides.

use super::super::{Lang, Tr, negotiate_opt, zone};
use super::plain;

/// 2026-11-25 14:05 UTC.
const NOV: i64 = 1_795_615_500_000_000;
/// 2026-07-01 21:30 UTC.
const JUL: i64 = 1_782_941_400_000_000;

#[test]
fn times_are_shown_in_the_company_time_zone_with_summer_time() {
    let fi = Tr::new(Lang::Fi).in_zone("Europe/Helsinki");
    assert!(
        plain(&fi.datetime(NOV)).contains("16.05"),
        "{}",
        fi.datetime(NOV)
    );
    // Summer time: UTC+3, and the date moves to the next day.
    let summer = plain(&fi.datetime(JUL));
    assert!(
        summer.contains("2.7.2026") && summer.contains("0.30"),
        "{summer}"
    );
    let lt = Tr::new(Lang::Lt).in_zone("Europe/Vilnius");
    assert!(plain(&lt.datetime(NOV)).contains("16:05"));
    assert_eq!(lt.local_date(JUL), time::macros::date!(2026 - 07 - 02));
    let en = Tr::new(Lang::En).in_zone("America/New_York");
    assert!(en.datetime(NOV).contains("9:05"), "{}", en.datetime(NOV));
}

#[test]
fn offsets_follow_summer_time() {
    const H: i64 = 3_600_000_000;
    let helsinki = zone::zone("Europe/Helsinki");
    assert_eq!(zone::offset_micros(helsinki, NOV), 2 * H);
    assert_eq!(zone::offset_micros(helsinki, JUL), 3 * H);
    assert_eq!(zone::offset_micros(zone::utc(), JUL), 0);
}

#[test]
fn unknown_zones_are_utc() {
    let tr = Tr::new(Lang::Lt).in_zone("Mars/Olympus");
    assert!(plain(&tr.datetime(NOV)).contains("14:05"));
    assert_eq!(
        zone::civil(zone::zone("UTC"), NOV),
        Some((2026, 11, 25, 14, 5))
    );
    assert!(clienteling_domain::settings::is_time_zone(
        "Europe/Helsinki"
    ));
    assert!(!clienteling_domain::settings::is_time_zone(
        "Europe/Atlantis"
    ));
}

#[test]
fn the_company_language_applies_only_when_the_browser_does_not_decide() {
    assert_eq!(negotiate_opt("de-DE,de;q=0.9"), None);
    assert_eq!(negotiate_opt("fi-FI,en;q=0.5"), Some(Lang::Fi));
    assert_eq!(negotiate_opt(""), None);
}

/// A panicking handler behind the real timeout/panic layers: its 500 problem
/// has a title in the browser's language.
#[tokio::test]
async fn panic_answers_are_localised() {
    use axum::body::Body;
    use axum::http::Request;
    use tower::ServiceExt;
    async fn boom() -> &'static str {
        panic!("boom")
    }
    let app = axum::Router::new()
        .route("/boom", axum::routing::get(boom))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            crate::ui::panic_response,
        ))
        .layer(axum::middleware::from_fn(crate::security::protect));
    for (accept, want) in [("fi", "Palvelinvirhe"), ("lt-LT", "Serverio klaida")] {
        let req = Request::get("/boom")
            .header("accept-language", accept)
            .body(Body::empty())
            .unwrap();
        let res = app.clone().oneshot(req).await.unwrap();
        assert_eq!(res.status(), 500);
        let body = axum::body::to_bytes(res.into_body(), 1 << 16)
            .await
            .unwrap();
        let problem: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(problem["title"], want);
    }
}

// gaps-ui: typed times (datetime-local inputs) are the company's time.
#[test]
fn typed_local_times_are_read_in_the_company_time_zone() {
    let fi = Tr::new(Lang::Fi).in_zone("Europe/Helsinki");
    assert_eq!(fi.parse_local("2026-11-25T16:05"), Some(NOV));
    assert_eq!(fi.parse_local("2026-07-02T00:30:00"), Some(JUL));
    assert_eq!(fi.local_input(NOV), "2026-11-25T16:05");
    assert_eq!(fi.parse_local("not a time"), None);
    let utc = Tr::new(Lang::En);
    assert_eq!(utc.parse_local("2026-11-25T14:05"), Some(NOV));
    let kiritimati = Tr::new(Lang::En).in_zone("Pacific/Kiritimati");
    assert_eq!(kiritimati.parse_local("2026-11-26T04:05"), Some(NOV));
}

#[test]
fn times_of_day_follow_the_language_and_zone() {
    assert_eq!(
        plain(&Tr::new(Lang::Fi).in_zone("Europe/Helsinki").time(NOV)),
        "16.05"
    );
    assert_eq!(
        plain(&Tr::new(Lang::Lt).in_zone("Europe/Vilnius").time(NOV)),
        "16:05"
    );
    assert_eq!(plain(&Tr::new(Lang::En).time(NOV)), "2:05 PM");
}
