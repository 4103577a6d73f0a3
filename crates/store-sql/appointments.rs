//! Appointments, each with its timeline activity of type `appointment`.
//! Booking and moving lock the associate's row first, so that bookings of
//! one associate run one at a time (a row lock on PostgreSQL, the write lock
//! on SQLite) and the overlap check cannot race: of two concurrent
//! overlapping bookings exactly one is stored, the other sees the clash.

use super::map_err;
use crate::Backend;
use async_trait::async_trait;
use clienteling_domain::appointment::Status;
use clienteling_domain::ids::{ActivityId, AssociateId, CompanyId, CustomerId, StoreId};
use clienteling_domain::time_util::now_micros;
use clienteling_store::{
    Appointment, AppointmentChange, AppointmentQuery, AppointmentStore, Booking, NewAppointment,
    Result, StoreError,
};
use sqlx::{FromRow, QueryBuilder};
use uuid::Uuid;

type Tx<'a> = sqlx::Transaction<'a, crate::Db>;

#[derive(FromRow)]
struct Row {
    id: Uuid,
    customer_id: Uuid,
    account: String,
    customer_name: String,
    associate_id: Uuid,
    associate_name: String,
    store_id: Uuid,
    store_code: String,
    activity_id: Uuid,
    start_at: i64,
    end_at: i64,
    purpose: String,
    status: String,
}

impl TryFrom<Row> for Appointment {
    type Error = StoreError;
    fn try_from(r: Row) -> Result<Self> {
        Ok(Appointment {
            id: r.id,
            customer: CustomerId(r.customer_id),
            account: r.account,
            customer_name: r.customer_name,
            associate: AssociateId(r.associate_id),
            associate_name: r.associate_name,
            store: StoreId(r.store_id),
            store_code: r.store_code,
            activity: ActivityId(r.activity_id),
            start: r.start_at,
            end: r.end_at,
            purpose: r.purpose,
            status: Status::parse(&r.status).map_err(StoreError::other)?,
        })
    }
}

const SELECT: &str = "SELECT p.id, p.customer_id, c.account, c.first_name || ' ' || c.last_name AS customer_name, \
     p.associate_id, w.display_name AS associate_name, p.store_id, s.code AS store_code, p.activity_id, \
     p.start_at, p.end_at, p.purpose, p.status FROM appointments p JOIN customers c ON c.id = p.customer_id \
     JOIN associates w ON w.id = p.associate_id JOIN stores s ON s.id = p.store_id WHERE p.company_id = ";

/// Serialise the associate's bookings (see the module comment).
async fn lock_associate(tx: &mut Tx<'_>, company: CompanyId, who: AssociateId) -> Result<()> {
    let done =
        sqlx::query("UPDATE associates SET active = active WHERE id = $1 AND company_id = $2")
            .bind(who.0)
            .bind(company.0)
            .execute(&mut **tx)
            .await
            .map_err(map_err)?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(StoreError::NotFound)
    }
}

async fn fetch(tx: &mut Tx<'_>, company: CompanyId, id: Uuid) -> Result<Appointment> {
    let mut q = QueryBuilder::<crate::Db>::new(SELECT);
    q.push_bind(company.0).push(" AND p.id = ").push_bind(id);
    let row: Row = q
        .build_query_as()
        .fetch_one(&mut **tx)
        .await
        .map_err(map_err)?;
    row.try_into()
}

/// The associate's blocking appointment overlapping `[start, end)`, other than `except`.
async fn clash(
    tx: &mut Tx<'_>,
    company: CompanyId,
    who: AssociateId,
    (start, end): (i64, i64),
    except: Option<Uuid>,
) -> Result<Option<Appointment>> {
    let found: Option<Uuid> = sqlx::query_scalar(
        "SELECT id FROM appointments WHERE associate_id = $1 AND status IN ('booked', 'held') \
         AND start_at < $2 AND end_at > $3 AND id <> $4 ORDER BY start_at LIMIT 1",
    )
    .bind(who.0)
    .bind(end)
    .bind(start)
    .bind(except.unwrap_or(Uuid::nil()))
    .fetch_optional(&mut **tx)
    .await
    .map_err(map_err)?;
    match found {
        Some(id) => Ok(Some(fetch(tx, company, id).await?)),
        None => Ok(None),
    }
}

