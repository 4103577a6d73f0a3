//! Client-book pages: my client book and store client books (cards with
//! three slots, refiners with counts, text search, upcoming events, paging),
//! adding from customer search and removing with confirmation.

use super::cards::{CardView, card_view, label};
use super::{Nav, UiAuth, allow, guard, localised, page_error, render};
use crate::books;
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use clienteling_domain::Permission;
use clienteling_domain::attributes::AttributeKind;
use clienteling_store::{BookScope, Principal};
use serde::Deserialize;

/// Book routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/book", get(my_book))
        .route("/book/add", post(add))
        .route("/book/remove", post(remove))
        .route("/stores/{code}/book", get(store_book))
}

struct ValueView {
    value: String,
    count: i64,
    checked: bool,
}

struct RefinerView {
    name: String,
    label: String,
    values: Vec<ValueView>,
}

struct EventView {
    name: String,
    label: String,
    checked: bool,
}

struct UpcomingView {
    account: String,
    name: String,
    label: String,
    when: String,
}

#[derive(Template)]
#[template(path = "book.html")]
struct BookPage {
    title: String,
    subtitle: String,
    base: String,
    q: String,
    cards: Vec<CardView>,
    refiners: Vec<RefinerView>,
    events: Vec<EventView>,
    upcoming: Vec<UpcomingView>,
    next: Option<String>,
    can_remove: bool,
    outreach: Option<String>,
    notice: Option<String>,
    undo: Option<String>,
    reassign: Option<super::reassign::ReassignView>,
    /// Whether the "Follow-ups due" strip is shown (my own client book).
    follow_ups_due: bool,
    csrf_token: String,
    nav: Option<Nav>,
    csrf: Option<String>,
    tr: Tr,
}
localised!(BookPage);

/// How far away an upcoming event is.
fn when(tr: &Tr, days: i64) -> String {
    match days {
        0 => tr.t("book-today"),
        1 => tr.t("book-tomorrow"),
        n => tr.t1("book-in-days", "days", n),
    }
}

/// Render a book or store book page for the query `pairs`.
async fn page(
    state: &AppState,
    who: &Principal,
    scope: BookScope,
    base: String,
    title: String,
    pairs: Vec<(String, String)>,
    active: &'static str,
) -> Result<BookPage, crate::error::ApiError> {
    let s = books::enabled_settings(state, who.company).await?;
    let attrs = books::selected_attributes(state, who.company, &s).await?;
    let mut pairs = pairs;
    let events: Vec<String> = pairs
        .iter()
        .filter(|(k, _)| k == "event")
        .map(|(_, v)| v.clone())
        .collect();
    pairs.retain(|(k, _)| !["event", "notice", "undo", "owner"].contains(&k.as_str()));
    if let Some(e) = events.first() {
        pairs.push(("event".into(), e.clone()));
    }
    let tr = Tr::of(who);
    let cards = books::card_page(state, (who.company, &s), &scope, &pairs).await?;
    let refiners = books::refiners(state, (who.company, &s), &scope, &pairs).await?;
    let upcoming = books::upcoming(state, (who.company, &s), &scope, 30).await?;
    let checked = |name: &str, v: &str| {
        pairs.iter().any(|(k, val)| {
            k == &format!("attr.{name}") && val.split(',').any(|x| x.trim().eq_ignore_ascii_case(v))
        })
    };
    let next = cards.next_cursor.as_ref().map(|c| {
        let mut p: Vec<(String, String)> = pairs
            .iter()
            .filter(|(k, _)| k != "cursor")
            .cloned()
            .collect();
        p.push(("cursor".into(), c.clone()));
        format!(
            "{base}?{}",
            form_urlencoded::Serializer::new(String::new())
                .extend_pairs(p)
                .finish()
        )
    });
    Ok(BookPage {
        subtitle: String::new(),
        title,
        q: books::param(&pairs, "q").unwrap_or_default().to_owned(),
        cards: cards
            .items
            .into_iter()
            .map(|c| card_view(&tr, c, &attrs))
            .collect(),
        refiners: refiners
            .into_iter()
            .map(|r| RefinerView {
                label: label(&r.attribute),
                values: r
                    .values
                    .into_iter()
                    .map(|v| ValueView {
                        checked: checked(&r.attribute, &v.value),
                        value: v.value,
                        count: v.count,
                    })
                    .collect(),
                name: r.attribute,
            })
            .collect(),
        events: attrs
            .iter()
            .filter(|a| a.kind == AttributeKind::Date)
            .map(|a| EventView {
                name: a.name.clone(),
                label: label(&a.name),
                checked: events.contains(&a.name),
            })
            .collect(),
        upcoming: upcoming
            .into_iter()
            .take(12)
            .map(|u| UpcomingView {
                account: u.account,
                name: u.name,
                label: if u.kind == "date_attribute" {
                    label(&u.event)
                } else {
                    super::follow_ups::reason_label(&tr, &u.event)
                },
                when: when(&tr, u.in_days),
            })
            .collect(),
        next,
        base,
        can_remove: false,
        outreach: None,
        notice: None,
        undo: None,
        reassign: None,
        follow_ups_due: false,
        csrf_token: who.csrf_token.clone(),
        csrf: Some(who.csrf_token.clone()),
        nav: Some(Nav::new(who, active)),
        tr,
    })
}

