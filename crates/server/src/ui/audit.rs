//! The audit log page: who did what to which customer, newest first, with
//! times in the associate's locale.

use super::{Nav, UiAuth, allow, localised, page_error, render};
use crate::error::ApiError;
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use clienteling_domain::Permission;
use clienteling_store::AuditQuery;
use serde::Deserialize;

/// Audit log route.
pub fn router() -> Router<AppState> {
    Router::new().route("/audit", get(audit))
}

struct AuditRow {
    at: String,
    who: String,
    action: String,
    action_label: String,
    outcome: String,
    customer: String,
    detail: String,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    rows: Vec<AuditRow>,
    customer: String,
    next: Option<String>,
    nav: Option<Nav>,
    csrf: Option<String>,
    tr: Tr,
}
localised!(AuditPage);

#[derive(Deserialize)]
struct AuditParams {
    customer: Option<String>,
    cursor: Option<String>,
}

async fn audit(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Query(p): Query<AuditParams>,
) -> Response {
    if let Err(r) = allow(&state, &who, Permission::ViewAuditLog, "audit").await {
        return r;
    }
    let tr = Tr::of(&who);
    let page = async {
        let names: std::collections::HashMap<_, _> = state
            .store
            .list_associates(who.company)
            .await?
            .into_iter()
            .map(|a| (a.id, a.display_name.to_string()))
            .collect();
        let before = crate::api::page::decode(p.cursor.as_deref())?;
        let customer = p.customer.clone().filter(|c| !c.trim().is_empty());
        let rows = state
            .store
            .list_audit(
                who.company,
                &AuditQuery {
                    customer,
                    associate: None,
                    before,
                    limit: 101,
                },
            )
            .await?;
        let page = crate::api::page::paginate(
            rows,
            100,
            |e| e.id,
            |e| AuditRow {
                at: tr.datetime(e.at),
                who: e
                    .associate
                    .and_then(|a| names.get(&a).cloned())
                    .unwrap_or_default(),
                action_label: action_label(&tr, &e.action),
                action: e.action,
                outcome: tr.label_or("audit-outcome", &e.outcome, &e.outcome),
                customer: e.customer.unwrap_or_default(),
                detail: super::audit_detail::render(&tr, &e.detail),
            },
        );
        Ok::<_, ApiError>(AuditPage {
            rows: page.items,
            next: page.next_cursor,
            customer: p.customer.unwrap_or_default(),
            csrf: Some(who.csrf_token.clone()),
            nav: Some(Nav::new(&who, "audit")),
            tr,
        })
    }
    .await;
    match page {
        Ok(p) => render(&p),
        Err(e) => page_error(e, Some(Nav::new(&who, "audit"))),
    }
}

/// A readable name of an audited action (`client_book.add` → "Added to
/// client book"); the code itself is shown too.
fn action_label(tr: &Tr, action: &str) -> String {
    let key = format!("audit-action-{}", action.replace(['.', '_'], "-"));
    if tr.has(&key) {
        tr.t(&key)
    } else {
        String::new()
    }
}
