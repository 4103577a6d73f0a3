//! Client books over HTTP: switch, numbering, add/remove/reassign, store
//! books, filters, refiners, upcoming events, cards and permissions.

use clienteling_tests::TestApp;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// An attribute group selected in settings and six customers with values.
async fn setup(app: &TestApp) -> String {
    let ada = app.login("ada").await;
    let group = json!({"name": "main", "attributes": [
        {"name": "likes", "kind": "enum", "values": ["handbags", "shoes", "scarves"], "refinable": true, "display_order": 2},
        {"name": "birthday", "kind": "date", "display_order": 1},
        {"name": "size", "kind": "number", "refinable": true, "display_order": 3},
    ]});
    let (s, g) = app
        .call("POST", "/api/v1/attribute-groups", Some(&ada), Some(group))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{g}");
    let (_, mut settings) = app.call("GET", "/api/v1/settings", Some(&ada), None).await;
    settings["attribute_group"] = json!("main");
    let (s, body) = app
        .call("PUT", "/api/v1/settings", Some(&ada), Some(settings))
        .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let today = time::OffsetDateTime::now_utc().date();
    let soon = today + time::Duration::days(3);
    let later = today + time::Duration::days(100);
    let md = |d: time::Date| format!("1990-{:02}-{:02}", u8::from(d.month()), d.day());
    let people = [
        ("A1", "Aalto", "handbags", 38, md(soon)),
        ("A2", "Berg", "handbags", 40, md(later)),
        ("A3", "Cole", "shoes", 38, md(soon)),
        ("A4", "Dahl", "scarves", 42, md(later)),
    ];
    for (acc, last, likes, size, bday) in people {
        let c = json!({"account": acc, "first_name": "Kim", "last_name": last, "email": format!("{acc}@example.com"), "consent": acc != "A4"});
        assert_eq!(
            app.call("POST", "/api/v1/customers", Some(&ada), Some(c))
                .await
                .0,
            StatusCode::CREATED
        );
        let v = json!({"likes": likes, "size": size, "birthday": bday});
        let (s, b) = app
            .call(
                "PUT",
                &format!("/api/v1/customers/{acc}/attributes"),
                Some(&ada),
                Some(v),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{b}");
    }
    ada
}

async fn my_book(app: &TestApp, token: &str) -> String {
    let (s, b) = app
        .call("GET", "/api/v1/client-books/mine", Some(token), None)
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    b["id"].as_str().unwrap().to_owned()
}

async fn add(app: &TestApp, token: &str, book: &str, accounts: &[&str]) -> Value {
    let (s, r) = app
        .call(
            "POST",
            &format!("/api/v1/client-books/{book}/customers"),
            Some(token),
            Some(json!({"accounts": accounts})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    r
}

fn results(r: &Value) -> Vec<String> {
    r["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["result"].as_str().unwrap().to_owned())
        .collect()
}

fn accounts(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["account"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn adding_reports_per_account_and_the_one_book_rule_names_the_owner() {
    let app = TestApp::spawn().await;
    setup(&app).await;
    let ann = app.login("ann").await;
    let book = my_book(&app, &ann).await;
    assert_eq!(book, "CB-000001");
    let r = add(&app, &ann, &book, &["A1", "A2", "A1", "NOPE"]).await;
    assert_eq!(results(&r), ["added", "added", "already_here", "not_found"]);
    let max = app.login("max").await;
    let max_book = my_book(&app, &max).await;
    let r = add(&app, &max, &max_book, &["A1", "A3"]).await;
    assert_eq!(results(&r), ["conflict", "added"]);
    assert_eq!(r["results"][0]["owners"][0]["name"], "ann tester");
    let (_, mine) = app
        .call("GET", "/api/v1/client-books/mine", Some(&ann), None)
        .await;
    assert_eq!(mine["customer_count"], 2);
}

#[tokio::test]
async fn consent_can_be_required_before_adding() {
    let app = TestApp::spawn().await;
    let ada = setup(&app).await;
    let (_, mut settings) = app.call("GET", "/api/v1/settings", Some(&ada), None).await;
    settings["require_consent"] = json!(true);
    app.call("PUT", "/api/v1/settings", Some(&ada), Some(settings))
        .await;
    let ann = app.login("ann").await;
    let book = my_book(&app, &ann).await;
    assert_eq!(
        results(&add(&app, &ann, &book, &["A4", "A1"]).await),
        ["no_consent", "added"]
    );
}

#[tokio::test]
async fn with_clienteling_off_book_routes_answer_409() {
    let app = TestApp::spawn().await;
    let ada = app.login("ada").await;
    let (_, mut settings) = app.call("GET", "/api/v1/settings", Some(&ada), None).await;
    settings["clienteling_enabled"] = json!(false);
    app.call("PUT", "/api/v1/settings", Some(&ada), Some(settings))
        .await;
    let ann = app.login("ann").await;
    let (s, p) = app
        .call("GET", "/api/v1/client-books/mine", Some(&ann), None)
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert_eq!(p["detail"], "clienteling disabled");
    let max = app.login("max").await;
    let (s, _) = app
        .call(
            "GET",
            "/api/v1/stores/helsinki/client-book/customers",
            Some(&max),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
}

#[tokio::test]
async fn each_seeded_role_has_a_denied_book_call() {
    let app = TestApp::spawn().await;
    setup(&app).await;
    let ann = app.login("ann").await;
    let max = app.login("max").await;
    let ada = app.login("ada").await;
    let max_book = my_book(&app, &max).await;
    let (s, _) = app
        .call(
            "GET",
            &format!("/api/v1/client-books/{max_book}/customers"),
            Some(&ann),
            None,
        )
        .await;
    assert_eq!(
        s,
        StatusCode::FORBIDDEN,
        "an associate never sees another associate's book"
    );
    let (s, _) = app
        .call(
            "GET",
            "/api/v1/stores/helsinki/client-book/customers",
            Some(&ann),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = app
        .call(
            "GET",
            "/api/v1/stores/vilnius/client-book/customers",
            Some(&max),
            None,
        )
        .await;
    assert_eq!(
        s,
        StatusCode::FORBIDDEN,
        "a manager sees only the stores they work at"
    );
    let (s, _) = app
        .call("GET", "/api/v1/client-books/mine", Some(&ada), None)
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "HQ keeps no client book");
    let ann_book = my_book(&app, &ann).await;
    let (s, _) = app
        .call(
            "GET",
            &format!("/api/v1/client-books/{ann_book}/customers"),
            Some(&max),
            None,
        )
        .await;
    assert_eq!(
        s,
        StatusCode::OK,
        "a manager may look into an associate's book"
    );
}

#[tokio::test]
async fn store_books_cover_every_associate_of_the_store() {
    let app = TestApp::spawn().await;
    let ada = setup(&app).await;
    let ann = app.login("ann").await;
    let vic = app.login("vic").await;
    add(&app, &ann, &my_book(&app, &ann).await, &["A1"]).await;
    add(&app, &vic, &my_book(&app, &vic).await, &["A2"]).await;
    let max = app.login("max").await;
    let (_, hel) = app
        .call(
            "GET",
            "/api/v1/stores/helsinki/client-book/customers",
            Some(&max),
            None,
        )
        .await;
    assert_eq!(accounts(&hel), ["A1"]);
    let (_, vno) = app
        .call(
            "GET",
            "/api/v1/stores/vilnius/client-book/customers",
            Some(&ada),
            None,
        )
        .await;
    assert_eq!(accounts(&vno), ["A2"]);
}

#[tokio::test]
async fn filters_refiners_and_cards_follow_the_rules() {
    let app = TestApp::spawn().await;
    let ada = setup(&app).await;
    let ann = app.login("ann").await;
    let book = my_book(&app, &ann).await;
    add(&app, &ann, &book, &["A1", "A2", "A3", "A4"]).await;
    let get = |q: &str| {
        let path = format!("/api/v1/client-books/{book}/customers?{q}");
        let (app, ann) = (&app, &ann);
        async move { app.call("GET", &path, Some(ann), None).await }
    };
    assert_eq!(
        accounts(&get("attr.likes=handbags,shoes").await.1),
        ["A1", "A2", "A3"]
    );
    assert_eq!(
        accounts(&get("attr.likes=handbags&attr.size.max=39").await.1),
        ["A1"]
    );
    assert_eq!(accounts(&get("attr.size.min=40&q=dahl").await.1), ["A4"]);
    assert_eq!(
        accounts(&get("event=birthday&within_days=30").await.1),
        ["A1", "A3"]
    );
    let (s, page) = get("limit=3").await;
    assert_eq!(
        (s, accounts(&page)),
        (
            StatusCode::OK,
            vec!["A1".to_owned(), "A2".into(), "A3".into()]
        )
    );
    let (_, rest) = get(&format!(
        "limit=3&cursor={}",
        page["next_cursor"].as_str().unwrap()
    ))
    .await;
    assert_eq!(accounts(&rest), ["A4"]);
    for bad in [
        "attr.colour=red",
        "attr.likes.min=3",
        "attr.size=big",
        "event=likes",
        "within_days=5",
        "nonsense=1",
    ] {
        let (s, p) = get(bad).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{bad}: {p}");
    }
    let (_, refiners) = app
        .call(
            "GET",
            &format!("/api/v1/client-books/{book}/refiners?attr.likes=handbags"),
            Some(&ann),
            None,
        )
        .await;
    let likes = refiners
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["attribute"] == "likes")
        .unwrap();
    assert_eq!(
        likes["values"].as_array().unwrap().len(),
        3,
        "a refiner ignores its own condition"
    );
    let size = refiners
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["attribute"] == "size")
        .unwrap();
    assert_eq!(
        size["values"],
        json!([{"value": "38", "count": 1}, {"value": "40", "count": 1}])
    );
    let card = &page["items"][0];
    let names: Vec<_> = card["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["churn_probability", "birthday", "likes"],
        "measures first, then attributes by display order"
    );
    let (_, mut settings) = app.call("GET", "/api/v1/settings", Some(&ada), None).await;
    settings["card_measures"] = json!([]);
    app.call("PUT", "/api/v1/settings", Some(&ada), Some(settings))
        .await;
    let (_, card) = app
        .call("GET", "/api/v1/customers/A1/card", Some(&ann), None)
        .await;
    let slots: Vec<_> = card["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["name"].as_str().unwrap(), s["value"].as_str().unwrap()))
        .collect();
    assert_eq!(
        slots,
        [
            ("birthday", card["slots"][0]["value"].as_str().unwrap()),
            ("likes", "handbags"),
            ("size", "38")
        ]
    );
}

#[tokio::test]
async fn upcoming_lists_the_soonest_first() {
    let app = TestApp::spawn().await;
    setup(&app).await;
    let ann = app.login("ann").await;
    let book = my_book(&app, &ann).await;
    add(&app, &ann, &book, &["A1", "A2", "A3", "A4"]).await;
    let (s, up) = app
        .call(
            "GET",
            &format!("/api/v1/client-books/{book}/upcoming?days=30"),
            Some(&ann),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let got: Vec<_> = up
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["account"].as_str().unwrap(),
                u["in_days"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, [("A1", 3), ("A3", 3)]);
    let (s, _) = app
        .call(
            "GET",
            &format!("/api/v1/client-books/{book}/upcoming?days=999"),
            Some(&ann),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn removing_and_reassigning_keep_history_in_the_audit_log() {
    let app = TestApp::spawn().await;
    let ada = setup(&app).await;
    let ann = app.login("ann").await;
    let book = my_book(&app, &ann).await;
    add(&app, &ann, &book, &["A1", "A2", "A3"]).await;
    let (s, _) = app
        .call(
            "DELETE",
            &format!("/api/v1/client-books/{book}/customers/A3"),
            Some(&ann),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = app
        .call(
            "DELETE",
            &format!("/api/v1/client-books/{book}/customers/A3"),
            Some(&ann),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let max = app.login("max").await;
    let (_, list) = app
        .call("GET", "/api/v1/associates", Some(&ada), None)
        .await;
    let id = |u: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|a| a["username"] == u)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let (s, _) = app
        .call(
            "POST",
            "/api/v1/client-books/reassign",
            Some(&ann),
            Some(json!({"to_associate": id("vic"), "accounts": ["A1"]})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "associates cannot reassign");
    let (s, r) = app
        .call(
            "POST",
            "/api/v1/client-books/reassign",
            Some(&max),
            Some(json!({"to_associate": id("vic"), "accounts": ["A1"]})),
        )
        .await;
    assert_eq!((s, results(&r)), (StatusCode::OK, vec!["added".to_owned()]));
    let (s, r) = app
        .call(
            "POST",
            "/api/v1/client-books/reassign",
            Some(&max),
            Some(json!({"from_associate": id("ann"), "to_associate": id("max")})),
        )
        .await;
    assert_eq!(
        (s, results(&r)),
        (StatusCode::OK, vec!["added".to_owned()]),
        "all of ann's remaining customers"
    );
    let (_, mine) = app
        .call("GET", "/api/v1/client-books/mine", Some(&ann), None)
        .await;
    assert_eq!(mine["customer_count"], 0);
    let (_, log) = app
        .call("GET", "/api/v1/audit?customer=A1", Some(&ada), None)
        .await;
    let actions: Vec<_> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(actions.contains(&"client_book.reassign") && actions.contains(&"client_book.add"));
}

#[tokio::test]
async fn concurrent_adds_over_http_let_exactly_one_book_win() {
    let app = TestApp::spawn().await;
    setup(&app).await;
    let ann = app.login("ann").await;
    let max = app.login("max").await;
    let (a, m) = (my_book(&app, &ann).await, my_book(&app, &max).await);
    let body = json!({"accounts": ["A1", "A2", "A3", "A4"]});
    let (pa, pm) = (
        format!("/api/v1/client-books/{a}/customers"),
        format!("/api/v1/client-books/{m}/customers"),
    );
    let (r1, r2) = tokio::join!(
        app.call("POST", &pa, Some(&ann), Some(body.clone())),
        app.call("POST", &pm, Some(&max), Some(body.clone())),
    );
    for i in 0..4 {
        let outcomes = [
            r1.1["results"][i]["result"].as_str().unwrap(),
            r2.1["results"][i]["result"].as_str().unwrap(),
        ];
        assert_eq!(
            outcomes.iter().filter(|o| **o == "added").count(),
            1,
            "{outcomes:?}"
        );
    }
}

#[tokio::test]
async fn attribute_values_are_typed_and_bad_ones_point_at_the_attribute() {
    let app = TestApp::spawn().await;
    let ada = setup(&app).await;
    let (s, p) = app
        .call(
            "PUT",
            "/api/v1/customers/A1/attributes",
            Some(&ada),
            Some(json!({"likes": "hats", "size": "big", "colour": 1})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let mut ptrs: Vec<_> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["pointer"].as_str().unwrap())
        .collect();
    ptrs.sort();
    assert_eq!(ptrs, ["/colour", "/likes", "/size"]);
    let (_, now) = app
        .call("GET", "/api/v1/customers/A1/attributes", Some(&ada), None)
        .await;
    assert_eq!(
        now["likes"], "handbags",
        "a rejected update changes nothing"
    );
    let (s, v) = app
        .call(
            "PUT",
            "/api/v1/customers/A1/attributes",
            Some(&ada),
            Some(json!({"likes": null})),
        )
        .await;
    assert_eq!((s, &v["likes"]), (StatusCode::OK, &Value::Null));
}

#[tokio::test]
async fn a_manager_sees_only_the_books_of_associates_in_their_stores() {
    let app = TestApp::spawn().await;
    setup(&app).await;
    let vic = app.login("vic").await;
    let vic_book = my_book(&app, &vic).await;
    let max = app.login("max").await;
    let (s, _) = app
        .call(
            "GET",
            &format!("/api/v1/client-books/{vic_book}/customers"),
            Some(&max),
            None,
        )
        .await;
    assert_eq!(
        s,
        StatusCode::FORBIDDEN,
        "vic works in vilnius, max does not"
    );
    let ada = app.login("ada").await;
    let (s, _) = app
        .call(
            "GET",
            "/api/v1/stores/vilnius/client-book/customers",
            Some(&ada),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK, "HQ sees every store book");
}
