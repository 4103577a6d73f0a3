//! Message templates (every change a new version row), consents per
//! customer and channel, and the company's outreach settings document.

use super::map_err;
use crate::Backend;
use clienteling_domain::ids::{AssociateId, CompanyId, CustomerId};
use clienteling_domain::outreach::{
    Channel, ChannelConsent, DEFAULT_TEMPLATES, OutreachSettings, TemplateDraft,
};
use clienteling_domain::time_util::now_micros;
use clienteling_store::{Result, StoreError, TemplateRecord, TemplateVersion};
use sqlx::FromRow;
use uuid::Uuid;

#[derive(FromRow)]
struct TemplateRow {
    id: Uuid,
    code: String,
    locale: String,
    name: String,
    version: i32,
    subject: String,
    body: String,
    html: bool,
    updated_at: i64,
}

impl From<TemplateRow> for TemplateRecord {
    fn from(r: TemplateRow) -> Self {
        TemplateRecord {
            id: r.id,
            code: r.code,
            locale: r.locale,
            name: r.name,
            version: r.version,
            subject: r.subject,
            body: r.body,
            html: r.html,
            updated_at: r.updated_at,
        }
    }
}

const TEMPLATE_SQL: &str = "SELECT t.id, t.code, t.locale, t.name, t.version, v.subject, v.body, v.html, t.updated_at \
     FROM message_templates t JOIN message_template_versions v ON v.template_id = t.id AND v.version = t.version \
     WHERE t.company_id = $1";

type Tx<'a> = sqlx::Transaction<'a, crate::Db>;

/// Insert the shipped default templates of a new company (in its creating transaction).
pub(crate) async fn seed_templates(tx: &mut Tx<'_>, company: CompanyId) -> Result<()> {
    for (code, locale, name, subject, body) in DEFAULT_TEMPLATES {
        let draft = TemplateDraft {
            code: (*code).into(),
            locale: (*locale).into(),
            name: (*name).into(),
            subject: (*subject).into(),
            body: (*body).into(),
            html: false,
        };
        insert_template(tx, company, Uuid::now_v7(), &draft, None).await?;
    }
    Ok(())
}

async fn insert_template(
    tx: &mut Tx<'_>,
    company: CompanyId,
    id: Uuid,
    d: &TemplateDraft,
    author: Option<AssociateId>,
) -> Result<()> {
    let now = now_micros();
    sqlx::query(
        "INSERT INTO message_templates (id, company_id, code, locale, name, version, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, 1, $6, $6)",
    )
    .bind(id)
    .bind(company.0)
    .bind(&d.code)
    .bind(&d.locale)
    .bind(d.name.trim())
    .bind(now)
    .execute(&mut **tx)
    .await
    .map_err(map_err)?;
    insert_version(tx, id, 1, d, author, now).await
}

