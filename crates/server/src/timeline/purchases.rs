//! A customer's purchases: listed newest first and recorded by hand.

use super::{AtId, customer};
use crate::api::page::{self, Page};
use crate::audit::{self, Outcome};
use crate::error::ApiResult;
use crate::fmt::rfc3339;
use crate::state::AppState;
use clienteling_domain::Invalid;
use clienteling_domain::activity::{PurchaseInput, RawPurchase};
use clienteling_domain::ids::StoreId;
use clienteling_domain::text::Code;
use clienteling_domain::time_util::now_micros;
use clienteling_store::{NewPurchase, Principal, Purchase};
use serde::Serialize;
use utoipa::ToSchema;

/// A purchase as the API and UI show it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PurchaseItem {
    /// Id (`null` in the answer to a POST: the store does not report it).
    pub id: Option<String>,
    /// When (RFC 3339).
    pub at: String,
    /// Amount in minor units (cents).
    pub amount_minor: i64,
    /// ISO 4217 currency code.
    pub currency: String,
    /// Store code.
    pub store: Option<String>,
}

impl From<Purchase> for PurchaseItem {
    fn from(p: Purchase) -> Self {
        PurchaseItem {
            id: Some(p.id.to_string()),
            at: rfc3339(p.at),
            amount_minor: p.amount_minor,
            currency: p.currency,
            store: p.store,
        }
    }
}

/// One page of a customer's purchases, newest first.
pub async fn purchases_page(
    state: &AppState,
    who: &Principal,
    account: &str,
    cursor: Option<&str>,
    limit: u32,
) -> ApiResult<Page<PurchaseItem>> {
    let c = customer(state, who, account).await?;
    let before = page::decode::<AtId>(cursor)?;
    let rows = state
        .store
        .purchases_of(who.company, c.id, before, limit + 1)
        .await?;
    Ok(page::paginate(
        rows,
        limit,
        |p| (p.at, p.id),
        PurchaseItem::from,
    ))
}

/// The id of the store `code` (422 at `/store` if unknown).
async fn store_id(state: &AppState, who: &Principal, code: &Code) -> ApiResult<StoreId> {
    let all = state.store.list_stores(who.company).await?;
    all.iter()
        .find(|s| &s.code == code)
        .map(|s| s.id)
        .ok_or_else(|| Invalid::field("/store", "no such store").into())
}

/// Record a purchase (store by code; time defaults to now). Audited.
pub async fn add_purchase(
    state: &AppState,
    who: &Principal,
    account: &str,
    raw: &RawPurchase,
) -> ApiResult<PurchaseItem> {
    let input = PurchaseInput::parse(raw)?;
    let c = customer(state, who, account).await?;
    let store = match &input.store {
        Some(code) => Some(store_id(state, who, code).await?),
        None => None,
    };
    let new = NewPurchase {
        customer: c.id,
        at: input.at.unwrap_or_else(now_micros),
        amount_minor: input.amount_minor,
        currency: input.currency,
        store,
    };
    state
        .store
        .add_purchases(who.company, std::slice::from_ref(&new))
        .await?;
    let detail = serde_json::json!({"store": input.store});
    audit::record(
        state,
        who,
        "purchase.create",
        Outcome::Ok,
        Some(account),
        detail,
    )
    .await;
    Ok(PurchaseItem {
        id: None,
        at: rfc3339(new.at),
        amount_minor: new.amount_minor,
        currency: new.currency,
        store: input.store.map(|s| s.to_string()),
    })
}
