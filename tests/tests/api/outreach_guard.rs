//! The over-messaging guard under concurrency: several bulk sends to the
//! same customers at once, spread over two servers (two connection pools
//! on one database, as two server processes would be), with K = 1 message
//! per day. Queueing to one customer is serialised in the database, so
//! each customer gets exactly one message and every other send reports
//! `guard` for them.

use crate::outreach::{customer, quiet_app, results, set_guard, template_id};
use clienteling_server::Config;
use reqwest::StatusCode;
use serde_json::json;
use std::collections::BTreeMap;
use std::sync::Arc;

const CUSTOMERS: usize = 6;
const SENDS: usize = 6;

#[tokio::test]
async fn concurrent_bulk_sends_from_two_servers_queue_one_message_per_customer() {
    let one = Arc::new(quiet_app().await);
    let two = Arc::new(
        one.spawn_second_with(Config {
            outbox: None,
            ..Config::default()
        })
        .await,
    );
    let accounts: Vec<String> = (0..CUSTOMERS).map(|i| format!("G{i}")).collect();
    for a in &accounts {
        customer(&one, a, Some(&format!("{a}@example.com")), &["email"]).await;
    }
    set_guard(&one, json!({"max_messages": 1, "per_days": 1})).await;
    let ann = one.login("ann").await;
    let tpl = template_id(&one, &ann, "thank-you", "en").await;
    let tasks: Vec<_> = (0..SENDS)
        .map(|i| {
            let app = Arc::clone(if i % 2 == 0 { &one } else { &two });
            let mut order = accounts.clone();
            order.rotate_left(i % CUSTOMERS);
            let body = json!({"template": tpl, "channel": "email", "accounts": order});
            let token = ann.clone();
            tokio::spawn(async move {
                let (s, r) = app
                    .call("POST", "/api/v1/outreach", Some(&token), Some(body))
                    .await;
                assert_eq!(s, StatusCode::OK, "{r}");
                results(&r)
            })
        })
        .collect();
    let mut per_customer: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for t in tasks {
        for (account, result) in t.await.unwrap() {
            per_customer.entry(account).or_default().push(result);
        }
    }
    for a in &accounts {
        let got = &per_customer[a];
        let queued = got.iter().filter(|r| *r == "queued").count();
        let guard = got.iter().filter(|r| *r == "guard").count();
        assert_eq!((queued, guard), (1, SENDS - 1), "{a}: {got:?}");
    }
    let ada = one.login("ada").await;
    let (s, page) = one
        .call("GET", "/api/v1/outbox?limit=500", Some(&ada), None)
        .await;
    assert_eq!(s, StatusCode::OK, "{page}");
    let mut in_outbox: BTreeMap<String, usize> = BTreeMap::new();
    for m in page["items"].as_array().unwrap() {
        *in_outbox
            .entry(m["account"].as_str().unwrap().to_owned())
            .or_default() += 1;
    }
    let want: BTreeMap<String, usize> = accounts.iter().map(|a| (a.clone(), 1)).collect();
    assert_eq!(in_outbox, want, "one outbox message per customer");
}
