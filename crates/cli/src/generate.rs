//! `clienteling generate`: a large, realistic data set for benchmarks in a new
//! company, written through the bulk paths in big transactions: stores with
//! address books, associates with client books, customers with the demo's
//! attribute group, purchases from a BG/NBD-like process (per-customer Gamma
//! purchase rate, Beta dropout after each purchase, calibrated so the total
//! comes close to `--purchases`) and activities. Each phase shows a progress
//! bar and reports its rows/s.

mod people;
mod sales;

use crate::cli::GenerateArgs;
use crate::names::STREETS;
use anyhow::{Context, Result, anyhow, bail};
use clienteling_domain::ids::{
    AddressBookId, AssociateId, ClientBookId, CompanyId, CustomerId, StoreId,
};
use clienteling_domain::org::NewAssociate;
use clienteling_domain::text::{Code, Name, Username};
use clienteling_store::Store;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use people::{add_attributes, add_customers, add_members};
use rand::SeedableRng;
use rand::rngs::StdRng;
use sales::{add_activities, add_purchases};
use std::sync::Arc;
use std::time::Instant;

const DAY: i64 = 86_400_000_000;
/// Rows per transaction.
const BATCH: usize = 5000;
/// Password of every generated associate.
pub const PASSWORD: &str = "bench-password-2026";

/// A generated store: its id, address book and city (an index into `STREETS`).
struct Shop {
    id: StoreId,
    book: AddressBookId,
    city: usize,
    staff: Vec<(AssociateId, ClientBookId)>,
}

/// A generated customer: id, account and store (index into the shops).
struct Person {
    id: CustomerId,
    account: String,
    shop: usize,
}

/// Run `generate`.
pub async fn run(store: Arc<dyn Store>, args: &GenerateArgs) -> Result<()> {
    let s = store.as_ref();
    let started = Instant::now();
    let mut rng = StdRng::seed_from_u64(args.seed);
    let company = create_company(s, &args.company).await?;
    let customers = args.customers as usize;
    let mut shops = add_shops(
        s,
        company,
        args.stores.unwrap_or((args.customers / 5000).max(3)),
    )
    .await?;
    let n = args.associates.unwrap_or((args.customers / 200).max(10));
    add_staff(s, company, &mut shops, n).await?;
    let people = add_customers(s, company, &shops, customers, &mut rng).await?;
    add_attributes(s, company, &people, &mut rng).await?;
    add_members(s, company, &shops, &people, &mut rng).await?;
    add_purchases(s, company, &shops, &people, args.purchases, &mut rng).await?;
    let activities = args.activities.unwrap_or(10 * u64::from(args.customers));
    add_activities(s, company, &shops, &people, activities, &mut rng).await?;
    s.refresh_statistics().await?;
    let summary = [
        ("company", args.company.as_str().into()),
        (
            "seconds",
            crate::msg::seconds(started.elapsed().as_secs_f64()),
        ),
        ("password", PASSWORD.into()),
    ];
    eprintln!("{}", crate::msg::t_args("cli-generated", &summary));
    Ok(())
}

/// A phase's progress bar.
fn bar(phase: &str, total: u64) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    let template = format!(
        "{{spinner}} {}: [{{wide_bar}}] {{human_pos}}/{{human_len}} ({{per_sec}}, {{eta}})",
        crate::msg::label("cli-phase", phase)
    );
    if let Ok(style) = ProgressStyle::with_template(&template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// Finish a phase and report its rate.
fn done(bar: ProgressBar, phase: &str, rows: u64, started: Instant) {
    bar.finish_and_clear();
    let secs = started.elapsed().as_secs_f64();
    let summary = [
        ("phase", crate::msg::label("cli-phase", phase).into()),
        ("rows", rows.into()),
        ("seconds", crate::msg::seconds(secs)),
        ("rate", crate::msg::rate(rows as f64 / secs.max(1e-9))),
    ];
    println!("{}", crate::msg::t_args("cli-generate-phase", &summary));
}

fn code(s: &str) -> Result<Code> {
    Code::parse(s).map_err(|e| anyhow!("{s}: {e}"))
}

fn name(s: &str) -> Result<Name> {
    Name::parse(s).map_err(|e| anyhow!("{s}: {e}"))
}

async fn create_company(store: &dyn Store, code_: &str) -> Result<CompanyId> {
    if store.company_by_code(code_).await.is_ok() {
        bail!(crate::msg::t_args(
            "cli-err-company-exists",
            &[("code", code_.into())]
        ));
    }
    let c = store
        .create_company(&code(code_)?, &name(&format!("{code_} (generated)"))?)
        .await
        .with_context(|| crate::msg::t("cli-err-creating-company"))?;
    Ok(c.id)
}

async fn add_shops(store: &dyn Store, company: CompanyId, n: u32) -> Result<Vec<Shop>> {
    let started = Instant::now();
    let bar = bar("stores", u64::from(n));
    let mut shops = Vec::with_capacity(n as usize);
    for i in 0..n as usize {
        let city = i % STREETS.len();
        let c = format!("s{:04}", i + 1);
        let label = format!("{} {}", STREETS[city].0, i + 1);
        let book = store
            .create_address_book(company, &code(&format!("ab{:04}", i + 1))?, &name(&label)?)
            .await?;
        let id = store
            .create_store(company, &code(&c)?, &name(&label)?, &[book.id])
            .await?
            .id;
        shops.push(Shop {
            id,
            book: book.id,
            city,
            staff: Vec::new(),
        });
        bar.inc(1);
    }
    done(bar, "stores", u64::from(n), started);
    Ok(shops)
}

/// Associates (role associate, one shared password hash) spread over the shops.
async fn add_staff(
    store: &dyn Store,
    company: CompanyId,
    shops: &mut [Shop],
    n: u32,
) -> Result<()> {
    let started = Instant::now();
    let bar = bar("associates", u64::from(n));
    let role = store
        .list_roles(company)
        .await?
        .into_iter()
        .find(|r| r.name.as_str() == "associate")
        .context("seeded role associate missing")?
        .id;
    let hash =
        clienteling_server::auth::password::hash_blocking(PASSWORD).map_err(|e| anyhow!("{e}"))?;
    for i in 0..n as usize {
        let shop = &mut shops[i % shops.len()];
        let username = format!("a{:05}", i + 1);
        let new = NewAssociate {
            username: Username::parse(&username).map_err(|e| anyhow!("{e}"))?,
            display_name: name(&format!("Associate {}", i + 1))?,
            password_hash: hash.clone(),
            role,
            stores: vec![shop.id],
            address_books: vec![shop.book],
            locale: None,
        };
        let a = store.create_associate(company, &new).await?;
        let book = store.ensure_book(company, a.id).await?;
        shop.staff.push((a.id, book.id));
        bar.inc(1);
    }
    done(bar, "associates with client books", u64::from(n), started);
    Ok(())
}
