//! Data-access requests and erasure: everything held about a customer as one
//! JSON document (including notes the requester could not otherwise read),
//! and anonymisation that keeps purchases for aggregates. Used by the API
//! and the CLI; both callers audit.

use crate::fmt::rfc3339;
use clienteling_domain::activity::EntryKind;
use clienteling_domain::customer::Customer;
use clienteling_domain::ids::CompanyId;
use clienteling_store::{AuditQuery, EraseReport, Store, StoreError, TimelineQuery};
use serde_json::{Value, json};

/// Every datum held about the customer with `account`.
pub async fn export(
    store: &dyn Store,
    company: CompanyId,
    account: &str,
) -> Result<Value, StoreError> {
    let c = store.customer_by_account(company, account).await?;
    Ok(json!({
        "exported_at": rfc3339(clienteling_domain::time_util::now_micros()),
        "customer": c,
        "attributes": attributes(store, company, &c).await?,
        "client_books": books(store, &c).await?,
        "notes": notes(store, company, &c).await?,
        "activities": activities(store, company, &c).await?,
        "purchases": purchases(store, company, &c).await?,
        "measures": store.measures_of(&[c.id]).await?,
        "audit_log": audit(store, company, account).await?,
    }))
}

async fn attributes(
    store: &dyn Store,
    company: CompanyId,
    c: &Customer,
) -> Result<Value, StoreError> {
    let groups = store.list_attribute_groups(company).await?;
    let values = store.customer_attributes(&[c.id]).await?;
    let mut out = serde_json::Map::new();
    for (_, attr, v) in values {
        if let Some(a) = groups
            .iter()
            .flat_map(|g| &g.attributes)
            .find(|a| a.id == attr)
        {
            out.insert(a.name.clone(), v.to_json(a.kind));
        }
    }
    Ok(Value::Object(out))
}

async fn books(store: &dyn Store, c: &Customer) -> Result<Value, StoreError> {
    Ok(json!({
        "current": store.books_of_customer(c.id).await?,
        "history": store.book_history(c.id).await?,
    }))
}

async fn notes(store: &dyn Store, company: CompanyId, c: &Customer) -> Result<Value, StoreError> {
    let notes = store.notes_for_export(company, c.id).await?;
    Ok(notes
        .into_iter()
        .map(|n| {
            let revisions: Vec<Value> = n
                .revisions
                .iter()
                .map(|r| json!({"text": r.text, "visibility": r.visibility.as_str()}))
                .collect();
            json!({
                "id": n.note.id, "author": n.note.author_name, "visibility": n.note.visibility.as_str(),
                "text": n.note.text, "at": rfc3339(n.note.at), "edited_at": n.note.edited_at.map(rfc3339),
                "revisions": revisions,
            })
        })
        .collect())
}

async fn activities(
    store: &dyn Store,
    company: CompanyId,
    c: &Customer,
) -> Result<Value, StoreError> {
    let mut out = Vec::new();
    let mut before = None;
    loop {
        let q = TimelineQuery {
            customer: c.id,
            viewer: clienteling_domain::ids::AssociateId(uuid::Uuid::nil()),
            kind: Some(EntryKind::Activity),
            activity_type: None,
            text: None,
            before,
            limit: 500,
        };
        let page = store.timeline(company, &q).await?;
        let Some(last) = page.last() else { break };
        before = Some((last.at, last.id));
        let full = page.len() == 500;
        out.extend(page.into_iter().map(|e| {
            json!({"id": e.id, "at": rfc3339(e.at), "type": e.type_code, "by": e.associate_name, "description": e.text, "due_at": e.due_at.map(rfc3339)})
        }));
        if !full {
            break;
        }
    }
    Ok(Value::Array(out))
}

async fn purchases(
    store: &dyn Store,
    company: CompanyId,
    c: &Customer,
) -> Result<Value, StoreError> {
    let mut out = Vec::new();
    let mut before = None;
    loop {
        let page = store.purchases_of(company, c.id, before, 500).await?;
        let Some(last) = page.last() else { break };
        before = Some((last.at, last.id));
        let full = page.len() == 500;
        out.extend(page.into_iter().map(|p| json!({"at": rfc3339(p.at), "amount_minor": p.amount_minor, "currency": p.currency, "store": p.store})));
        if !full {
            break;
        }
    }
    Ok(Value::Array(out))
}

async fn audit(store: &dyn Store, company: CompanyId, account: &str) -> Result<Value, StoreError> {
    let mut out = Vec::new();
    let mut before = None;
    loop {
        let q = AuditQuery {
            customer: Some(account.to_owned()),
            associate: None,
            before,
            limit: 500,
        };
        let page = store.list_audit(company, &q).await?;
        let Some(last) = page.last() else { break };
        before = Some(last.id);
        let full = page.len() == 500;
        out.extend(page.into_iter().map(|e| json!({"at": rfc3339(e.at), "action": e.action, "outcome": e.outcome, "associate": e.associate})));
        if !full {
            break;
        }
    }
    Ok(Value::Array(out))
}

/// Anonymise the customer with `account`.
pub async fn erase(
    store: &dyn Store,
    company: CompanyId,
    account: &str,
) -> Result<EraseReport, StoreError> {
    let c = store.customer_by_account(company, account).await?;
    store.erase_customer(company, c.id).await
}
