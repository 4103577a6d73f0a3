//! Activity types (read from the database on every call: a change is
//! visible to every server process at once) and activities, inserted in
//! batches and listed for HQ newest first by `(at, id)`.

use super::map_err;
use crate::Backend;
use async_trait::async_trait;
use clienteling_domain::activity::{ActivityType, ActivityTypePatch, SEEDED_TYPES};
use clienteling_domain::ids::{ActivityId, ActivityTypeId, AssociateId, CompanyId, CustomerId};
use clienteling_domain::text::{Code, Name};
use clienteling_domain::time_util::now_micros;
use clienteling_store::{
    ActivityQuery, ActivityRecord, ActivityStore, NewActivity, Result, StoreError,
};
use sqlx::{FromRow, QueryBuilder};
use uuid::Uuid;

/// Rows per multi-row INSERT (10 binds each, well under both backends' limits).
const CHUNK: usize = 500;

/// The constraint named when a used type is deleted.
pub(crate) const IN_USE: &str = "activity_types_in_use";

#[derive(FromRow)]
struct TypeRow {
    id: Uuid,
    code: String,
    name: String,
    active: bool,
}

impl From<TypeRow> for ActivityType {
    fn from(r: TypeRow) -> Self {
        ActivityType {
            id: ActivityTypeId(r.id),
            code: Code::from_trusted(r.code),
            name: Name::from_trusted(r.name),
            active: r.active,
        }
    }
}

#[derive(FromRow)]
struct ActivityRow {
    id: Uuid,
    customer_id: Uuid,
    account: String,
    associate_id: Uuid,
    associate_name: String,
    store: Option<String>,
    type_code: String,
    type_name: String,
    at: i64,
    description: String,
    due_at: Option<i64>,
}

impl From<ActivityRow> for ActivityRecord {
    fn from(r: ActivityRow) -> Self {
        ActivityRecord {
            id: ActivityId(r.id),
            customer: CustomerId(r.customer_id),
            account: r.account,
            associate: AssociateId(r.associate_id),
            associate_name: r.associate_name,
            store: r.store,
            type_code: r.type_code,
            type_name: r.type_name,
            at: r.at,
            description: r.description,
            due_at: r.due_at,
        }
    }
}

const ACTIVITY_SQL: &str = "SELECT a.id, a.customer_id, c.account, a.associate_id, w.display_name AS associate_name, \
     s.code AS store, t.code AS type_code, t.name AS type_name, a.at, a.description, a.due_at \
     FROM activities a JOIN customers c ON c.id = a.customer_id JOIN associates w ON w.id = a.associate_id \
     JOIN activity_types t ON t.id = a.type_id LEFT JOIN stores s ON s.id = a.store_id WHERE a.company_id = ";

/// Insert the seeded activity types of a new company (in its creating transaction).
pub(crate) async fn seed_types(
    tx: &mut sqlx::Transaction<'_, crate::Db>,
    company: CompanyId,
) -> Result<()> {
    let mut q = QueryBuilder::<crate::Db>::new(
        "INSERT INTO activity_types (id, company_id, code, name, active) ",
    );
    q.push_values(SEEDED_TYPES, |mut b, (code, name)| {
        b.push_bind(ActivityTypeId::new().0)
            .push_bind(company.0)
            .push_bind(*code)
            .push_bind(*name)
            .push_bind(true);
    });
    q.build().execute(&mut **tx).await.map_err(map_err)?;
    Ok(())
}

impl Backend {
    async fn type_id(&self, company: CompanyId, code: &str) -> Result<Uuid> {
        sqlx::query_scalar("SELECT id FROM activity_types WHERE company_id = $1 AND code = $2")
            .bind(company.0)
            .bind(code)
            .fetch_one(&self.pool)
            .await
            .map_err(map_err)
    }

    async fn insert_chunk(
        tx: &mut sqlx::Transaction<'_, crate::Db>,
        company: CompanyId,
        chunk: &[(ActivityId, &NewActivity)],
    ) -> Result<()> {
        let now = now_micros();
        let mut q = QueryBuilder::<crate::Db>::new(
            "INSERT INTO activities (id, company_id, customer_id, associate_id, type_id, store_id, at, description, due_at, created_at) ",
        );
        q.push_values(chunk, |mut b, (id, a)| {
            b.push_bind(id.0)
                .push_bind(company.0)
                .push_bind(a.customer.0)
                .push_bind(a.associate.0)
                .push_bind(a.activity_type.0)
                .push_bind(a.store.map(|s| s.0))
                .push_bind(a.at)
                .push_bind(a.description.clone())
                .push_bind(a.due_at)
                .push_bind(now);
        });
        q.build().execute(&mut **tx).await.map_err(map_err)?;
        let ids: Vec<Uuid> = chunk.iter().map(|(id, _)| id.0).collect();
        super::attribution_reset::after_contacts(tx, company, &ids).await
    }
}

