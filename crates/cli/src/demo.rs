//! The demo company: 3 stores, 12 associates (an admin, a manager and ten
//! associates), customers with realistic names and two years of purchases
//! drawn from a BG/NBD-like process. Idempotent: an existing demo is reused.

use crate::names::{FI_FIRST, FI_LAST, LT_FIRST, LT_LAST, STREETS, ascii_slug};
use anyhow::{Context, Result};
use clienteling_domain::customer::{CustomerFields, RawCustomer};
use clienteling_domain::ids::{AddressBookId, CompanyId, CustomerId, StoreId};
use clienteling_domain::org::NewAssociate;
use clienteling_domain::text::{Code, Name, Username};
use clienteling_domain::time_util::now_micros;
use clienteling_store::{NewPurchase, Store, StoreError};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rand_distr::{Beta, Distribution, Gamma, LogNormal};

/// Company code of the demo.
pub const COMPANY: &str = "demo";

/// `(username, display name, role, stores)`.
const USERS: &[(&str, &str, &str, &[&str])] = &[
    ("admin", "Hanna HQ", "admin", &[]),
    (
        "manager",
        "Mikko Manager",
        "manager",
        &["helsinki", "tampere"],
    ),
    ("aino", "Aino Associate", "associate", &["helsinki"]),
    ("eino", "Eino Lahtinen", "associate", &["helsinki"]),
    ("helmi", "Helmi Saarinen", "associate", &["helsinki"]),
    (
        "onni",
        "Onni Heikkilä",
        "associate",
        &["helsinki", "tampere"],
    ),
    ("sofia", "Sofia Niemi", "associate", &["tampere"]),
    ("leevi", "Leevi Jokinen", "associate", &["tampere"]),
    ("venla", "Venla Salo", "associate", &["tampere"]),
    ("ruta", "Rūta Kazlauskė", "associate", &["vilnius"]),
    ("jonas", "Jonas Petrauskas", "associate", &["vilnius"]),
    ("greta", "Greta Urbonaitė", "associate", &["vilnius"]),
];

/// `(store code, name, address book)`.
const STORES: &[(&str, &str, &str)] = &[
    ("helsinki", "Helsinki Esplanadi", "hel"),
    ("tampere", "Tampere Hämeenkatu", "tre"),
    ("vilnius", "Vilnius Gedimino", "vno"),
];

fn password_of(username: &str) -> String {
    format!("{username}-demo-2026")
}

/// Build the demo if missing, then print one sign-in line per demo user.
pub async fn ensure(store: &dyn Store, customers: u32) -> Result<()> {
    match store.company_by_code(COMPANY).await {
        Ok(_) => eprintln!("{}", crate::msg::t("cli-demo-reused")),
        Err(StoreError::NotFound) => build(store, customers).await?,
        Err(e) => return Err(e).context("looking for the demo company"),
    }
    for (username, _, role, _) in USERS {
        println!(
            "demo login: company={COMPANY} username={username} password={} role={role}",
            password_of(username)
        );
    }
    Ok(())
}

async fn build(store: &dyn Store, customers: u32) -> Result<()> {
    let started = std::time::Instant::now();
    let code = Code::parse(COMPANY).map_err(anyhow::Error::msg)?;
    let name = Name::parse("Aurora Fashion (demo)").map_err(anyhow::Error::msg)?;
    let company = store.create_company(&code, &name).await?;
    let mut shops = Vec::new();
    for (code, name, book) in STORES {
        let b = store
            .create_address_book(
                company.id,
                &parse_code(book)?,
                &parse_name(&format!("{name} customers"))?,
            )
            .await?;
        let s = store
            .create_store(company.id, &parse_code(code)?, &parse_name(name)?, &[b.id])
            .await?;
        shops.push((s.id, b.id, *code));
    }
    add_users(store, company.id, &shops).await?;
    let mut rng = StdRng::seed_from_u64(2026);
    let ids = add_customers(store, company.id, &shops, customers, &mut rng).await?;
    let n = add_purchases(store, company.id, &ids, &mut rng).await?;
    crate::demo_books::add_attributes_and_books(store, company.id, &ids, &mut rng).await?;
    let (contacts, meetings, followed) =
        crate::demo_engagement::add_engagement(store, company.id, &ids, &mut rng).await?;
    let engagement = [
        ("contacts", contacts.into()),
        ("appointments", meetings.into()),
        ("purchases", followed.into()),
    ];
    eprintln!("{}", crate::msg::t_args("cli-demo-engagement", &engagement));
    crate::demo_books::run_insights(store, company.id).await?;
    crate::demo_follow_ups::add(store, company.id, "aino").await?;
    crate::demo_outreach::add_consents(store, &ids).await?;
    crate::demo_outreach::configure_smtp(store, company.id).await?;
    let seconds = crate::msg::tr().number(started.elapsed().as_secs_f64(), 1);
    let args = [
        ("count", ids.len().into()),
        ("purchases", n.into()),
        ("seconds", seconds.into()),
    ];
    eprintln!("{}", crate::msg::t_args("cli-demo-built", &args));
    Ok(())
}

fn parse_code(s: &str) -> Result<Code> {
    Code::parse(s).map_err(anyhow::Error::msg)
}

fn parse_name(s: &str) -> Result<Name> {
    Name::parse(s).map_err(anyhow::Error::msg)
}

