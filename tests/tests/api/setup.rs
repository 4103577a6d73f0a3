//! HQ setup: settings, stores, address books, associates.

use clienteling_tests::TestApp;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn settings_are_read_validated_and_replaced() {
    let app = TestApp::spawn().await;
    let ada = app.login("ada").await;
    let (s, mut settings) = app.call("GET", "/api/v1/settings", Some(&ada), None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(settings["clienteling_enabled"], true);
    assert_eq!(settings["books_per_customer"], 1);
    settings["clienteling_enabled"] = json!(false);
    settings["books_per_customer"] = json!("unlimited");
    settings["card_measures"] = json!(["p_alive", "rfm_segment"]);
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
    settings["card_measures"] = json!([
        "p_alive",
        "rfm_segment",
        "churn_probability",
        "expected_value"
    ]);
    settings["client_book_number_sequence"]["width"] = json!(0);
    let (s, p) = app
        .call(
            "PUT",
            "/api/v1/settings",
            Some(&ada),
            Some(settings.clone()),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let pointers: Vec<_> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["pointer"].as_str().unwrap())
        .collect();
    assert!(
        pointers.contains(&"/card_measures")
            && pointers.contains(&"/client_book_number_sequence/width")
    );
    let (_, now) = app.call("GET", "/api/v1/settings", Some(&ada), None).await;
    assert_eq!(now, saved, "a rejected update changes nothing");
}

#[tokio::test]
async fn an_external_provider_that_fails_its_check_stays_off() {
    let app = TestApp::spawn().await;
    let ada = app.login("ada").await;
    let (_, mut settings) = app.call("GET", "/api/v1/settings", Some(&ada), None).await;
    settings["insights"] = json!({"provider": "external", "url": "http://127.0.0.1:9/none", "secret_name": "CLIENTELING_TEST_NO_SUCH_SECRET"});
    let (s, p) = app
        .call("PUT", "/api/v1/settings", Some(&ada), Some(settings))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(p["errors"][0]["pointer"], "/insights/secret_name");
    let (_, now) = app.call("GET", "/api/v1/settings", Some(&ada), None).await;
    assert_eq!(now["insights"]["provider"], "builtin");
}

#[tokio::test]
async fn stores_address_books_and_associates_are_created_with_readable_conflicts() {
    let app = TestApp::spawn().await;
    let ada = app.login("ada").await;
    let (s, b) = app
        .call(
            "POST",
            "/api/v1/address-books",
            Some(&ada),
            Some(json!({"code": "OUL", "name": "Oulu"})),
        )
        .await;
    assert_eq!((s, b["code"].as_str()), (StatusCode::CREATED, Some("oul")));
    let (s, st) = app
        .call(
            "POST",
            "/api/v1/stores",
            Some(&ada),
            Some(json!({"code": "oulu", "name": "Oulu", "address_books": ["oul"]})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(st["address_books"], json!(["oul"]));
    let (s, p) = app
        .call(
            "POST",
            "/api/v1/stores",
            Some(&ada),
            Some(json!({"code": "oulu", "name": "Again"})),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert!(
        p["detail"]
            .as_str()
            .unwrap()
            .contains("store with this code")
    );
    let new = json!({"username": "olli", "display_name": "Olli", "password": "short", "role": "wizard", "stores": ["oulu", "mars"]});
    let (s, p) = app
        .call("POST", "/api/v1/associates", Some(&ada), Some(new))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let pointers: Vec<_> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["pointer"].as_str().unwrap())
        .collect();
    assert_eq!(pointers, ["/password", "/role", "/stores/1"]);
    let (s, stores) = app.call("GET", "/api/v1/stores", Some(&ada), None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(stores.as_array().unwrap().len(), 4);
}

#[tokio::test]
async fn an_admin_cannot_lock_themselves_out() {
    let app = TestApp::spawn().await;
    let ada = app.login("ada").await;
    let (_, me) = app.call("GET", "/api/v1/me", Some(&ada), None).await;
    let id = me["associate"]["id"].as_str().unwrap().to_owned();
    for change in [json!({"active": false}), json!({"role": "associate"})] {
        let (s, p) = app
            .call(
                "PATCH",
                &format!("/api/v1/associates/{id}"),
                Some(&ada),
                Some(change),
            )
            .await;
        assert_eq!(s, StatusCode::CONFLICT, "{p}");
    }
    let (s, _) = app
        .call(
            "PATCH",
            &format!("/api/v1/associates/{id}"),
            Some(&ada),
            Some(json!({"display_name": "Ada HQ"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        app.call("GET", "/api/v1/me", Some(&ada), None).await.0,
        StatusCode::OK
    );
}