async fn insert(tx: &mut Tx<'_>, company: CompanyId, new: &NewAppointment) -> Result<Uuid> {
    let now = now_micros();
    let activity = ActivityId::new();
    sqlx::query(
        "INSERT INTO activities (id, company_id, customer_id, associate_id, type_id, store_id, at, description, due_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(activity.0)
    .bind(company.0)
    .bind(new.customer.0)
    .bind(new.associate.0)
    .bind(new.activity_type.0)
    .bind(new.store.0)
    .bind(new.start)
    .bind(&new.purpose)
    .bind(new.remind_at)
    .bind(now)
    .execute(&mut **tx)
    .await
    .map_err(map_err)?;
    let id = Uuid::now_v7();
    sqlx::query(
        "INSERT INTO appointments (id, company_id, customer_id, associate_id, store_id, activity_id, start_at, end_at, purpose, status, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'booked', $10, $11, $11)",
    )
    .bind(id)
    .bind(company.0)
    .bind(new.customer.0)
    .bind(new.associate.0)
    .bind(new.store.0)
    .bind(activity.0)
    .bind(new.start)
    .bind(new.end)
    .bind(&new.purpose)
    .bind(new.created_by.0)
    .bind(now)
    .execute(&mut **tx)
    .await
    .map_err(map_err)?;
    super::attribution_reset::after_contacts(tx, company, &[activity.0]).await?;
    Ok(id)
}

async fn apply(tx: &mut Tx<'_>, cur: &Appointment, change: &AppointmentChange) -> Result<()> {
    let (start, end) = change.times.unwrap_or((cur.start, cur.end));
    let purpose = change.purpose.as_deref().unwrap_or(&cur.purpose);
    let status = change.status.unwrap_or(cur.status);
    sqlx::query(
        "UPDATE appointments SET start_at = $1, end_at = $2, purpose = $3, status = $4, updated_at = $5 WHERE id = $6",
    )
    .bind(start)
    .bind(end)
    .bind(purpose)
    .bind(status.as_str())
    .bind(now_micros())
    .bind(cur.id)
    .execute(&mut **tx)
    .await
    .map_err(map_err)?;
    let mut q = QueryBuilder::<crate::Db>::new("UPDATE activities SET at = ");
    q.push_bind(start)
        .push(", description = ")
        .push_bind(purpose.to_owned());
    if let Some(r) = change.remind_at {
        q.push(", due_at = ").push_bind(r);
    }
    if !status.blocks() {
        q.push(", due_at = NULL");
    }
    q.push(" WHERE id = ").push_bind(cur.activity.0);
    q.build().execute(&mut **tx).await.map_err(map_err)?;

    if let Some(r) = change.remind_at {
        move_reminder(tx, cur.id, r).await?;
    }
    Ok(())
}

/// Move the open reminder follow-up of appointment `id` to the day of `remind_at` (µs).
async fn move_reminder(tx: &mut Tx<'_>, id: Uuid, remind_at: i64) -> Result<()> {
    let day = clienteling_domain::time_util::from_micros(remind_at)
        .date()
        .to_string();
    sqlx::query("UPDATE follow_ups SET due = $1 WHERE occasion = $2 AND status = 'open'")
        .bind(day)
        .bind(format!("appointment/{id}"))
        .execute(&mut **tx)
        .await
        .map_err(map_err)?;
    Ok(())
}

#[async_trait]
impl AppointmentStore for Backend {
    async fn book_appointment(&self, company: CompanyId, new: &NewAppointment) -> Result<Booking> {
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        lock_associate(&mut tx, company, new.associate).await?;
        if let Some(other) =
            clash(&mut tx, company, new.associate, (new.start, new.end), None).await?
        {
            return Ok(Booking::Clash(other));
        }
        let id = insert(&mut tx, company, new).await?;
        let booked = fetch(&mut tx, company, id).await?;
        tx.commit().await.map_err(map_err)?;
        Ok(Booking::Booked(booked))
    }

    async fn appointment(&self, company: CompanyId, id: Uuid) -> Result<Appointment> {
        let mut q = QueryBuilder::<crate::Db>::new(SELECT);
        q.push_bind(company.0).push(" AND p.id = ").push_bind(id);
        let row: Row = q
            .build_query_as()
            .fetch_one(&self.pool)
            .await
            .map_err(map_err)?;
        row.try_into()
    }

    async fn change_appointment(
        &self,
        company: CompanyId,
        id: Uuid,
        change: &AppointmentChange,
    ) -> Result<Booking> {
        let owner: Uuid = sqlx::query_scalar(
            "SELECT associate_id FROM appointments WHERE id = $1 AND company_id = $2",
        )
        .bind(id)
        .bind(company.0)
        .fetch_one(&self.pool)
        .await
        .map_err(map_err)?;
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        lock_associate(&mut tx, company, AssociateId(owner)).await?;
        let cur = fetch(&mut tx, company, id).await?;
        let times = change.times.unwrap_or((cur.start, cur.end));
        if change.status.unwrap_or(cur.status).blocks()
            && let Some(other) = clash(&mut tx, company, cur.associate, times, Some(id)).await?
        {
            return Ok(Booking::Clash(other));
        }
        // Purchases after its old or its new time may change hands.
        super::attribution_reset::after_contacts(&mut tx, company, &[cur.activity.0]).await?;
        apply(&mut tx, &cur, change).await?;
        super::attribution_reset::after_contacts(&mut tx, company, &[cur.activity.0]).await?;
        let changed = fetch(&mut tx, company, id).await?;
        tx.commit().await.map_err(map_err)?;
        Ok(Booking::Booked(changed))
    }

    async fn delete_appointment(&self, company: CompanyId, id: Uuid) -> Result<()> {
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        let activity: Uuid = sqlx::query_scalar(
            "DELETE FROM appointments WHERE id = $1 AND company_id = $2 RETURNING activity_id",
        )
        .bind(id)
        .bind(company.0)
        .fetch_one(&mut *tx)
        .await
        .map_err(map_err)?;
        super::attribution_reset::after_contacts(&mut tx, company, &[activity]).await?;
        sqlx::query("DELETE FROM activities WHERE id = $1")
            .bind(activity)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        tx.commit().await.map_err(map_err)
    }

    async fn list_appointments(
        &self,
        company: CompanyId,
        query: &AppointmentQuery,
    ) -> Result<Vec<Appointment>> {
        let mut q = QueryBuilder::<crate::Db>::new(SELECT);
        q.push_bind(company.0);
        if let Some(from) = query.from {
            q.push(" AND p.end_at > ").push_bind(from);
        }
        if let Some(to) = query.to {
            q.push(" AND p.start_at < ").push_bind(to);
        }
        if let Some(a) = query.associate {
            q.push(" AND p.associate_id = ").push_bind(a.0);
        }
        if let Some(c) = query.customer {
            q.push(" AND p.customer_id = ").push_bind(c.0);
        }
        if !query.stores.is_empty() {
            q.push(" AND p.store_id IN (");
            let mut sep = q.separated(", ");
            for s in &query.stores {
                sep.push_bind(s.0);
            }
            q.push(")");
        }
        if let Some((start, id)) = query.after {
            q.push(" AND (p.start_at, p.id) > (")
                .push_bind(start)
                .push(", ")
                .push_bind(id)
                .push(")");
        }
        q.push(" ORDER BY p.start_at, p.id LIMIT ")
            .push_bind(i64::from(query.limit));
        let rows: Vec<Row> = q
            .build_query_as()
            .fetch_all(&self.pool)
            .await
            .map_err(map_err)?;
        rows.into_iter().map(TryInto::try_into).collect()
    }
}