async fn add_users(
    store: &dyn Store,
    company: CompanyId,
    shops: &[(StoreId, AddressBookId, &str)],
) -> Result<()> {
    let roles = store.list_roles(company).await?;
    for (username, display, role, stores) in USERS {
        let role = roles
            .iter()
            .find(|r| r.name.as_str() == *role)
            .context("seeded role missing")?;
        let mine: Vec<_> = shops
            .iter()
            .filter(|(_, _, c)| stores.contains(c))
            .collect();
        let hash = clienteling_server::auth::password::hash_blocking(&password_of(username))
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let new = NewAssociate {
            username: Username::parse(username).map_err(anyhow::Error::msg)?,
            display_name: parse_name(display)?,
            password_hash: hash,
            role: role.id,
            stores: mine.iter().map(|s| s.0).collect(),
            address_books: mine.iter().map(|s| s.1).collect(),
            locale: None,
        };
        store.create_associate(company, &new).await?;
    }
    Ok(())
}

async fn add_customers(
    store: &dyn Store,
    company: CompanyId,
    shops: &[(StoreId, AddressBookId, &str)],
    n: u32,
    rng: &mut StdRng,
) -> Result<Vec<(CustomerId, StoreId)>> {
    let mut out = Vec::with_capacity(n as usize);
    for i in 0..n {
        let shop = &shops[rng.random_range(0..shops.len())];
        let raw = fake_customer(i, shop.2, rng);
        let fields = CustomerFields::parse(&raw, true).map_err(|e| anyhow::anyhow!("{e}"))?;
        let c = store.create_customer(company, &fields, &[shop.1]).await?;
        out.push((c.id, shop.0));
    }
    Ok(out)
}

fn pick<'a>(rng: &mut StdRng, list: &[&'a str]) -> &'a str {
    list[rng.random_range(0..list.len())]
}

fn fake_customer(i: u32, shop: &str, rng: &mut StdRng) -> RawCustomer {
    let lithuanian = shop == "vilnius";
    let (first, last) = if lithuanian {
        (pick(rng, LT_FIRST), pick(rng, LT_LAST))
    } else {
        (pick(rng, FI_FIRST), pick(rng, FI_LAST))
    };
    let city_idx = match shop {
        "helsinki" => 0,
        "tampere" => 1,
        _ => 2,
    };
    let (city, streets) = STREETS[city_idx];
    let phone = if lithuanian {
        format!(
            "+370 6{:02} {:05}",
            rng.random_range(0..100),
            rng.random_range(0..100_000)
        )
    } else {
        format!(
            "+358 40 {:03} {:04}",
            rng.random_range(0..1000),
            rng.random_range(0..10_000)
        )
    };
    RawCustomer {
        account: Some(format!("C{:06}", i + 1)),
        first_name: Some(first.into()),
        last_name: Some(last.into()),
        email: rng.random_bool(0.9).then(|| {
            format!(
                "{}.{}{}@example.com",
                ascii_slug(first),
                ascii_slug(last),
                i
            )
        }),
        phone: rng.random_bool(0.8).then_some(phone),
        street: Some(format!(
            "{} {}",
            pick(rng, streets),
            rng.random_range(1..80)
        )),
        postal_code: Some(if lithuanian {
            format!("LT-{:05}", rng.random_range(1000..99999))
        } else {
            format!("{:05}", rng.random_range(100..99999))
        }),
        city: Some(city.into()),
        country: Some(if lithuanian { "LT" } else { "FI" }.into()),
        consent: Some(rng.random_bool(0.85)),
        consent_source: Some("store".into()),
        ..Default::default()
    }
}

/// Two years of purchases: each customer buys at a Gamma-distributed weekly
/// rate until a Beta-distributed dropout ends their activity.
async fn add_purchases(
    store: &dyn Store,
    company: CompanyId,
    customers: &[(CustomerId, StoreId)],
    rng: &mut StdRng,
) -> Result<u64> {
    const DAY: i64 = 86_400_000_000;
    let now = now_micros();
    let start = now - 730 * DAY;
    let rate = Gamma::new(0.9, 1.0 / 8.0).map_err(anyhow::Error::msg)?;
    let dropout = Beta::new(0.8, 6.0).map_err(anyhow::Error::msg)?;
    let spend = LogNormal::new(4.4, 0.6).map_err(anyhow::Error::msg)?;
    let mut batch = Vec::new();
    for (customer, shop) in customers {
        let lambda: f64 = rate.sample(rng);
        let p: f64 = dropout.sample(rng);
        let mut t = start + rng.random_range(0..700) * DAY;
        loop {
            let euros: f64 = spend.sample(rng);
            let amount = (euros * 100.0).round() as i64;
            batch.push(NewPurchase {
                customer: *customer,
                at: t,
                amount_minor: amount.max(100),
                currency: "EUR".into(),
                store: Some(*shop),
            });
            if rng.random_bool(p.clamp(0.0, 1.0)) {
                break;
            }
            let gap_weeks = -rng.random::<f64>().max(1e-9).ln() / lambda.max(1e-3);
            t += (gap_weeks * 7.0 * DAY as f64) as i64 + DAY;
            if t >= now {
                break;
            }
        }
    }
    Ok(store.add_purchases(company, &batch).await?)
}
