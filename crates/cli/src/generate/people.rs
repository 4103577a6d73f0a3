//! Generated customers (names and places of the demo), the demo's attribute
//! group with values for everyone, and client-book memberships.

use super::{BATCH, Person, Shop, bar, done};
use crate::demo_books::{CONTACT, LIKES, profile_attributes, random_date};
use crate::names::{FI_FIRST, FI_LAST, LT_FIRST, LT_LAST, STREETS, ascii_slug};
use anyhow::{Context, Result, bail};
use clienteling_domain::attributes::{AttributeGroup, StoredValue};
use clienteling_domain::ids::{CompanyId, CustomerId};
use clienteling_store::{BulkAttributes, BulkCustomer, BulkMember, CustomerColumn as Col, Store};
use rand::Rng;
use rand::rngs::StdRng;
use std::time::Instant;

/// A random element of `list`.
pub(super) fn pick<'a>(rng: &mut StdRng, list: &[&'a str]) -> &'a str {
    list[rng.random_range(0..list.len())]
}

fn fake_customer(i: usize, shop: &Shop, rng: &mut StdRng) -> BulkCustomer {
    let (city, streets) = STREETS[shop.city];
    let lithuanian = city == "Vilnius";
    let (first, last) = if lithuanian {
        (pick(rng, LT_FIRST), pick(rng, LT_LAST))
    } else {
        (pick(rng, FI_FIRST), pick(rng, FI_LAST))
    };
    let account = format!("G{:08}", i + 1);
    BulkCustomer {
        id: Some(CustomerId::new()),
        email: rng
            .random_bool(0.9)
            .then(|| format!("{}.{}{i}@example.com", ascii_slug(first), ascii_slug(last))),
        phone: rng.random_bool(0.8).then(|| {
            format!(
                "+358 40 {:03} {:04}",
                rng.random_range(0..1000),
                rng.random_range(0..10_000)
            )
        }),
        street: Some(format!(
            "{} {}",
            pick(rng, streets),
            rng.random_range(1..80)
        )),
        postal_code: Some(format!("{:05}", rng.random_range(100..99_999))),
        city: Some(city.to_owned()),
        country: Some(if lithuanian { "LT" } else { "FI" }.to_owned()),
        consent: rng.random_bool(0.85),
        consent_source: Some("store".to_owned()),
        address_books: Vec::new(),
        first_name: first.to_owned(),
        last_name: last.to_owned(),
        account,
        ..Default::default()
    }
}

pub(super) async fn add_customers(
    store: &dyn Store,
    company: CompanyId,
    shops: &[Shop],
    n: usize,
    rng: &mut StdRng,
) -> Result<Vec<Person>> {
    use Col::*;
    let columns = [
        FirstName,
        LastName,
        Email,
        Phone,
        Street,
        PostalCode,
        City,
        Country,
        Consent,
        ConsentSource,
        AddressBooks,
    ];
    let books = store.list_address_books(company).await?;
    let started = Instant::now();
    let bar = bar("customers", n as u64);
    let mut people = Vec::with_capacity(n);
    for from in (0..n).step_by(BATCH) {
        let mut batch = Vec::with_capacity(BATCH);
        for i in from..(from + BATCH).min(n) {
            let shop = rng.random_range(0..shops.len());
            let mut c = fake_customer(i, &shops[shop], rng);
            let book = books
                .iter()
                .find(|b| b.id == shops[shop].book)
                .context("address book")?;
            c.address_books = vec![book.code.to_string()];
            let id = c.id.context("generated id")?;
            people.push(Person {
                id,
                account: c.account.clone(),
                shop,
            });
            batch.push(c);
        }
        let out = store.upsert_customers(company, &columns, &batch).await?;
        if !out.rejected.is_empty() {
            bail!(
                "generated customers were rejected: {:?}",
                out.rejected.first()
            );
        }
        bar.inc(batch.len() as u64);
    }
    done(bar, "customers", n as u64, started);
    Ok(people)
}

/// The demo's attribute group, selected in settings, with values for everyone.
pub(super) async fn add_attributes(
    store: &dyn Store,
    company: CompanyId,
    people: &[Person],
    rng: &mut StdRng,
) -> Result<()> {
    let group = store
        .create_attribute_group(company, "Client profile", &profile_attributes())
        .await?;
    let mut settings = store.settings(company).await?;
    settings.attribute_group = Some(group.name.clone());
    store.put_settings(company, &settings).await?;
    let started = Instant::now();
    let bar = bar("attribute values", people.len() as u64);
    for chunk in people.chunks(BATCH) {
        let rows: Vec<BulkAttributes> = chunk
            .iter()
            .map(|p| profile(&group, &p.account, rng))
            .collect();
        store.upsert_attributes(company, &rows).await?;
        bar.inc(chunk.len() as u64);
    }
    done(bar, "attribute values", people.len() as u64, started);
    Ok(())
}

fn profile(group: &AttributeGroup, account: &str, rng: &mut StdRng) -> BulkAttributes {
    let id = |i: usize| group.attributes[i].id;
    let text = |s: &str| Some(StoredValue::Text(s.to_owned()));
    BulkAttributes {
        account: account.to_owned(),
        values: vec![
            (id(0), text(pick(rng, LIKES))),
            (id(1), text(&random_date(rng, 1950, 2004))),
            (
                id(2),
                Some(StoredValue::Number(f64::from(rng.random_range(34..46)))),
            ),
            (id(3), text(&rng.random_bool(0.15).to_string())),
            (id(4), text(pick(rng, CONTACT))),
            (
                id(5),
                rng.random_bool(0.3)
                    .then(|| StoredValue::Text(random_date(rng, 1990, 2024))),
            ),
        ],
    }
}

/// About 60 % of the customers in the book of an associate of their store.
pub(super) async fn add_members(
    store: &dyn Store,
    company: CompanyId,
    shops: &[Shop],
    people: &[Person],
    rng: &mut StdRng,
) -> Result<()> {
    let started = Instant::now();
    let bar = bar("client-book members", people.len() as u64);
    let mut n = 0;
    for chunk in people.chunks(BATCH) {
        let mut rows = Vec::with_capacity(chunk.len());
        for p in chunk {
            let staff = &shops[p.shop].staff;
            if staff.is_empty() || !rng.random_bool(0.6) {
                continue;
            }
            let (_, book) = staff[rng.random_range(0..staff.len())];
            rows.push(BulkMember {
                book,
                account: p.account.clone(),
                added_at: None,
            });
        }
        n += store
            .upsert_members(company, &rows, Some(1))
            .await?
            .inserted;
        bar.inc(chunk.len() as u64);
    }
    done(bar, "client-book members", n, started);
    Ok(())
}
