//! `clienteling export customers|purchases|attributes|activities|client-books`
//! (CSV in the columns `import` reads, so an export imports back unchanged),
//! and the data-access commands `export-customer` (JSON) and `erase`, both
//! written to the audit log like their API counterparts.

use crate::cli::{CustomerRef, Entity, ExportArgs};
use crate::import::values::{format_amount, format_time};
use crate::import::{attributes, books, customers, purchases};
use anyhow::{Context, Result};
use clienteling_domain::customer::Customer;
use clienteling_domain::ids::{AuditId, CompanyId};
use clienteling_domain::time_util::now_micros;
use clienteling_store::{AuditEntry, Store};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::time::Instant;

/// Rows read per query.
const PAGE: u32 = 5000;

type Csv = csv::Writer<Output>;

/// Stdout, a file, or a gzip file.
enum Output {
    Plain(Box<dyn Write>),
    Gzip(flate2::write::GzEncoder<std::io::BufWriter<std::fs::File>>),
}

impl Output {
    fn open(path: Option<&Path>) -> Result<Self> {
        let Some(path) = path else {
            return Ok(Output::Plain(Box::new(std::io::BufWriter::new(
                std::io::stdout().lock(),
            ))));
        };
        let file =
            std::fs::File::create(path).with_context(|| no_file("cli-err-creating", path))?;
        let file = std::io::BufWriter::new(file);
        Ok(if path.extension().is_some_and(|e| e == "gz") {
            Output::Gzip(flate2::write::GzEncoder::new(
                file,
                flate2::Compression::fast(),
            ))
        } else {
            Output::Plain(Box::new(file))
        })
    }

    fn finish(self) -> Result<()> {
        match self {
            Output::Plain(mut w) => w.flush()?,
            Output::Gzip(g) => g.finish()?.flush()?,
        }
        Ok(())
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Output::Plain(w) => w.write(buf),
            Output::Gzip(g) => g.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Output::Plain(w) => w.flush(),
            Output::Gzip(g) => g.flush(),
        }
    }
}

/// The id of the company with `code`.
async fn company_id(store: &dyn Store, code: &str) -> Result<CompanyId> {
    Ok(store
        .company_by_code(code)
        .await
        .with_context(|| crate::msg::t_args("cli-err-no-company", &[("code", code.into())]))?
        .id)
}

/// Run `export`.
pub async fn run(store: &dyn Store, args: &ExportArgs) -> Result<()> {
    let company = company_id(store, &args.company).await?;
    let started = Instant::now();
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(&format!(
        "{{spinner}} {}: {{human_pos}} {} ({{per_sec}}) {{elapsed}}",
        crate::msg::t("cli-exporting"),
        crate::msg::t("cli-rows")
    )) {
        bar.set_style(style);
    }
    let mut w = csv::Writer::from_writer(Output::open(args.output.as_deref())?);
    let n = match args.entity {
        Entity::Customers => export_customers(store, company, &mut w, &bar).await?,
        Entity::Purchases => export_purchases(store, company, &mut w, &bar).await?,
        Entity::Attributes => {
            export_attributes(store, company, args.group.as_deref(), &mut w, &bar).await?
        }
        Entity::Activities => export_activities(store, company, &mut w, &bar).await?,
        Entity::ClientBooks => export_members(store, company, &mut w, &bar).await?,
    };
    bar.finish_and_clear();
    w.into_inner()
        .map_err(|e| anyhow::anyhow!("{}: {}", crate::msg::t("cli-err-writing-output"), e.error()))?
        .finish()?;
    let secs = started.elapsed().as_secs_f64();
    let summary = [
        ("count", n.into()),
        ("seconds", crate::msg::seconds(secs)),
        ("rate", crate::msg::rate(n as f64 / secs.max(1e-9))),
    ];
    eprintln!("{}", crate::msg::t_args("cli-export-summary", &summary));
    Ok(())
}

fn opt(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or_default()
}

