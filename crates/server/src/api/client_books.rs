//! Client books: my book, a book's cards, refiners and upcoming events,
//! adding and removing customers (reassigning: `reassign.rs`; store client
//! books: `store_books.rs`).

use crate::api::page::Page;
use crate::audit::{self, Outcome};
use crate::auth::require;
use crate::books::{self, Card, Refiner, Upcoming};
use crate::error::{ApiError, ApiResult, Problem, not_found};
use crate::extract::{Can, Json, perm};
use crate::state::AppState;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use clienteling_domain::settings::Settings;
use clienteling_domain::{Invalid, Permission};
use clienteling_store::{AddOutcome, BookOwner, BookScope, ClientBook, Principal, StoreError};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

/// Routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(mine))
        .routes(routes!(book_customers, add_customers))
        .routes(routes!(remove_customer))
        .routes(routes!(book_refiners))
        .routes(routes!(book_upcoming))
}

/// A client book.
#[derive(Debug, Serialize, ToSchema)]
pub struct BookInfo {
    /// Book number, e.g. `CB-000042`.
    pub id: String,
    /// Owner.
    pub associate: OwnerInfo,
    /// Customers in the book.
    pub customer_count: i64,
}

/// An associate in a book context.
#[derive(Debug, Serialize, ToSchema)]
pub struct OwnerInfo {
    /// Associate id.
    pub id: String,
    /// Display name.
    pub name: String,
}

/// Accounts to add.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Accounts {
    /// Account numbers (at most 500).
    pub accounts: Vec<String>,
}

/// What happened to one account.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountResult {
    /// The account.
    pub account: String,
    /// `added`, `already_here`, `conflict`, `not_found` or `no_consent`.
    pub result: &'static str,
    /// For `conflict`: the books (and owners) already holding the customer.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schema(value_type = Vec<Object>)]
    pub owners: Vec<BookOwner>,
}

impl AccountResult {
    pub(crate) fn of(account: &str, result: &'static str, owners: Vec<BookOwner>) -> Self {
        AccountResult {
            account: account.to_owned(),
            result,
            owners,
        }
    }
}

/// Per-account results.
#[derive(Debug, Serialize, ToSchema)]
pub struct Results {
    /// One per requested account, in order.
    pub results: Vec<AccountResult>,
}

/// Upcoming-events window.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct Days {
    /// Window in days (0..=366, default 30).
    pub days: Option<u32>,
}

impl From<&ClientBook> for BookInfo {
    fn from(b: &ClientBook) -> Self {
        BookInfo {
            id: b.number.clone(),
            associate: OwnerInfo {
                id: b.associate.to_string(),
                name: b.associate_name.clone(),
            },
            customer_count: 0,
        }
    }
}

/// The book `number`, if `who` may see it: their own, or any with view_store_client_books.
pub(crate) async fn visible_book(
    state: &AppState,
    who: &Principal,
    number: &str,
    other: Permission,
) -> ApiResult<ClientBook> {
    let book = state
        .store
        .book_by_number(who.company, number)
        .await
        .map_err(not_found("client book"))?;
    if book.associate != who.associate {
        require(state, who, other).await?;
        if !who.can(Permission::ManageSetup) && !shares_a_store(state, who, &book).await? {
            let detail = serde_json::json!({"book": book.number, "reason": "no shared store"});
            audit::record(
                state,
                who,
                "permission.denied",
                Outcome::Denied,
                None,
                detail,
            )
            .await;
            return Err(ApiError::Forbidden(
                "working in a store of the book's owner".into(),
            ));
        }
    }
    Ok(book)
}

/// Whether the book's owner works in one of `who`'s stores.
async fn shares_a_store(state: &AppState, who: &Principal, book: &ClientBook) -> ApiResult<bool> {
    let owner = state.store.associate(who.company, book.associate).await?;
    let me = state.store.associate(who.company, who.associate).await?;
    Ok(owner.stores.iter().any(|s| me.stores.contains(s)))
}

