//! Keeping attribution right when a contact is recorded after the fact: in
//! the transaction that writes (or moves) contacts, the stored attribution
//! of that customer's purchases made after each contact is dropped, so the
//! next read of attribution or KPIs recomputes those purchases, and only
//! those, under the current rules (`pending_purchases`).

use super::map_err;
use clienteling_domain::ids::CompanyId;
use clienteling_store::Result;
use sqlx::QueryBuilder;
use uuid::Uuid;

type Tx<'a> = sqlx::Transaction<'a, crate::Db>;

/// Forget the attribution of purchases that follow any of the `contacts`
/// (activity ids) of the same customer.
pub(crate) async fn after_contacts(
    tx: &mut Tx<'_>,
    company: CompanyId,
    contacts: &[Uuid],
) -> Result<()> {
    if contacts.is_empty() || !any_stored(tx, company).await? {
        return Ok(());
    }
    for table in ["attribution_shares", "attribution_done"] {
        let mut q = QueryBuilder::<crate::Db>::new("DELETE FROM ");
        q.push(table)
            .push(" WHERE company_id = ")
            .push_bind(company.0)
            .push(
                " AND purchase_id IN (SELECT p.id FROM purchases p JOIN activities a \
                 ON a.customer_id = p.customer_id AND p.at > a.at WHERE a.id IN (",
            );
        let mut ids = q.separated(", ");
        for id in contacts {
            ids.push_bind(*id);
        }
        q.push("))");
        q.build().execute(&mut **tx).await.map_err(map_err)?;
    }
    Ok(())
}

/// Whether the company has any stored attribution (bulk loads of contacts
/// into a company that never computed attribution skip the deletes).
async fn any_stored(tx: &mut Tx<'_>, company: CompanyId) -> Result<bool> {
    let row: Option<(i32,)> =
        sqlx::query_as("SELECT 1 FROM attribution_done WHERE company_id = $1 LIMIT 1")
            .bind(company.0)
            .fetch_optional(&mut **tx)
            .await
            .map_err(map_err)?;
    Ok(row.is_some())
}
