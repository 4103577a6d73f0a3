//! Attribute groups and customers' attribute values.

use super::map_err;
use crate::Backend;
use async_trait::async_trait;
use clienteling_domain::attributes::{
    Attribute, AttributeGroup, AttributeKind, NewAttribute, StoredValue,
};
use clienteling_domain::ids::{AttributeGroupId, AttributeId, CompanyId, CustomerId};
use clienteling_store::{AttributeStore, Result, StoreError};
use sqlx::{FromRow, QueryBuilder};
use uuid::Uuid;

#[derive(FromRow)]
struct AttrRow {
    id: Uuid,
    group_id: Uuid,
    name: String,
    kind: String,
    enum_values: String,
    refinable: bool,
    display_order: i32,
}

impl AttrRow {
    fn into_attribute(self) -> Result<Attribute> {
        let kind = AttributeKind::parse(&self.kind)
            .ok_or_else(|| StoreError::other(format!("unknown attribute kind {}", self.kind)))?;
        let values = if self.enum_values.is_empty() {
            Vec::new()
        } else {
            self.enum_values.split(',').map(str::to_owned).collect()
        };
        Ok(Attribute {
            id: AttributeId(self.id),
            name: self.name,
            kind,
            values,
            refinable: self.refinable,
            display_order: self.display_order,
        })
    }
}

type Tx<'a> = sqlx::Transaction<'a, crate::Db>;