async fn insert_version(
    tx: &mut Tx<'_>,
    id: Uuid,
    version: i32,
    d: &TemplateDraft,
    author: Option<AssociateId>,
    now: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO message_template_versions (template_id, version, subject, body, html, author_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(version)
    .bind(&d.subject)
    .bind(&d.body)
    .bind(d.html)
    .bind(author.map(|a| a.0))
    .bind(now)
    .execute(&mut **tx)
    .await
    .map_err(map_err)?;
    Ok(())
}

impl Backend {
    pub(crate) async fn list_templates_sql(
        &self,
        company: CompanyId,
    ) -> Result<Vec<TemplateRecord>> {
        let sql = format!("{TEMPLATE_SQL} ORDER BY t.code, t.locale");
        let rows: Vec<TemplateRow> = sqlx::query_as(super::dynamic(sql))
            .bind(company.0)
            .fetch_all(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    pub(crate) async fn template_sql(
        &self,
        company: CompanyId,
        id: Uuid,
    ) -> Result<TemplateRecord> {
        let sql = format!("{TEMPLATE_SQL} AND t.id = $2");
        let row: TemplateRow = sqlx::query_as(super::dynamic(sql))
            .bind(company.0)
            .bind(id)
            .fetch_one(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(row.into())
    }

    pub(crate) async fn create_template_sql(
        &self,
        company: CompanyId,
        d: &TemplateDraft,
        author: Option<AssociateId>,
    ) -> Result<TemplateRecord> {
        let id = Uuid::now_v7();
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        insert_template(&mut tx, company, id, d, author).await?;
        tx.commit().await.map_err(map_err)?;
        self.template_sql(company, id).await
    }

    pub(crate) async fn update_template_sql(
        &self,
        company: CompanyId,
        id: Uuid,
        d: &TemplateDraft,
        author: AssociateId,
    ) -> Result<TemplateRecord> {
        let now = now_micros();
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        let version: i32 = sqlx::query_scalar(
            "UPDATE message_templates SET version = version + 1, code = $3, locale = $4, name = $5, updated_at = $6 \
             WHERE company_id = $1 AND id = $2 RETURNING version",
        )
        .bind(company.0)
        .bind(id)
        .bind(&d.code)
        .bind(&d.locale)
        .bind(d.name.trim())
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .map_err(map_err)?;
        insert_version(&mut tx, id, version, d, Some(author), now).await?;
        tx.commit().await.map_err(map_err)?;
        self.template_sql(company, id).await
    }

    pub(crate) async fn template_versions_sql(
        &self,
        company: CompanyId,
        id: Uuid,
    ) -> Result<Vec<TemplateVersion>> {
        self.template_sql(company, id).await?;
        let rows: Vec<(i32, String, String, bool, Option<Uuid>, i64)> = sqlx::query_as(
            "SELECT version, subject, body, html, author_id, created_at FROM message_template_versions \
             WHERE template_id = $1 ORDER BY version DESC",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(rows
            .into_iter()
            .map(
                |(version, subject, body, html, a, created_at)| TemplateVersion {
                    version,
                    subject,
                    body,
                    html,
                    author: a.map(AssociateId),
                    created_at,
                },
            )
            .collect())
    }

    pub(crate) async fn consents_sql(&self, customer: CustomerId) -> Result<Vec<ChannelConsent>> {
        let rows: Vec<(String, bool, i64, String)> = sqlx::query_as(
            "SELECT channel, opt_in, at, source FROM customer_consents WHERE customer_id = $1 ORDER BY channel",
        )
        .bind(customer.0)
        .fetch_all(&self.pool)
        .await
        .map_err(map_err)?;
        rows.into_iter()
            .map(|(c, opt_in, at, source)| {
                let channel = Channel::parse(&c).ok_or_else(|| StoreError::other("bad channel"))?;
                Ok(ChannelConsent {
                    channel,
                    opt_in,
                    at,
                    source,
                })
            })
            .collect()
    }

    pub(crate) async fn put_consents_sql(
        &self,
        customer: CustomerId,
        rows: &[ChannelConsent],
    ) -> Result<()> {
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        for r in rows {
            sqlx::query("DELETE FROM customer_consents WHERE customer_id = $1 AND channel = $2")
                .bind(customer.0)
                .bind(r.channel.as_str())
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
            sqlx::query(
                "INSERT INTO customer_consents (customer_id, channel, opt_in, at, source) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(customer.0)
            .bind(r.channel.as_str())
            .bind(r.opt_in)
            .bind(r.at)
            .bind(&r.source)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        }
        tx.commit().await.map_err(map_err)
    }

    pub(crate) async fn outreach_settings_sql(
        &self,
        company: CompanyId,
    ) -> Result<Option<OutreachSettings>> {
        let doc: Option<String> =
            sqlx::query_scalar("SELECT doc FROM outreach_settings WHERE company_id = $1")
                .bind(company.0)
                .fetch_optional(&self.pool)
                .await
                .map_err(map_err)?;
        doc.map(|d| serde_json::from_str(&d).map_err(StoreError::other))
            .transpose()
    }

    pub(crate) async fn put_outreach_settings_sql(
        &self,
        company: CompanyId,
        s: &OutreachSettings,
    ) -> Result<()> {
        let doc = serde_json::to_string(s).map_err(StoreError::other)?;
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        sqlx::query("DELETE FROM outreach_settings WHERE company_id = $1")
            .bind(company.0)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        sqlx::query("INSERT INTO outreach_settings (company_id, doc) VALUES ($1, $2)")
            .bind(company.0)
            .bind(doc)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        tx.commit().await.map_err(map_err)
    }
}