/// What every read of one book starts from: the company's settings (the
/// feature must be on), the book as a scope (if `who` may see it) and the
/// query's pairs. The twin of the store book's `store_read`.
async fn book_read(
    state: &AppState,
    who: &Principal,
    id: &str,
    q: Option<&str>,
) -> ApiResult<(Settings, BookScope, Vec<(String, String)>)> {
    let s = books::enabled_settings(state, who.company).await?;
    let book = visible_book(state, who, id, Permission::ViewStoreClientBooks).await?;
    Ok((s, BookScope::Book(book.id), books::query_pairs(q)))
}

/// My client book (created on first use).
#[utoipa::path(get, path = "/client-books/mine", tag = "client books",
    responses((status = 200, body = BookInfo), (status = 403, body = Problem), (status = 409, body = Problem)))]
async fn mine(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ViewClientBook>,
) -> ApiResult<axum::Json<BookInfo>> {
    books::enabled_settings(&state, who.company).await?;
    let book = state.store.ensure_book(who.company, who.associate).await?;
    let mut info = BookInfo::from(&book);
    info.customer_count = state.store.count_book(&book).await?;
    Ok(axum::Json(info))
}

/// The customers of a book as client cards, filtered (`attr.<name>=a,b`,
/// `attr.<name>.min|max=`, `q=`, `event=<date attribute>&within_days=`) and cursor-paged.
#[utoipa::path(get, path = "/client-books/{id}/customers", tag = "client books", params(("id" = String, Path, description = "Book number")),
    responses((status = 200, body = Page<Card>), (status = 400, body = Problem), (status = 403, body = Problem), (status = 409, body = Problem)))]
async fn book_customers(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ViewClientBook>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> ApiResult<axum::Json<Page<Card>>> {
    let (s, scope, pairs) = book_read(&state, &who, &id, q.as_deref()).await?;
    let page = books::card_page(&state, (who.company, &s), &scope, &pairs).await?;
    Ok(axum::Json(page))
}

/// Refiners (counts per value of refinable attributes) for the current filter.
#[utoipa::path(get, path = "/client-books/{id}/refiners", tag = "client books", params(("id" = String, Path, description = "Book number")),
    responses((status = 200, body = Vec<Refiner>), (status = 403, body = Problem)))]
async fn book_refiners(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ViewClientBook>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> ApiResult<axum::Json<Vec<Refiner>>> {
    let (s, scope, pairs) = book_read(&state, &who, &id, q.as_deref()).await?;
    let refiners = books::refiners(&state, (who.company, &s), &scope, &pairs).await?;
    Ok(axum::Json(refiners))
}

/// Customers with a date attribute (birthday, anniversary, …) in the next `days` days, soonest first.
#[utoipa::path(get, path = "/client-books/{id}/upcoming", tag = "client books", params(("id" = String, Path, description = "Book number"), Days),
    responses((status = 200, body = Vec<Upcoming>), (status = 403, body = Problem)))]
async fn book_upcoming(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ViewClientBook>,
    Path(id): Path<String>,
    crate::extract::Query(d): crate::extract::Query<Days>,
) -> ApiResult<axum::Json<Vec<Upcoming>>> {
    let days = d.days.unwrap_or(30);
    if days > clienteling_domain::filter::MAX_WINDOW_DAYS {
        return Err(ApiError::bad_request("days must be at most 366"));
    }
    let (s, scope, _) = book_read(&state, &who, &id, None).await?;
    let upcoming = books::upcoming(&state, (who.company, &s), &scope, days).await?;
    Ok(axum::Json(upcoming))
}

pub(crate) fn check_batch(accounts: &[String]) -> ApiResult<()> {
    match accounts.len() {
        0 => Err(Invalid::field("/accounts", "must list at least one account").into()),
        1..=500 => Ok(()),
        _ => Err(Invalid::field("/accounts", "at most 500 accounts per request").into()),
    }
}