#[async_trait]
impl ActivityStore for Backend {
    async fn list_activity_types(&self, company: CompanyId) -> Result<Vec<ActivityType>> {
        let rows: Vec<TypeRow> = sqlx::query_as(
            "SELECT id, code, name, active FROM activity_types WHERE company_id = $1 ORDER BY code",
        )
        .bind(company.0)
        .fetch_all(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    async fn activity_type(&self, company: CompanyId, code: &str) -> Result<ActivityType> {
        let row: TypeRow = sqlx::query_as(
            "SELECT id, code, name, active FROM activity_types WHERE company_id = $1 AND code = $2",
        )
        .bind(company.0)
        .bind(code)
        .fetch_one(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(row.into())
    }

    async fn create_activity_type(
        &self,
        company: CompanyId,
        code: &Code,
        name: &Name,
        active: bool,
    ) -> Result<ActivityType> {
        let id = ActivityTypeId::new();
        sqlx::query(
            "INSERT INTO activity_types (id, company_id, code, name, active) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id.0)
        .bind(company.0)
        .bind(code.as_str())
        .bind(name.as_str())
        .bind(active)
        .execute(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(ActivityType {
            id,
            code: code.clone(),
            name: name.clone(),
            active,
        })
    }

    async fn update_activity_type(
        &self,
        company: CompanyId,
        code: &str,
        patch: &ActivityTypePatch,
    ) -> Result<ActivityType> {
        let mut q = QueryBuilder::<crate::Db>::new("UPDATE activity_types SET id = id");
        if let Some(c) = &patch.code {
            q.push(", code = ").push_bind(c.as_str().to_owned());
        }
        if let Some(n) = &patch.name {
            q.push(", name = ").push_bind(n.as_str().to_owned());
        }
        if let Some(a) = patch.active {
            q.push(", active = ").push_bind(a);
        }
        q.push(" WHERE company_id = ")
            .push_bind(company.0)
            .push(" AND code = ")
            .push_bind(code.to_owned())
            .push(" RETURNING id, code, name, active");
        let row: TypeRow = q
            .build_query_as()
            .fetch_one(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(row.into())
    }

    async fn delete_activity_type(&self, company: CompanyId, code: &str) -> Result<()> {
        let id = self.type_id(company, code).await?;
        let done = sqlx::query(
            "DELETE FROM activity_types WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM activities WHERE type_id = $1)",
        )
        .bind(id)
        .execute(&self.pool)
        .await
        .map_err(|e| match map_err(e) {
            StoreError::Conflict { .. } => StoreError::Conflict {
                constraint: IN_USE.into(),
            },
            other => other,
        })?;
        if done.rows_affected() == 1 {
            Ok(())
        } else {
            Err(StoreError::Conflict {
                constraint: IN_USE.into(),
            })
        }
    }

    async fn add_activities(
        &self,
        company: CompanyId,
        rows: &[NewActivity],
    ) -> Result<Vec<ActivityId>> {
        let rows: Vec<(ActivityId, &NewActivity)> =
            rows.iter().map(|a| (ActivityId::new(), a)).collect();
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        for chunk in rows.chunks(CHUNK) {
            Self::insert_chunk(&mut tx, company, chunk).await?;
        }
        tx.commit().await.map_err(map_err)?;
        Ok(rows.into_iter().map(|(id, _)| id).collect())
    }

    async fn activity(&self, company: CompanyId, id: ActivityId) -> Result<ActivityRecord> {
        let mut q = QueryBuilder::<crate::Db>::new(ACTIVITY_SQL);
        q.push_bind(company.0).push(" AND a.id = ").push_bind(id.0);
        let row: ActivityRow = q
            .build_query_as()
            .fetch_one(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(row.into())
    }

    async fn list_activities(
        &self,
        company: CompanyId,
        query: &ActivityQuery,
    ) -> Result<Vec<ActivityRecord>> {
        let mut q = QueryBuilder::<crate::Db>::new(ACTIVITY_SQL);
        q.push_bind(company.0);
        if let Some(a) = query.associate {
            q.push(" AND a.associate_id = ").push_bind(a.0);
        }
        if let Some(s) = query.store {
            q.push(" AND a.store_id = ").push_bind(s.0);
        }
        if let Some(t) = query.activity_type {
            q.push(" AND a.type_id = ").push_bind(t.0);
        }
        if let Some(from) = query.from {
            q.push(" AND a.at >= ").push_bind(from);
        }
        if let Some(to) = query.to {
            q.push(" AND a.at < ").push_bind(to);
        }
        push_before(&mut q, "a", query.before);
        q.push(" ORDER BY a.at DESC, a.id DESC LIMIT ")
            .push_bind(i64::from(query.limit));
        let rows: Vec<ActivityRow> = q
            .build_query_as()
            .fetch_all(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(rows.into_iter().map(Into::into).collect())
    }
}

/// `AND (t.at, t.id) < (…)`: resume a newest-first listing after a sort key.
pub(crate) fn push_before(
    q: &mut QueryBuilder<crate::Db>,
    table: &str,
    before: Option<(i64, Uuid)>,
) {
    if let Some((at, id)) = before {
        q.push(format!(" AND ({table}.at, {table}.id) < ("))
            .push_bind(at)
            .push(", ")
            .push_bind(id)
            .push(")");
    }
}
