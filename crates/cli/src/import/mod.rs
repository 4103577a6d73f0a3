//! `clienteling import customers|purchases|attributes|activities|client-books FILE`.
//!
//! A reader thread streams the CSV, maps the header to the importer's
//! columns, parses and validates rows and hands batches over a bounded
//! channel (memory stays constant); the writer applies each batch in one
//! transaction through the [`clienteling_store::BulkStore`] upserts (a
//! multi-row `INSERT … ON CONFLICT` per statement; no `COPY`). Because
//! every row is keyed (account, external id, membership), a re-run or a run
//! resumed after a crash changes nothing that is already there. Bad rows go
//! to the reject file with their line and reason; a failing batch stops the
//! import with its line range, nothing of it applied.

pub mod activities;
pub mod attributes;
pub mod books;
pub mod customers;
mod pipeline;
pub mod purchases;
pub mod rejects;
pub mod source;
pub mod values;

#[cfg(test)]
mod proptests;

use crate::cli::{Entity, ImportArgs};
use anyhow::{Context, Result};
use clienteling_store::{BulkOutcome, Store};
use source::{Column, Fields};
use std::future::Future;
use std::sync::Arc;

/// One kind of import: its columns, how a row is parsed (on the reader
/// thread) and how a batch is written.
pub trait Importer: Send + Sync + 'static {
    /// A parsed, validated row.
    type Row: Send + 'static;
    /// The columns it reads.
    fn columns(&self) -> &[Column];
    /// Called once with the positions of the columns in the file and its
    /// header, before any row.
    fn bind(&mut self, index: &[Option<usize>], header: &[String]) -> Result<()> {
        let _ = (index, header);
        Ok(())
    }
    /// Parse one row, or say why it is rejected.
    fn parse(&self, fields: &Fields<'_>) -> Result<Self::Row, String>;
    /// Write one batch in one transaction.
    fn write(
        &self,
        store: &dyn Store,
        rows: &[Self::Row],
    ) -> impl Future<Output = Result<BulkOutcome>> + Send;
}

/// Run an import.
pub async fn run(store: Arc<dyn Store>, args: ImportArgs) -> Result<()> {
    let company = store
        .company_by_code(&args.company)
        .await
        .with_context(|| {
            crate::msg::t_args(
                "cli-err-no-company",
                &[("code", args.company.as_str().into())],
            )
        })?
        .id;
    let s = store.as_ref();
    let outcome = match args.entity {
        Entity::Customers => {
            pipeline::run(store.clone(), customers::Customers::new(company), &args).await
        }
        Entity::Purchases => {
            let imp = purchases::Purchases::load(s, company, &args.currency).await?;
            pipeline::run(store.clone(), imp, &args).await
        }
        Entity::Attributes => {
            let imp = attributes::Attributes::load(s, company, args.group.as_deref()).await?;
            pipeline::run(store.clone(), imp, &args).await
        }
        Entity::Activities => {
            let imp = activities::Activities::load(s, company).await?;
            pipeline::run(store.clone(), imp, &args).await
        }
        Entity::ClientBooks => {
            let imp = books::Books::load(s, company).await?;
            pipeline::run(store.clone(), imp, &args).await
        }
    };
    // A bulk load changes the data's shape: let the planner see it, also
    // after a failed run's committed batches; the import's own error wins.
    let refreshed = s.refresh_statistics().await;
    outcome?;
    Ok(refreshed?)
}

/// A validation error as one line: `field: message; …`.
pub fn invalid(e: &clienteling_domain::Invalid) -> String {
    e.0.iter()
        .map(|f| format!("{}: {}", f.pointer.trim_start_matches('/'), f.message))
        .collect::<Vec<_>>()
        .join("; ")
}

/// An account number, validated.
pub fn account(f: &Fields<'_>, i: usize) -> Result<String, String> {
    let raw = f.required(i)?;
    clienteling_domain::text::AccountNumber::parse(raw)
        .map(|a| a.as_str().to_owned())
        .map_err(|e| format!("{}: {e}", f.name(i)))
}

/// A key derived from a row without an id column: a hash of the account, the
/// time, the amount or type, and every field of the line, so that the same
/// line always gets the same key (and identical lines are imported once).
pub fn derived_key(account: &str, at: i64, extra: &str, record: &csv::ByteRecord) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(account.as_bytes());
    h.update(at.to_le_bytes());
    h.update(extra.as_bytes());
    for f in record {
        h.update([0x1f]);
        h.update(f.trim_ascii());
    }
    let digest = h.finalize();
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("h:{hex}")
}
