//! The store client book page asks the API's question: a manager sees the
//! books of the stores they work at, gets 403 for any other store and 404
//! for a store that does not exist; HQ sees every store.

use clienteling_tests::TestApp;
use reqwest::StatusCode;

/// The status of the page at `path` for the session `token` (as cookie) and
/// of the API's store book for the same store.
async fn page_and_api(app: &TestApp, token: &str, store: &str) -> (StatusCode, StatusCode) {
    let page = app
        .client
        .get(app.url(&format!("/stores/{store}/book")))
        .header("cookie", format!("__Host-clienteling={token}"))
        .send()
        .await
        .unwrap()
        .status();
    let path = format!("/api/v1/stores/{store}/client-book/customers");
    let (api, _) = app.call("GET", &path, Some(token), None).await;
    (page, api)
}

#[tokio::test]
async fn the_store_book_page_shows_only_the_stores_a_manager_works_at() {
    let app = TestApp::spawn().await;
    let max = app.login("max").await; // manager of helsinki and tampere
    let ada = app.login("ada").await; // HQ
    for (who, token, store, want) in [
        ("max", &max, "helsinki", StatusCode::OK),
        ("max", &max, "TAMPERE", StatusCode::OK),
        ("max", &max, "vilnius", StatusCode::FORBIDDEN),
        ("max", &max, "nowhere", StatusCode::NOT_FOUND),
        ("ada", &ada, "vilnius", StatusCode::OK),
    ] {
        let got = page_and_api(&app, token, store).await;
        assert_eq!(got, (want, want), "{who} at {store}: (page, API)");
    }
}