async fn my_book(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    RawQuery(q): RawQuery,
) -> Response {
    if let Err(r) = allow(&state, &who, Permission::ViewClientBook, "book").await {
        return r;
    }
    let tr = Tr::of(&who);
    let pairs = books::query_pairs(q.as_deref());
    let owner = books::param(&pairs, "owner");
    let notice =
        books::param(&pairs, "notice").and_then(|c| super::book_actions::notice(&tr, c, owner));
    let undo = books::param(&pairs, "undo")
        .filter(|_| who.can(Permission::AddToClientBook))
        .map(str::to_owned);
    let book = match state.store.ensure_book(who.company, who.associate).await {
        Ok(b) => b,
        Err(e) => return page_error(e.into(), Some(Nav::new(&who, "book"))),
    };
    let count = state.store.count_book(&book).await.unwrap_or_default();
    let outreach = who
        .can(Permission::LogActivities)
        .then(|| outreach_link(&book.number, &pairs));
    match page(
        &state,
        &who,
        BookScope::Book(book.id),
        "/book".into(),
        tr.t("book-title"),
        pairs,
        "book",
    )
    .await
    {
        Ok(mut p) => {
            p.subtitle = tr.t2("book-subtitle", "number", &book.number, "count", count);
            p.follow_ups_due = true;
            p.can_remove = who.can(Permission::RemoveFromClientBook);
            p.outreach = outreach;
            p.notice = notice;
            p.undo = undo;
            render(&p)
        }
        Err(e) => page_error(e, Some(Nav::new(&who, "book"))),
    }
}

async fn store_book(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Path(code): Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    if let Err(r) = allow(&state, &who, Permission::ViewStoreClientBooks, "store").await {
        return r;
    }
    let store = match crate::api::store_books::visible_store(&state, &who, &code).await {
        Ok(s) => s,
        Err(e) => return page_error(e, Some(Nav::new(&who, "store"))),
    };
    let code = store.code.as_str();
    let pairs = books::query_pairs(q.as_deref());
    let title = Tr::of(&who).t1("store-book-title", "store", store.name.as_str());
    match page(
        &state,
        &who,
        BookScope::Stores(vec![store.id]),
        format!("/stores/{code}/book"),
        title,
        pairs,
        "store",
    )
    .await
    {
        Ok(mut p) => match super::reassign::view(&state, &who, code).await {
            Ok(r) => {
                p.reassign = r;
                render(&p)
            }
            Err(e) => page_error(e, Some(Nav::new(&who, "store"))),
        },
        Err(e) => page_error(e, Some(Nav::new(&who, "store"))),
    }
}

#[derive(Deserialize)]
struct AccountForm {
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
    account: String,
}

async fn add(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Form(f): Form<AccountForm>,
) -> Response {
    if let Err(r) = guard(
        &state,
        &who,
        f.csrf.as_deref(),
        Permission::AddToClientBook,
        "book",
    )
    .await
    {
        return r;
    }
    let outcome = super::book_actions::add_to_my_book(&state, &who, &f.account)
        .await
        .map(|a| a.code());
    match outcome {
        Ok(code) => Redirect::to(&format!("/customers/{}?book={code}", f.account)).into_response(),
        Err(e) => page_error(e, Some(Nav::new(&who, "customers"))),
    }
}

async fn remove(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Form(f): Form<AccountForm>,
) -> Response {
    if let Err(r) = guard(
        &state,
        &who,
        f.csrf.as_deref(),
        Permission::RemoveFromClientBook,
        "book",
    )
    .await
    {
        return r;
    }
    let done = async {
        let book = state.store.ensure_book(who.company, who.associate).await?;
        let c = state
            .store
            .customer_by_account(who.company, &f.account)
            .await
            .map_err(crate::error::not_found("customer"))?;
        if state
            .store
            .remove_from_book(&book, c.id, who.associate)
            .await?
        {
            crate::audit::record(
                &state,
                &who,
                "client_book.remove",
                crate::audit::Outcome::Ok,
                Some(&f.account),
                serde_json::json!({"book": book.number}),
            )
            .await;
        }
        Ok::<_, crate::error::ApiError>(())
    }
    .await;
    match done {
        Ok(()) => {
            let account: String = form_urlencoded::byte_serialize(f.account.as_bytes()).collect();
            Redirect::to(&format!("/book?notice=removed&undo={account}")).into_response()
        }
        Err(e) => page_error(e, Some(Nav::new(&who, "book"))),
    }
}

/// "Message these customers": the outreach page for the book's current filter.
fn outreach_link(book: &str, pairs: &[(String, String)]) -> String {
    let query = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs.iter().filter(|(k, _)| k != "cursor" && k != "notice"))
        .finish();
    let link = form_urlencoded::Serializer::new(String::new())
        .append_pair("book", book)
        .append_pair("query", &query)
        .finish();
    format!("/outreach/new?{link}")
}
