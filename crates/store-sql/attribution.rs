//! Attribution rules (a versioned JSON document per company) and results:
//! purchases computed once per rules version, their shares, and the
//! contacts that feed the pure rule in `clienteling_domain::attribution`.

use super::map_err;
use crate::Backend;
use async_trait::async_trait;
use clienteling_domain::attribution::{ContactKind, Rules};
use clienteling_domain::ids::{AssociateId, CompanyId, CustomerId};
use clienteling_domain::time_util::now_micros;
use clienteling_store::{
    AttributionQuery, AttributionRecord, AttributionStore, ContactFact, PurchaseFact, Result,
    ShareRow, StoreError, StoredRules,
};
use sqlx::{FromRow, QueryBuilder};
use uuid::Uuid;

/// Rows per multi-row INSERT (11 binds each).
const CHUNK: usize = 500;

#[derive(FromRow)]
struct PurchaseRow {
    id: Uuid,
    customer_id: Uuid,
    at: i64,
    amount_minor: i64,
    currency: String,
}

#[derive(FromRow)]
struct ContactRow {
    id: Uuid,
    customer_id: Uuid,
    associate_id: Uuid,
    code: String,
    channel: Option<String>,
    at: i64,
}

#[derive(FromRow)]
struct RecordRow {
    purchase_id: Uuid,
    account: String,
    purchase_at: i64,
    amount_minor: i64,
    purchase_minor: i64,
    currency: String,
    associate_id: Uuid,
    associate_name: String,
    contact_id: Uuid,
    contact_kind: String,
    contact_type: String,
    contact_at: i64,
}

impl TryFrom<RecordRow> for AttributionRecord {
    type Error = StoreError;
    fn try_from(r: RecordRow) -> Result<Self> {
        Ok(AttributionRecord {
            purchase: r.purchase_id,
            account: r.account,
            purchase_at: r.purchase_at,
            amount_minor: r.amount_minor,
            purchase_minor: r.purchase_minor,
            currency: r.currency,
            associate: AssociateId(r.associate_id),
            associate_name: r.associate_name,
            contact: r.contact_id,
            contact_kind: ContactKind::parse(&r.contact_kind)
                .ok_or_else(|| StoreError::other("unknown contact kind"))?,
            contact_type: r.contact_type,
            contact_at: r.contact_at,
        })
    }
}

const RECORD_SQL: &str = "SELECT s.purchase_id, c.account, s.purchase_at, s.amount_minor, p.amount_minor AS purchase_minor, \
     s.currency, s.associate_id, w.display_name AS associate_name, s.contact_id, s.contact_kind, t.name AS contact_type, s.contact_at \
     FROM attribution_shares s JOIN customers c ON c.id = s.customer_id JOIN purchases p ON p.id = s.purchase_id \
     JOIN associates w ON w.id = s.associate_id JOIN activities a ON a.id = s.contact_id \
     JOIN activity_types t ON t.id = a.type_id WHERE s.company_id = ";

type Tx<'a> = sqlx::Transaction<'a, crate::Db>;

async fn insert_done(
    tx: &mut Tx<'_>,
    company: CompanyId,
    version: i64,
    ids: &[Uuid],
) -> Result<()> {
    let mut q = QueryBuilder::<crate::Db>::new(
        "INSERT INTO attribution_done (company_id, rules_version, purchase_id) ",
    );
    q.push_values(ids, |mut b, id| {
        b.push_bind(company.0).push_bind(version).push_bind(*id);
    });
    q.push(" ON CONFLICT DO NOTHING");
    q.build().execute(&mut **tx).await.map_err(map_err)?;
    Ok(())
}

async fn insert_shares(
    tx: &mut Tx<'_>,
    company: CompanyId,
    version: i64,
    rows: &[ShareRow],
) -> Result<()> {
    let mut q = QueryBuilder::<crate::Db>::new(
        "INSERT INTO attribution_shares (company_id, rules_version, purchase_id, associate_id, customer_id, \
         contact_id, contact_kind, contact_at, purchase_at, amount_minor, currency) ",
    );
    q.push_values(rows, |mut b, s| {
        b.push_bind(company.0)
            .push_bind(version)
            .push_bind(s.purchase.id)
            .push_bind(s.associate.0)
            .push_bind(s.purchase.customer.0)
            .push_bind(s.contact)
            .push_bind(s.contact_kind.as_str())
            .push_bind(s.contact_at)
            .push_bind(s.purchase.at)
            .push_bind(s.amount_minor)
            .push_bind(s.purchase.currency.clone());
    });
    q.push(" ON CONFLICT DO NOTHING");
    q.build().execute(&mut **tx).await.map_err(map_err)?;
    Ok(())
}

