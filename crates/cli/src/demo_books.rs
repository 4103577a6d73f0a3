//! Demo client-book data: an attribute group (likes, birthday, anniversary,
//! size, VIP, preferred contact) with values for every customer, client books
//! for the associates with the customers of their stores, and a first
//! insights run so cards show churn probability.

use anyhow::{Result, anyhow};
use clienteling_domain::attributes::{AttributeKind, NewAttribute, StoredValue};
use clienteling_domain::ids::{CompanyId, CustomerId, StoreId};
use clienteling_domain::settings::Measure;
use clienteling_store::Store;
use rand::Rng;
use rand::rngs::StdRng;

/// Values of the `likes` attribute.
pub(crate) const LIKES: &[&str] = &[
    "handbags",
    "shoes",
    "jewellery",
    "scarves",
    "outerwear",
    "knitwear",
];
/// Values of the `preferred_contact` attribute.
pub(crate) const CONTACT: &[&str] = &["email", "phone", "sms"];

fn attr(
    name: &str,
    kind: AttributeKind,
    values: &[&str],
    refinable: bool,
    order: i32,
) -> NewAttribute {
    NewAttribute {
        name: name.into(),
        kind,
        values: values.iter().map(|v| v.to_string()).collect(),
        refinable,
        display_order: order,
    }
}

/// The demo's attribute group "Client profile", in display order: likes,
/// birthday, size, vip, preferred_contact, anniversary.
pub(crate) fn profile_attributes() -> [NewAttribute; 6] {
    [
        attr("likes", AttributeKind::Enum, LIKES, true, 1),
        attr("birthday", AttributeKind::Date, &[], false, 2),
        attr("size", AttributeKind::Number, &[], true, 3),
        attr("vip", AttributeKind::Boolean, &[], true, 4),
        attr("preferred_contact", AttributeKind::Enum, CONTACT, true, 5),
        attr("anniversary", AttributeKind::Date, &[], false, 6),
    ]
}

/// Create and select the attribute group, fill values, and fill the books.
pub async fn add_attributes_and_books(
    store: &dyn Store,
    company: CompanyId,
    customers: &[(CustomerId, StoreId)],
    rng: &mut StdRng,
) -> Result<()> {
    let group = store
        .create_attribute_group(company, "Client profile", &profile_attributes())
        .await?;
    let mut settings = store.settings(company).await?;
    settings.attribute_group = Some(group.name.clone());
    settings.card_measures = vec![Measure::ChurnProbability];
    store.put_settings(company, &settings).await?;
    let ids: Vec<_> = group.attributes.iter().map(|a| a.id).collect();
    let today = time::OffsetDateTime::now_utc().date();
    for (i, (customer, _)) in customers.iter().enumerate() {
        let (likes, birthday) = if i % 12 == 0 {
            ("handbags", soon_birthday(today, i))
        } else {
            (
                LIKES[rng.random_range(0..LIKES.len())],
                random_date(rng, 1950, 2004),
            )
        };
        let values = vec![
            (ids[0], Some(StoredValue::Text(likes.into()))),
            (ids[1], Some(StoredValue::Text(birthday))),
            (
                ids[2],
                Some(StoredValue::Number(f64::from(rng.random_range(34..46)))),
            ),
            (
                ids[3],
                Some(StoredValue::Text(rng.random_bool(0.15).to_string())),
            ),
            (
                ids[4],
                Some(StoredValue::Text(
                    CONTACT[rng.random_range(0..CONTACT.len())].into(),
                )),
            ),
            (
                ids[5],
                rng.random_bool(0.3)
                    .then(|| StoredValue::Text(random_date(rng, 1990, 2024))),
            ),
        ];
        store.set_customer_attributes(*customer, &values).await?;
    }
    fill_books(store, company, customers).await
}

/// A birthday falling 2–26 days from `today`, so the demo always has
/// handbag lovers with a birthday coming up.
fn soon_birthday(today: time::Date, i: usize) -> String {
    let d = today + time::Duration::days(2 + (i / 12 % 25) as i64);
    format!("1985-{:02}-{:02}", u8::from(d.month()), d.day().min(28))
}

/// A random date `YYYY-MM-DD` between the years `from` and `to`.
pub(crate) fn random_date(rng: &mut StdRng, from: i32, to: i32) -> String {
    let (y, m, d) = (
        rng.random_range(from..=to),
        rng.random_range(1..=12u8),
        rng.random_range(1..=28u8),
    );
    format!("{y:04}-{m:02}-{d:02}")
}

/// Every associate gets up to 60 customers of their first store; about a
/// third of the customers stay in no book, to be added from search.
async fn fill_books(
    store: &dyn Store,
    company: CompanyId,
    customers: &[(CustomerId, StoreId)],
) -> Result<()> {
    let stores = store.list_stores(company).await?;
    let associates = store.list_associates(company).await?;
    let mut taken = std::collections::HashSet::new();
    for a in associates.iter().filter(|a| a.role != "admin") {
        let Some(shop) = a
            .stores
            .first()
            .and_then(|code| stores.iter().find(|s| s.code.as_str() == code))
        else {
            continue;
        };
        let book = store.ensure_book(company, a.id).await?;
        let mine = customers
            .iter()
            .filter(|(c, s)| *s == shop.id && !taken.contains(c))
            .take(60)
            .map(|(c, _)| *c)
            .collect::<Vec<_>>();
        for c in mine {
            taken.insert(c);
            store.add_to_book(&book, c, Some(1), a.id).await?;
        }
    }
    Ok(())
}

/// Fit the models on the demo purchases so cards show measures at once.
pub async fn run_insights(store: &dyn Store, company: CompanyId) -> Result<()> {
    let today = time::OffsetDateTime::now_utc().date();
    let params = clienteling_server::insights::RunRequest {
        calibration_end: None,
        horizon_weeks: None,
        clv_months: None,
        monthly_discount_rate: None,
    }
    .validate(today)
    .map_err(|e| anyhow!("{e}"))?;
    let result = clienteling_server::insights::execute(store, company, &params)
        .await
        .map_err(|e| anyhow!("insights: {e}"))?;
    let written = result["measures_written"].as_u64().unwrap_or_default();
    let args = [("count", written.into())];
    eprintln!("{}", crate::msg::t_args("cli-demo-insights", &args));
    Ok(())
}
