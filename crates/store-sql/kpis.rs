//! KPI source counts per associate over a period: outreach by channel,
//! appointments held, customers added to books, attributed orders and
//! sales, contacted and converted customers. One grouped query per count,
//! merged by associate.

use super::map_err;
use crate::Backend;
use async_trait::async_trait;
use clienteling_domain::ids::{ActivityId, AssociateId, CompanyId};
use clienteling_store::{AssociateCounts, KpiStore, Result};
use std::collections::BTreeMap;
use uuid::Uuid;

type Counts = BTreeMap<Uuid, AssociateCounts>;

fn entry(m: &mut Counts, id: Uuid) -> &mut AssociateCounts {
    m.entry(id).or_insert_with(|| AssociateCounts {
        associate: AssociateId(id),
        ..AssociateCounts::default()
    })
}

const OUTREACH: &str = "SELECT a.associate_id, COALESCE(a.channel, 'email'), COUNT(*) FROM activities a \
     JOIN activity_types t ON t.id = a.type_id WHERE a.company_id = $1 AND t.code = 'outreach' \
     AND a.at >= $2 AND a.at < $3 GROUP BY a.associate_id, COALESCE(a.channel, 'email')";

const HELD: &str = "SELECT associate_id, COUNT(*) FROM appointments WHERE company_id = $1 \
     AND start_at >= $2 AND start_at < $3 AND (status = 'held' OR (status = 'booked' AND end_at <= $4)) \
     GROUP BY associate_id";

const ADDED: &str = "SELECT b.associate_id, COUNT(*) FROM client_book_history h JOIN client_books b ON b.id = h.book_id \
     WHERE h.company_id = $1 AND h.action = 'added' AND h.at >= $2 AND h.at < $3 GROUP BY b.associate_id";

const ATTRIBUTED: &str = "SELECT associate_id, COUNT(*), CAST(COALESCE(SUM(amount_minor), 0) AS BIGINT), \
     CAST(COALESCE(SUM(purchase_at - contact_at), 0) AS BIGINT) FROM attribution_shares \
     WHERE company_id = $1 AND rules_version = $4 AND purchase_at >= $2 AND purchase_at < $3 GROUP BY associate_id";

const CONTACTED: &str = "SELECT a.associate_id, COUNT(DISTINCT a.customer_id) FROM activities a \
     LEFT JOIN appointments ap ON ap.activity_id = a.id WHERE a.company_id = $1 AND a.at >= $2 AND a.at < $3 \
     AND a.at <= $4 AND (ap.id IS NULL OR ap.status IN ('booked', 'held')) GROUP BY a.associate_id";

const CONVERTED: &str = "SELECT associate_id, COUNT(DISTINCT customer_id) FROM attribution_shares \
     WHERE company_id = $1 AND rules_version = $4 AND contact_at >= $2 AND contact_at < $3 GROUP BY associate_id";

impl Backend {
    async fn pairs(
        &self,
        sql: &'static str,
        args: (CompanyId, i64, i64, i64),
    ) -> Result<Vec<(Uuid, i64)>> {
        sqlx::query_as(sql)
            .bind(args.0.0)
            .bind(args.1)
            .bind(args.2)
            .bind(args.3)
            .fetch_all(&self.pool)
            .await
            .map_err(map_err)
    }
}

#[async_trait]
impl KpiStore for Backend {
    async fn associate_counts(
        &self,
        company: CompanyId,
        version: i64,
        from: i64,
        to: i64,
        now: i64,
    ) -> Result<Vec<AssociateCounts>> {
        let mut m = Counts::new();
        let outreach: Vec<(Uuid, String, i64)> = sqlx::query_as(OUTREACH)
            .bind(company.0)
            .bind(from)
            .bind(to)
            .fetch_all(&self.pool)
            .await
            .map_err(map_err)?;
        for (id, channel, n) in outreach {
            let e = entry(&mut m, id);
            match channel.as_str() {
                "sms" => e.outreach_sms += n,
                "whatsapp" => e.outreach_whatsapp += n,
                _ => e.outreach_email += n,
            }
        }
        for (id, n) in self.pairs(HELD, (company, from, to, now)).await? {
            entry(&mut m, id).appointments_held = n;
        }
        let added: Vec<(Uuid, i64)> = sqlx::query_as(ADDED)
            .bind(company.0)
            .bind(from)
            .bind(to)
            .fetch_all(&self.pool)
            .await
            .map_err(map_err)?;
        for (id, n) in added {
            entry(&mut m, id).customers_added = n;
        }
        let attributed: Vec<(Uuid, i64, i64, i64)> = sqlx::query_as(ATTRIBUTED)
            .bind(company.0)
            .bind(from)
            .bind(to)
            .bind(version)
            .fetch_all(&self.pool)
            .await
            .map_err(map_err)?;
        for (id, orders, minor, micros) in attributed {
            let e = entry(&mut m, id);
            e.attributed_orders = orders;
            e.attributed_minor = minor;
            e.convert_micros = micros;
        }
        for (id, n) in self.pairs(CONTACTED, (company, from, to, now)).await? {
            entry(&mut m, id).contacted = n;
        }
        for (id, n) in self.pairs(CONVERTED, (company, from, to, version)).await? {
            entry(&mut m, id).converted = n;
        }
        Ok(m.into_values().collect())
    }

    async fn set_activity_channels(
        &self,
        company: CompanyId,
        rows: &[(ActivityId, String)],
    ) -> Result<()> {
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        for (id, channel) in rows {
            sqlx::query("UPDATE activities SET channel = $1 WHERE id = $2 AND company_id = $3")
                .bind(channel)
                .bind(id.0)
                .bind(company.0)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
        }
        tx.commit().await.map_err(map_err)
    }
}
