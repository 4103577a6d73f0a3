//! Reassigning customers between client books (managers): the listed
//! accounts, or every customer of one associate, with a result per account.

use super::client_books::{AccountResult, Results, check_batch, lookup, settle};
use crate::books;
use crate::error::{ApiResult, Problem};
use crate::extract::{Can, Json, perm};
use crate::state::AppState;
use axum::extract::State;
use clienteling_domain::Invalid;
use clienteling_domain::ids::AssociateId;
use clienteling_store::{BookScope, ClientBook, Principal};
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

/// Routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(reassign))
}

/// A reassignment: the listed accounts, or every customer of `from_associate`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Reassign {
    /// Accounts to move (at most 500); omit to move all of `from_associate`'s customers.
    pub accounts: Option<Vec<String>>,
    /// Take them from this associate's book (default: from whichever book holds them).
    pub from_associate: Option<String>,
    /// Move them to this associate's book.
    pub to_associate: String,
}

fn associate_id(s: &str, pointer: &str) -> ApiResult<AssociateId> {
    s.parse()
        .map_err(|_| Invalid::field(pointer, "must be an associate id").into())
}

/// Move customers to another associate's book: the listed accounts, or all
/// of `from_associate`'s customers. History is kept; every move is audited.
#[utoipa::path(post, path = "/client-books/reassign", tag = "client books", request_body = Reassign,
    responses((status = 200, body = Results), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn reassign(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ReassignClientBookCustomers>,
    Json(req): Json<Reassign>,
) -> ApiResult<axum::Json<Results>> {
    Ok(axum::Json(reassign_as(&state, &who, &req).await?))
}

/// Carry out a reassignment as `who` (shared by the API and the UI).
pub async fn reassign_as(state: &AppState, who: &Principal, req: &Reassign) -> ApiResult<Results> {
    let s = books::enabled_settings(state, who.company).await?;
    let to_id = associate_id(&req.to_associate, "/to_associate")?;
    state
        .store
        .associate(who.company, to_id)
        .await
        .map_err(|_| Invalid::field("/to_associate", "no such associate"))?;
    let to = state.store.ensure_book(who.company, to_id).await?;
    let from = match &req.from_associate {
        Some(f) => {
            let id = associate_id(f, "/from_associate")?;
            state
                .store
                .associate(who.company, id)
                .await
                .map_err(|_| Invalid::field("/from_associate", "no such associate"))?;
            Some(state.store.ensure_book(who.company, id).await?)
        }
        None => None,
    };
    let accounts = match (&req.accounts, &from) {
        (Some(a), _) => {
            check_batch(a)?;
            a.clone()
        }
        (None, Some(f)) => member_accounts(state, who.company, f).await?,
        (None, None) => {
            return Err(Invalid::field("/accounts", "list accounts or give from_associate").into());
        }
    };
    let mut results = Vec::with_capacity(accounts.len());
    for account in &accounts {
        results.push(move_one(state, who, from.as_ref(), &to, account, &s).await?);
    }
    Ok(Results { results })
}

async fn member_accounts(
    state: &AppState,
    company: clienteling_domain::ids::CompanyId,
    book: &ClientBook,
) -> ApiResult<Vec<String>> {
    let all = clienteling_domain::filter::CustomerFilter::default();
    let rows = state
        .store
        .list_book_customers(company, &BookScope::Book(book.id), &all, None, u32::MAX / 2)
        .await?;
    Ok(rows.into_iter().map(|c| c.account.to_string()).collect())
}

async fn move_one(
    state: &AppState,
    who: &Principal,
    from: Option<&ClientBook>,
    to: &ClientBook,
    account: &str,
    s: &clienteling_domain::settings::Settings,
) -> ApiResult<AccountResult> {
    let Some(c) = lookup(state, who, account).await? else {
        return Ok(AccountResult::of(account, "not_found", vec![]));
    };
    let outcome = state
        .store
        .move_to_book(from, to, c.id, books::limit(s), who.associate)
        .await?;
    let detail = serde_json::json!({"from": from.map(|f| f.number.clone()), "to": to.number});
    Ok(settle(state, who, account, outcome, "client_book.reassign", detail).await)
}
