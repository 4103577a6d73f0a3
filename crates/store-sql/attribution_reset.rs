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
    if contacts.is_empty() {
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
