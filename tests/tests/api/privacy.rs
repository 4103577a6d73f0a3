//! Data-access export and erasure: the export holds every datum (notes the
//! requester could not read included); erasure leaves no personal data in
//! any table (appointments, outreach and follow-ups included) and keeps
//! purchases.

use clienteling_store::NewPurchase;
use clienteling_tests::TestApp;
use reqwest::StatusCode;
use serde_json::json;

async fn customer_with_everything(app: &TestApp) -> (String, String) {
    let ann = app.login("ann").await;
    let ada = app.login("ada").await;
    let c = json!({"account": "GDPR1", "first_name": "Zelmira", "last_name": "Quxworth", "email": "zelmira.q@example.com",
                   "phone": "+358 40 999 8877", "street": "Salainen katu 7", "city": "Kuopio", "alternate_id": "ext-zq"});
    assert_eq!(
        app.call("POST", "/api/v1/customers", Some(&ann), Some(c))
            .await
            .0,
        StatusCode::CREATED
    );
    let group = json!({"name": "g", "attributes": [{"name": "likes", "kind": "text"}]});
    app.call("POST", "/api/v1/attribute-groups", Some(&ada), Some(group))
        .await;
    let (_, mut s) = app.call("GET", "/api/v1/settings", Some(&ada), None).await;
    s["attribute_group"] = json!("g");
    app.call("PUT", "/api/v1/settings", Some(&ada), Some(s))
        .await;
    app.call(
        "PUT",
        "/api/v1/customers/GDPR1/attributes",
        Some(&ann),
        Some(json!({"likes": "Vermilion umbrellas"})),
    )
    .await;
    let (s, n) = app
        .call(
            "POST",
            "/api/v1/customers/GDPR1/notes",
            Some(&ann),
            Some(json!({"text": "Secret allergy to Xylophonite", "visibility": "private"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{n}");
    let id = n["id"].as_str().unwrap().to_owned();
    app.call(
        "PATCH",
        &format!("/api/v1/customers/GDPR1/notes/{id}"),
        Some(&ann),
        Some(json!({"text": "Allergy to Xylophonite, confirmed"})),
    )
    .await;
    let (s, a) = app
        .call(
            "POST",
            "/api/v1/customers/GDPR1/activities",
            Some(&ann),
            Some(
                json!({"type": "phone_call", "description": "Talked with Zelmira about umbrellas"}),
            ),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{a}");
    let c = app
        .store
        .customer_by_account(app.company, "GDPR1")
        .await
        .unwrap();
    let p = NewPurchase {
        customer: c.id,
        at: 1_700_000_000_000_000,
        amount_minor: 12345,
        currency: "EUR".into(),
        store: None,
    };
    app.store.add_purchases(app.company, &[p]).await.unwrap();
    (ann, ada)
}

/// An appointment (with its reminder follow-up), a follow-up by hand and
/// an e-mail in the outbox, each carrying personal text.
async fn engagements(app: &TestApp, ann: &str, ada: &str) {
    let visit = json!({"customer": "GDPR1", "start": "2030-06-03T10:00:00Z", "duration_minutes": 60,
        "purpose": "Fitting of the Quokkaberry gown"});
    let (s, b) = app
        .call("POST", "/api/v1/appointments", Some(ann), Some(visit))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    let due = json!({"due": "2030-06-10", "reason": "Ask how the Quokkaberry gown fits"});
    let (s, b) = app
        .call(
            "POST",
            "/api/v1/customers/GDPR1/follow-ups",
            Some(ann),
            Some(due),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    let consent = json!([{"channel": "email", "opt_in": true, "source": "asked Zelmira in store"}]);
    let (s, b) = app
        .call(
            "PUT",
            "/api/v1/customers/GDPR1/consents",
            Some(ann),
            Some(consent),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let (_, list) = app
        .call("GET", "/api/v1/message-templates", Some(ada), None)
        .await;
    let tpl = list
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["code"] == "thank-you" && t["locale"] == "en")
        .unwrap()["id"]
        .clone();
    let send = json!({"template": tpl, "channel": "email", "accounts": ["GDPR1"]});
    let (s, r) = app
        .call("POST", "/api/v1/outreach", Some(ann), Some(send))
        .await;
    assert_eq!((s, r["queued"].as_u64()), (StatusCode::OK, Some(1)), "{r}");
}

#[tokio::test]
async fn the_export_holds_every_datum_including_notes_the_requester_could_not_read() {
    let app = TestApp::spawn().await;
    let (ann, ada) = customer_with_everything(&app).await;
    let (s, _) = app
        .call("GET", "/api/v1/customers/GDPR1/export", Some(&ann), None)
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "associates cannot export");
    let (s, doc) = app
        .call("GET", "/api/v1/customers/GDPR1/export", Some(&ada), None)
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(doc["customer"]["email"], "zelmira.q@example.com");
    assert_eq!(doc["attributes"]["likes"], "Vermilion umbrellas");
    assert_eq!(
        doc["notes"][0]["text"], "Allergy to Xylophonite, confirmed",
        "ann's private note, exported to HQ"
    );
    assert_eq!(
        doc["notes"][0]["revisions"][0]["text"],
        "Secret allergy to Xylophonite"
    );
    assert_eq!(
        doc["activities"][0]["description"],
        "Talked with Zelmira about umbrellas"
    );
    assert_eq!(doc["purchases"][0]["amount_minor"], 12345);
    assert!(!doc["audit_log"].as_array().unwrap().is_empty());
    let (_, log) = app
        .call("GET", "/api/v1/audit?customer=GDPR1", Some(&ada), None)
        .await;
    assert_eq!(log["items"][0]["action"], "customer.export");
}

#[tokio::test]
async fn erasure_leaves_no_personal_data_in_any_table_and_keeps_purchases() {
    let app = TestApp::spawn().await;
    let (ann, ada) = customer_with_everything(&app).await;
    engagements(&app, &ann, &ada).await;
    let secrets = [
        "Quokkaberry",
        "Zelmira",
        "Quxworth",
        "zelmira.q@example.com",
        "999 8877",
        "Salainen",
        "Kuopio",
        "ext-zq",
        "Vermilion",
        "Xylophonite",
        "umbrellas",
    ];
    for s in secrets {
        assert!(
            !app.store.find_text(s).await.unwrap().is_empty(),
            "{s} is stored before erasure"
        );
    }
    let (s, _) = app
        .call("DELETE", "/api/v1/customers/GDPR1", Some(&ada), None)
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    for s in secrets {
        assert_eq!(
            app.store.find_text(s).await.unwrap(),
            Vec::<String>::new(),
            "{s} left after erasure"
        );
    }
    let (_, doc) = app
        .call("GET", "/api/v1/customers/GDPR1/export", Some(&ada), None)
        .await;
    assert_eq!(
        doc["purchases"][0]["amount_minor"], 12345,
        "aggregates stay"
    );
    assert_eq!(doc["customer"]["email"], serde_json::Value::Null);
    let (_, log) = app
        .call("GET", "/api/v1/audit?customer=GDPR1", Some(&ada), None)
        .await;
    let actions: Vec<_> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(actions.contains(&"customer.erase"));
    let (s, _) = app
        .call("DELETE", "/api/v1/customers/NOPE", Some(&ada), None)
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}
