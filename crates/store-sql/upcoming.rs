//! The date-attribute events of a book's upcoming window in one statement.

use super::filter::{self, CUSTOMER_ID, in_customer_order, join};
use crate::Backend;
use clienteling_domain::customer::display_name;
use clienteling_domain::ids::{AttributeId, CompanyId, CustomerId};
use clienteling_store::{BookScope, DateEvent, Result};
use sea_query::{Expr, ExprTrait, Order, Query, Value};
use uuid::Uuid;

impl Backend {
    /// See `ClientBookStore::date_events`. Driven from the scope's members:
    /// each is one probe of `customer_attributes` per date attribute, and
    /// only the matches read their customer row.
    pub(crate) async fn date_events_of(
        &self,
        company: CompanyId,
        scope: &BookScope,
        attributes: &[AttributeId],
        month_days: &[String],
        limit: u32,
    ) -> Result<Vec<DateEvent>> {
        if attributes.is_empty() || month_days.is_empty() {
            return Ok(Vec::new());
        }
        let value = ("ca", "customer_id");
        let mut stmt = Query::select()
            .column(value)
            .columns([("c", "account"), ("c", "first_name"), ("c", "last_name")])
            .columns([("ca", "attribute_id"), ("ca", "value_text")])
            .from_as("customer_attributes", "ca")
            .to_owned();
        let month_day = Expr::cust_with_values("substr(ca.value_text, 6, 5)", Vec::<Value>::new());
        join(&mut stmt, "customers", "c", (CUSTOMER_ID, value))
            .and_where(Expr::col(("c", "company_id")).eq(company.0))
            .and_where(Expr::col(("ca", "attribute_id")).is_in(attributes.iter().map(|a| a.0)))
            .and_where(month_day.is_in(month_days.iter().cloned()))
            .and_where(filter::book_scope_on(scope, value));
        in_customer_order(&mut stmt, limit);
        stmt.order_by(("ca", "attribute_id"), Order::Asc);
        type Row = (Uuid, String, String, String, Uuid, Option<String>);
        let rows: Vec<Row> = filter::fetch_planned(&self.pool, &stmt).await?;
        Ok(rows
            .into_iter()
            .filter_map(|(customer, account, first, last, attribute, date)| {
                Some(DateEvent {
                    customer: CustomerId(customer),
                    account,
                    customer_name: display_name(&first, &last),
                    attribute: AttributeId(attribute),
                    date: date?,
                })
            })
            .collect())
    }
}