fn customer_record(c: &Customer) -> Vec<String> {
    vec![
        c.account.to_string(),
        c.first_name.clone(),
        c.last_name.clone(),
        opt(&c.email).to_owned(),
        opt(&c.phone).to_owned(),
        opt(&c.address.street).to_owned(),
        opt(&c.address.postal_code).to_owned(),
        opt(&c.address.city).to_owned(),
        opt(&c.address.country).to_owned(),
        c.consent.given.to_string(),
        c.consent.at.map(format_time).unwrap_or_default(),
        opt(&c.consent.source).to_owned(),
        opt(&c.alternate_id).to_owned(),
        c.address_books.join(";"),
    ]
}

async fn export_customers(
    store: &dyn Store,
    company: CompanyId,
    w: &mut Csv,
    bar: &ProgressBar,
) -> Result<u64> {
    w.write_record(customers::header())?;
    let (mut n, mut after) = (0u64, None::<String>);
    loop {
        let page = store
            .export_customers(company, after.as_deref(), PAGE)
            .await?;
        for c in &page {
            w.write_record(customer_record(c))?;
        }
        n += page.len() as u64;
        bar.set_position(n);
        match page.last() {
            Some(last) if page.len() == PAGE as usize => after = Some(last.account.to_string()),
            _ => return Ok(n),
        }
    }
}

async fn export_purchases(
    store: &dyn Store,
    company: CompanyId,
    w: &mut Csv,
    bar: &ProgressBar,
) -> Result<u64> {
    w.write_record(purchases::HEADER)?;
    let (mut n, mut after) = (0u64, None);
    loop {
        let page = store.export_purchases(company, after, PAGE).await?;
        for p in &page {
            let at = format_time(p.at);
            let amount = format_amount(p.amount_minor);
            w.write_record([
                p.key.as_str(),
                &p.account,
                &at,
                &amount,
                &p.currency,
                opt(&p.store),
            ])?;
        }
        n += page.len() as u64;
        bar.set_position(n);
        match page.last() {
            Some(last) if page.len() == PAGE as usize => after = Some((last.at, last.id)),
            _ => return Ok(n),
        }
    }
}

async fn export_activities(
    store: &dyn Store,
    company: CompanyId,
    w: &mut Csv,
    bar: &ProgressBar,
) -> Result<u64> {
    w.write_record(crate::import::activities::HEADER)?;
    let (mut n, mut after) = (0u64, None);
    loop {
        let page = store.export_activities(company, after, PAGE).await?;
        for a in &page {
            let (at, due) = (
                format_time(a.at),
                a.due_at.map(format_time).unwrap_or_default(),
            );
            let row = [
                a.key.as_str(),
                &a.account,
                &a.associate,
                &a.type_code,
                opt(&a.store),
                &at,
                &a.description,
                &due,
            ];
            w.write_record(row)?;
        }
        n += page.len() as u64;
        bar.set_position(n);
        match page.last() {
            Some(last) if page.len() == PAGE as usize => after = Some((last.at, last.id)),
            _ => return Ok(n),
        }
    }
}

async fn export_members(
    store: &dyn Store,
    company: CompanyId,
    w: &mut Csv,
    bar: &ProgressBar,
) -> Result<u64> {
    w.write_record(books::HEADER)?;
    let (mut n, mut after) = (0u64, None);
    loop {
        let page = store.export_members(company, after, PAGE).await?;
        for m in &page {
            w.write_record([
                m.book.as_str(),
                &m.associate,
                &m.account,
                &format_time(m.added_at),
            ])?;
        }
        n += page.len() as u64;
        bar.set_position(n);
        match page.last() {
            Some(last) if page.len() == PAGE as usize => after = Some(last.key),
            _ => return Ok(n),
        }
    }
}