#[async_trait]
impl AttributionStore for Backend {
    async fn attribution_rules(&self, company: CompanyId) -> Result<Option<StoredRules>> {
        let row: Option<(i64, String)> = sqlx::query_as(
            "SELECT version, rules FROM attribution_rules WHERE company_id = $1 ORDER BY version DESC LIMIT 1",
        )
        .bind(company.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(map_err)?;
        row.map(|(version, doc)| {
            let rules = serde_json::from_str(&doc).map_err(StoreError::other)?;
            Ok(StoredRules { version, rules })
        })
        .transpose()
    }

    async fn put_attribution_rules(
        &self,
        company: CompanyId,
        rules: &Rules,
        by: AssociateId,
    ) -> Result<StoredRules> {
        let doc = serde_json::to_string(rules).map_err(StoreError::other)?;
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        let version: i64 = sqlx::query_scalar(
            "INSERT INTO attribution_rules (company_id, version, rules, created_by, created_at) \
             SELECT $1, COALESCE(MAX(version), 0) + 1, $2, $3, $4 FROM attribution_rules WHERE company_id = $1 \
             RETURNING version",
        )
        .bind(company.0)
        .bind(doc)
        .bind(by.0)
        .bind(now_micros())
        .fetch_one(&mut *tx)
        .await
        .map_err(map_err)?;
        for table in ["attribution_shares", "attribution_done"] {
            sqlx::query(super::dynamic(format!(
                "DELETE FROM {table} WHERE company_id = $1 AND rules_version < $2"
            )))
            .bind(company.0)
            .bind(version)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        }
        tx.commit().await.map_err(map_err)?;
        Ok(StoredRules {
            version,
            rules: rules.clone(),
        })
    }

    async fn pending_purchases(
        &self,
        company: CompanyId,
        version: i64,
        limit: u32,
    ) -> Result<Vec<PurchaseFact>> {
        let rows: Vec<PurchaseRow> = sqlx::query_as(
            "SELECT p.id, p.customer_id, p.at, p.amount_minor, p.currency FROM purchases p WHERE p.company_id = $1 \
             AND NOT EXISTS (SELECT 1 FROM attribution_done d WHERE d.company_id = $1 AND d.rules_version = $2 AND d.purchase_id = p.id) \
             ORDER BY p.at, p.id LIMIT $3",
        )
        .bind(company.0)
        .bind(version)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(rows
            .into_iter()
            .map(|r| PurchaseFact {
                id: r.id,
                customer: CustomerId(r.customer_id),
                at: r.at,
                amount_minor: r.amount_minor,
                currency: r.currency,
            })
            .collect())
    }

    async fn contacts_of(
        &self,
        company: CompanyId,
        customers: &[CustomerId],
        until: i64,
    ) -> Result<Vec<ContactFact>> {
        let mut out = Vec::new();
        for chunk in customers.chunks(CHUNK) {
            let mut q = QueryBuilder::<crate::Db>::new(
                "SELECT a.id, a.customer_id, a.associate_id, t.code, a.channel, a.at FROM activities a \
                 JOIN activity_types t ON t.id = a.type_id LEFT JOIN appointments ap ON ap.activity_id = a.id \
                 WHERE (ap.id IS NULL OR ap.status IN ('booked', 'held')) AND a.company_id = ",
            );
            q.push_bind(company.0)
                .push(" AND a.at <= ")
                .push_bind(until);
            q.push(" AND a.customer_id IN (");
            let mut sep = q.separated(", ");
            for c in chunk {
                sep.push_bind(c.0);
            }
            q.push(")");
            let rows: Vec<ContactRow> = q
                .build_query_as()
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
            out.extend(rows.into_iter().map(|r| ContactFact {
                id: r.id,
                customer: CustomerId(r.customer_id),
                associate: AssociateId(r.associate_id),
                type_code: r.code,
                channel: r.channel,
                at: r.at,
            }));
        }
        Ok(out)
    }

    async fn save_attribution(
        &self,
        company: CompanyId,
        version: i64,
        done: &[Uuid],
        shares: &[ShareRow],
    ) -> Result<()> {
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        for chunk in shares.chunks(CHUNK) {
            insert_shares(&mut tx, company, version, chunk).await?;
        }
        for chunk in done.chunks(CHUNK) {
            insert_done(&mut tx, company, version, chunk).await?;
        }
        tx.commit().await.map_err(map_err)
    }

    async fn attributions(
        &self,
        company: CompanyId,
        query: &AttributionQuery,
    ) -> Result<Vec<AttributionRecord>> {
        let mut q = QueryBuilder::<crate::Db>::new(RECORD_SQL);
        q.push_bind(company.0)
            .push(" AND s.rules_version = ")
            .push_bind(query.version);
        if let Some(from) = query.from {
            q.push(" AND s.purchase_at >= ").push_bind(from);
        }
        if let Some(to) = query.to {
            q.push(" AND s.purchase_at < ").push_bind(to);
        }
        if !query.associates.is_empty() {
            q.push(" AND s.associate_id IN (");
            let mut sep = q.separated(", ");
            for a in &query.associates {
                sep.push_bind(a.0);
            }
            q.push(")");
        }
        if let Some((at, purchase, associate)) = query.before {
            q.push(" AND (s.purchase_at, s.purchase_id, s.associate_id) < (")
                .push_bind(at)
                .push(", ")
                .push_bind(purchase)
                .push(", ")
                .push_bind(associate)
                .push(")");
        }
        q.push(" ORDER BY s.purchase_at DESC, s.purchase_id DESC, s.associate_id DESC LIMIT ")
            .push_bind(i64::from(query.limit));
        let rows: Vec<RecordRow> = q
            .build_query_as()
            .fetch_all(&self.pool)
            .await
            .map_err(map_err)?;
        rows.into_iter().map(TryInto::try_into).collect()
    }
}
