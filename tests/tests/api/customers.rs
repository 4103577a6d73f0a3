//! Customer create, read, update and the address-book-scoped search.

use clienteling_tests::TestApp;
use reqwest::StatusCode;
use serde_json::{Value, json};

fn accounts(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["account"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_customer_is_created_read_updated_and_the_changes_are_audited_without_values() {
    let app = TestApp::spawn().await;
    let ann = app.login("ann").await;
    let body = json!({"account": "C-1", "first_name": "Aino", "last_name": "Virtanen", "email": "aino@example.com", "phone": "+358 40 123 4567", "consent": true});
    let (s, c) = app
        .call("POST", "/api/v1/customers", Some(&ann), Some(body.clone()))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{c}");
    assert_eq!(
        c["address_books"],
        json!(["hel"]),
        "defaults to the current store's address books"
    );
    assert_eq!(c["consent"]["given"], true);
    let (s, problem) = app
        .call("POST", "/api/v1/customers", Some(&ann), Some(body))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("account number")
    );
    let (s, c) = app
        .call(
            "PATCH",
            "/api/v1/customers/C-1",
            Some(&ann),
            Some(json!({"email": "", "city": "Espoo"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(c["email"], Value::Null);
    assert_eq!(c["address"]["city"], "Espoo");
    let (s, c) = app
        .call("GET", "/api/v1/customers/C-1", Some(&ann), None)
        .await;
    assert_eq!(
        (s, c["first_name"].as_str()),
        (StatusCode::OK, Some("Aino"))
    );
    let (s, _) = app
        .call("GET", "/api/v1/customers/NOPE", Some(&ann), None)
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let ada = app.login("ada").await;
    let (_, log) = app
        .call("GET", "/api/v1/audit?customer=C-1", Some(&ada), None)
        .await;
    let actions: Vec<_> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["customer.update", "customer.create"]);
    let text = log.to_string();
    assert!(
        !text.contains("Espoo") && !text.contains("aino@example.com"),
        "no personal data in the audit log"
    );
}

#[tokio::test]
async fn search_is_scoped_by_the_current_store_and_pages_with_a_cursor() {
    let app = TestApp::spawn().await;
    let ada = app.login("ada").await;
    for (i, book) in ["hel", "hel", "hel", "tre", "vno"].iter().enumerate() {
        let c = json!({"account": format!("K{i}"), "first_name": "Kim", "last_name": format!("Koski{i}"), "address_books": [book]});
        let (s, body) = app
            .call("POST", "/api/v1/customers", Some(&ada), Some(c))
            .await;
        assert_eq!(s, StatusCode::CREATED, "{body}");
    }
    let ann = app.login("ann").await;
    let (_, p1) = app
        .call("GET", "/api/v1/customers?limit=2", Some(&ann), None)
        .await;
    assert_eq!(accounts(&p1), ["K0", "K1"]);
    let cursor = p1["next_cursor"].as_str().unwrap();
    let (_, p2) = app
        .call(
            "GET",
            &format!("/api/v1/customers?limit=2&cursor={cursor}"),
            Some(&ann),
            None,
        )
        .await;
    assert_eq!(accounts(&p2), ["K2"]);
    assert_eq!(p2["next_cursor"], Value::Null);
    let vic = app.login("vic").await;
    let (_, v) = app.call("GET", "/api/v1/customers", Some(&vic), None).await;
    assert_eq!(accounts(&v), ["K4"]);
    let (_, hq) = app
        .call("GET", "/api/v1/customers?q=koski", Some(&ada), None)
        .await;
    assert_eq!(
        accounts(&hq).len(),
        5,
        "HQ without a store sees every customer"
    );
    let (_, q) = app
        .call("GET", "/api/v1/customers?q=KOSKI3", Some(&ann), None)
        .await;
    assert!(
        accounts(&q).is_empty(),
        "a tampere customer is outside helsinki's search"
    );
    let (s, one) = app
        .call("GET", "/api/v1/customers/K3", Some(&ann), None)
        .await;
    assert_eq!(
        (s, one["account"].as_str()),
        (StatusCode::OK, Some("K3")),
        "direct reads are not scoped"
    );
}

#[tokio::test]
async fn unknown_address_books_point_at_the_entry() {
    let app = TestApp::spawn().await;
    let ann = app.login("ann").await;
    let c = json!({"account": "Z", "first_name": "A", "last_name": "B", "address_books": ["hel", "nope"]});
    let (s, p) = app
        .call("POST", "/api/v1/customers", Some(&ann), Some(c))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(p["errors"][0]["pointer"], "/address_books/1");
}