/// One row per customer with a value of the group's attributes.
async fn export_attributes(
    store: &dyn Store,
    company: CompanyId,
    group: Option<&str>,
    w: &mut Csv,
    bar: &ProgressBar,
) -> Result<u64> {
    let (_, attrs) = attributes::group(store, company, group).await?;
    let mut header = vec!["account".to_owned()];
    header.extend(attrs.iter().map(|a| a.name.clone()));
    w.write_record(&header)?;
    let (mut n, mut after) = (0u64, None::<String>);
    loop {
        let page = store
            .export_customers(company, after.as_deref(), PAGE)
            .await?;
        let ids: Vec<_> = page.iter().map(|c| c.id).collect();
        let mut values: HashMap<_, HashMap<_, _>> = HashMap::new();
        for (c, a, v) in store.customer_attributes(&ids).await? {
            values.entry(c).or_default().insert(a, v);
        }
        for c in &page {
            let Some(mine) = values.get(&c.id) else {
                continue;
            };
            if !attrs.iter().any(|a| mine.contains_key(&a.id)) {
                continue;
            }
            let mut row = vec![c.account.to_string()];
            row.extend(
                attrs
                    .iter()
                    .map(|a| mine.get(&a.id).map(|v| v.display()).unwrap_or_default()),
            );
            w.write_record(&row)?;
            n += 1;
        }
        bar.set_position(n);
        match page.last() {
            Some(last) if page.len() == PAGE as usize => after = Some(last.account.to_string()),
            _ => return Ok(n),
        }
    }
}

/// An audit entry of a CLI data-access command (no associate; no personal data).
fn audit(company: CompanyId, action: &str, account: &str, detail: serde_json::Value) -> AuditEntry {
    AuditEntry {
        id: AuditId::new(),
        company,
        at: now_micros(),
        associate: None,
        action: action.to_owned(),
        outcome: "ok".to_owned(),
        customer: Some(account.to_owned()),
        target: Some("cli".to_owned()),
        request_id: None,
        detail,
    }
}

/// "no customer X in company Y", in the user's language.
fn no_customer(who: &CustomerRef) -> String {
    let args = [
        ("account", who.account.as_str().into()),
        ("company", who.company.as_str().into()),
    ];
    crate::msg::t_args("cli-err-no-customer", &args)
}

/// "creating <path>" (or opening, writing), in the user's language.
fn no_file(key: &str, path: &Path) -> String {
    crate::msg::t_args(key, &[("path", path.display().to_string().into())])
}

/// Run `export-customer`: everything about one customer as JSON.
pub async fn customer(store: &dyn Store, who: &CustomerRef, output: Option<&Path>) -> Result<()> {
    let company = company_id(store, &who.company).await?;
    let doc = clienteling_server::privacy::export(store, company, &who.account)
        .await
        .with_context(|| no_customer(who))?;
    let mut out = Output::open(output)?;
    serde_json::to_writer_pretty(&mut out, &doc)?;
    writeln!(out)?;
    out.finish()?;
    let entry = audit(
        company,
        "customer.export",
        &who.account,
        serde_json::json!({ "via": "cli" }),
    );
    store
        .append_audit(&entry)
        .await
        .with_context(|| crate::msg::t("cli-err-writing-audit"))?;
    Ok(())
}

/// Run `erase`: anonymise one customer and print what changed.
pub async fn erase(store: &dyn Store, who: &CustomerRef) -> Result<()> {
    let company = company_id(store, &who.company).await?;
    let report = clienteling_server::privacy::erase(store, company, &who.account)
        .await
        .with_context(|| no_customer(who))?;
    let mut detail = serde_json::to_value(&report)?;
    detail["via"] = serde_json::json!("cli");
    store
        .append_audit(&audit(company, "customer.erase", &who.account, detail))
        .await
        .with_context(|| crate::msg::t("cli-err-writing-audit"))?;
    let args = [
        ("account", who.account.as_str().into()),
        ("report", serde_json::to_string(&report)?.into()),
    ];
    println!("{}", crate::msg::t_args("cli-erased", &args));
    Ok(())
}