async fn insert_attribute(tx: &mut Tx<'_>, group: Uuid, a: &NewAttribute) -> Result<()> {
    sqlx::query(
        "INSERT INTO attributes (id, group_id, name, kind, enum_values, refinable, display_order) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(Uuid::now_v7())
    .bind(group)
    .bind(&a.name)
    .bind(a.kind.as_str())
    .bind(a.values.join(","))
    .bind(a.refinable)
    .bind(a.display_order)
    .execute(&mut **tx)
    .await
    .map_err(map_err)?;
    Ok(())
}

async fn replace_attributes(tx: &mut Tx<'_>, group: Uuid, attrs: &[NewAttribute]) -> Result<()> {
    let existing: Vec<(Uuid, String, String)> =
        sqlx::query_as("SELECT id, name, kind FROM attributes WHERE group_id = $1")
            .bind(group)
            .fetch_all(&mut **tx)
            .await
            .map_err(map_err)?;
    for (id, name, _) in existing
        .iter()
        .filter(|(_, n, _)| !attrs.iter().any(|a| &a.name == n))
    {
        let _ = name;
        sqlx::query("DELETE FROM attributes WHERE id = $1")
            .bind(id)
            .execute(&mut **tx)
            .await
            .map_err(map_err)?;
    }
    for a in attrs {
        match existing.iter().find(|(_, n, _)| n == &a.name) {
            None => insert_attribute(tx, group, a).await?,
            Some((id, _, kind)) => {
                if kind != a.kind.as_str() {
                    sqlx::query("DELETE FROM customer_attributes WHERE attribute_id = $1")
                        .bind(id)
                        .execute(&mut **tx)
                        .await
                        .map_err(map_err)?;
                }
                sqlx::query("UPDATE attributes SET kind = $2, enum_values = $3, refinable = $4, display_order = $5 WHERE id = $1")
                    .bind(id)
                    .bind(a.kind.as_str())
                    .bind(a.values.join(","))
                    .bind(a.refinable)
                    .bind(a.display_order)
                    .execute(&mut **tx)
                    .await
                    .map_err(map_err)?;
            }
        }
    }
    Ok(())
}

/// The attribute rows of company `$1`'s groups (`WHERE` open for more).
macro_rules! attributes_of_company {
    () => {
        "SELECT a.id, a.group_id, a.name, a.kind, a.enum_values, a.refinable, a.display_order \
         FROM attributes a JOIN attribute_groups g ON g.id = a.group_id WHERE g.company_id = $1"
    };
}

impl Backend {
    async fn groups(
        &self,
        company: CompanyId,
        only: Option<AttributeGroupId>,
    ) -> Result<Vec<AttributeGroup>> {
        let mut q = QueryBuilder::<crate::Db>::new(
            "SELECT id, name FROM attribute_groups WHERE company_id = ",
        );
        q.push_bind(company.0);
        if let Some(id) = only {
            q.push(" AND id = ").push_bind(id.0);
        }
        q.push(" ORDER BY name");
        let groups: Vec<(Uuid, String)> = q
            .build_query_as()
            .fetch_all(&self.pool)
            .await
            .map_err(map_err)?;
        let rows: Vec<AttrRow> = sqlx::query_as(concat!(
            attributes_of_company!(),
            " ORDER BY a.display_order, a.name"
        ))
        .bind(company.0)
        .fetch_all(&self.pool)
        .await
        .map_err(map_err)?;
        let mut out: Vec<AttributeGroup> = groups
            .into_iter()
            .map(|(id, name)| AttributeGroup {
                id: AttributeGroupId(id),
                name,
                attributes: Vec::new(),
            })
            .collect();
        for r in rows {
            if let Some(g) = out.iter_mut().find(|g| g.id.0 == r.group_id) {
                g.attributes.push(r.into_attribute()?);
            }
        }
        Ok(out)
    }
}

#[async_trait]
impl AttributeStore for Backend {
    async fn create_attribute_group(
        &self,
        company: CompanyId,
        name: &str,
        attrs: &[NewAttribute],
    ) -> Result<AttributeGroup> {
        let id = AttributeGroupId::new();
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        sqlx::query("INSERT INTO attribute_groups (id, company_id, name) VALUES ($1, $2, $3)")
            .bind(id.0)
            .bind(company.0)
            .bind(name)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        for a in attrs {
            insert_attribute(&mut tx, id.0, a).await?;
        }
        tx.commit().await.map_err(map_err)?;
        self.attribute_group(company, id).await
    }

    async fn list_attribute_groups(&self, company: CompanyId) -> Result<Vec<AttributeGroup>> {
        self.groups(company, None).await
    }

    async fn group_attributes(&self, company: CompanyId, name: &str) -> Result<Vec<Attribute>> {
        let rows: Vec<AttrRow> = sqlx::query_as(concat!(
            attributes_of_company!(),
            " AND g.name = $2 ORDER BY a.display_order, a.name"
        ))
        .bind(company.0)
        .bind(name)
        .fetch_all(&self.pool)
        .await
        .map_err(map_err)?;
        rows.into_iter().map(AttrRow::into_attribute).collect()
    }

    async fn attribute_group(
        &self,
        company: CompanyId,
        id: AttributeGroupId,
    ) -> Result<AttributeGroup> {
        self.groups(company, Some(id))
            .await?
            .into_iter()
            .next()
            .ok_or(StoreError::NotFound)
    }

    async fn update_attribute_group(
        &self,
        company: CompanyId,
        id: AttributeGroupId,
        name: Option<&str>,
        attrs: Option<&[NewAttribute]>,
    ) -> Result<AttributeGroup> {
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        let done = sqlx::query("UPDATE attribute_groups SET name = COALESCE($3, name) WHERE id = $1 AND company_id = $2")
            .bind(id.0)
            .bind(company.0)
            .bind(name)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        if done.rows_affected() != 1 {
            return Err(StoreError::NotFound);
        }
        if let Some(attrs) = attrs {
            replace_attributes(&mut tx, id.0, attrs).await?;
        }
        tx.commit().await.map_err(map_err)?;
        self.attribute_group(company, id).await
    }

    async fn delete_attribute_group(&self, company: CompanyId, id: AttributeGroupId) -> Result<()> {
        let done = sqlx::query("DELETE FROM attribute_groups WHERE id = $1 AND company_id = $2")
            .bind(id.0)
            .bind(company.0)
            .execute(&self.pool)
            .await
            .map_err(map_err)?;
        if done.rows_affected() == 1 {
            Ok(())
        } else {
            Err(StoreError::NotFound)
        }
    }

    async fn set_customer_attributes(
        &self,
        customer: CustomerId,
        values: &[(AttributeId, Option<StoredValue>)],
    ) -> Result<()> {
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        for (attr, value) in values {
            let (text, num) = match value {
                None => {
                    sqlx::query("DELETE FROM customer_attributes WHERE customer_id = $1 AND attribute_id = $2")
                        .bind(customer.0)
                        .bind(attr.0)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    continue;
                }
                Some(StoredValue::Text(t)) => (Some(t.clone()), None),
                Some(StoredValue::Number(n)) => (None, Some(*n)),
            };
            sqlx::query(
                "INSERT INTO customer_attributes (customer_id, attribute_id, value_text, value_num) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (customer_id, attribute_id) DO UPDATE SET value_text = excluded.value_text, value_num = excluded.value_num",
            )
            .bind(customer.0)
            .bind(attr.0)
            .bind(text)
            .bind(num)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        }
        tx.commit().await.map_err(map_err)
    }

    async fn customer_attributes(
        &self,
        customers: &[CustomerId],
    ) -> Result<Vec<(CustomerId, AttributeId, StoredValue)>> {
        if customers.is_empty() {
            return Ok(Vec::new());
        }
        let mut q = QueryBuilder::<crate::Db>::new(
            "SELECT customer_id, attribute_id, value_text, value_num FROM customer_attributes WHERE customer_id IN (",
        );
        let mut sep = q.separated(", ");
        for c in customers {
            sep.push_bind(c.0);
        }
        q.push(")");
        let rows: Vec<(Uuid, Uuid, Option<String>, Option<f64>)> = q
            .build_query_as()
            .fetch_all(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(rows
            .into_iter()
            .filter_map(|(c, a, t, n)| {
                super::stored_value(t, n).map(|v| (CustomerId(c), AttributeId(a), v))
            })
            .collect())
    }
}