/// Add customers (per-account results). Under the one-book rule a customer
/// already in another book is a `conflict` naming the owner.
#[utoipa::path(post, path = "/client-books/{id}/customers", tag = "client books", request_body = Accounts,
    params(("id" = String, Path, description = "Book number")),
    responses((status = 200, body = Results), (status = 403, body = Problem), (status = 409, body = Problem)))]
async fn add_customers(
    State(state): State<AppState>,
    Can(who, _): Can<perm::AddToClientBook>,
    Path(id): Path<String>,
    Json(req): Json<Accounts>,
) -> ApiResult<axum::Json<Results>> {
    let s = books::enabled_settings(&state, who.company).await?;
    check_batch(&req.accounts)?;
    let book = visible_book(&state, &who, &id, Permission::ReassignClientBookCustomers).await?;
    let mut results = Vec::with_capacity(req.accounts.len());
    for account in &req.accounts {
        results.push(add_one(&state, &who, &book, account, &s).await?);
    }
    Ok(axum::Json(Results { results }))
}

async fn add_one(
    state: &AppState,
    who: &Principal,
    book: &ClientBook,
    account: &str,
    s: &clienteling_domain::settings::Settings,
) -> ApiResult<AccountResult> {
    let Some(c) = lookup(state, who, account).await? else {
        return Ok(AccountResult::of(account, "not_found", vec![]));
    };
    if s.require_consent && !c.consent.given {
        return Ok(AccountResult::of(account, "no_consent", vec![]));
    }
    let outcome = state
        .store
        .add_to_book(book, c.id, books::limit(s), who.associate)
        .await?;
    let detail = serde_json::json!({"book": book.number});
    Ok(settle(state, who, account, outcome, "client_book.add", detail).await)
}

/// The customer with `account`, or `None`.
pub(crate) async fn lookup(
    state: &AppState,
    who: &Principal,
    account: &str,
) -> ApiResult<Option<clienteling_domain::customer::Customer>> {
    match state.store.customer_by_account(who.company, account).await {
        Ok(c) => Ok(Some(c)),
        Err(StoreError::NotFound) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Turn a membership outcome into a result, auditing what was done.
pub(crate) async fn settle(
    state: &AppState,
    who: &Principal,
    account: &str,
    outcome: AddOutcome,
    action: &str,
    detail: serde_json::Value,
) -> AccountResult {
    match outcome {
        AddOutcome::Added => {
            audit::record(state, who, action, Outcome::Ok, Some(account), detail).await;
            AccountResult::of(account, "added", vec![])
        }
        AddOutcome::AlreadyHere => AccountResult::of(account, "already_here", vec![]),
        AddOutcome::Conflict(owners) => AccountResult::of(account, "conflict", owners),
    }
}

/// Remove a customer from a book.
#[utoipa::path(delete, path = "/client-books/{id}/customers/{account}", tag = "client books",
    params(("id" = String, Path, description = "Book number"), ("account" = String, Path, description = "Account number")),
    responses((status = 204), (status = 404, body = Problem)))]
async fn remove_customer(
    State(state): State<AppState>,
    Can(who, _): Can<perm::RemoveFromClientBook>,
    Path((id, account)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    books::enabled_settings(&state, who.company).await?;
    let book = visible_book(&state, &who, &id, Permission::ReassignClientBookCustomers).await?;
    let c = state
        .store
        .customer_by_account(who.company, &account)
        .await
        .map_err(not_found("customer"))?;
    if !state
        .store
        .remove_from_book(&book, c.id, who.associate)
        .await?
    {
        return Err(ApiError::NotFound("customer in this book".into()));
    }
    audit::record(
        &state,
        &who,
        "client_book.remove",
        Outcome::Ok,
        Some(&account),
        serde_json::json!({"book": book.number}),
    )
    .await;
    Ok(StatusCode::NO_CONTENT)
}
