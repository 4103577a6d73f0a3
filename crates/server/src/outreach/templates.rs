//! Message-template use cases shared by the API and the UI: create, change
//! (every change is a new version), list versions, preview. A template is
//! only stored when it compiles and renders for a sample customer with
//! every attribute of the selected group; errors point at the field.

use super::queue;
use super::render::{self, Rendered};
use crate::audit::{self, Outcome};
use crate::error::{ApiError, ApiResult, not_found};
use crate::fmt::rfc3339;
use crate::state::AppState;
use clienteling_domain::Invalid;
use clienteling_domain::outreach::TemplateDraft;
use clienteling_store::{Principal, StoreError, TemplateRecord, TemplateVersion};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// A message template at its current version.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TemplateView {
    /// Id.
    pub id: String,
    /// Code (unique per language).
    pub code: String,
    /// Language (`en`, `fi`, `lt`).
    pub locale: String,
    /// Display name.
    pub name: String,
    /// Current version.
    pub version: i32,
    /// Subject template.
    pub subject: String,
    /// Body template.
    pub body: String,
    /// HTML body (values are HTML-escaped).
    pub html: bool,
    /// Last change (RFC 3339).
    pub updated_at: String,
}

impl From<TemplateRecord> for TemplateView {
    fn from(t: TemplateRecord) -> Self {
        TemplateView {
            id: t.id.to_string(),
            code: t.code,
            locale: t.locale,
            name: t.name,
            version: t.version,
            subject: t.subject,
            body: t.body,
            html: t.html,
            updated_at: rfc3339(t.updated_at),
        }
    }
}

/// One kept version.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VersionView {
    /// Version number.
    pub version: i32,
    /// Subject template.
    pub subject: String,
    /// Body template.
    pub body: String,
    /// HTML body.
    pub html: bool,
    /// Author's associate id (none for shipped defaults).
    pub author: Option<String>,
    /// When (RFC 3339).
    pub created_at: String,
}

impl From<TemplateVersion> for VersionView {
    fn from(v: TemplateVersion) -> Self {
        VersionView {
            version: v.version,
            subject: v.subject,
            body: v.body,
            html: v.html,
            author: v.author.map(|a| a.to_string()),
            created_at: rfc3339(v.created_at),
        }
    }
}

/// A new template.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TemplateInput {
    /// Code (`a-z 0-9 - _`), unique per language.
    pub code: String,
    /// Language: `en`, `fi` or `lt`.
    pub locale: String,
    /// Display name.
    pub name: String,
    /// Subject template (one line).
    pub subject: String,
    /// Body template.
    pub body: String,
    /// HTML body (default false: plain text).
    pub html: Option<bool>,
}

/// Changes to a template (a new version); absent fields stay.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TemplateChange {
    /// New code.
    pub code: Option<String>,
    /// New language.
    pub locale: Option<String>,
    /// New name.
    pub name: Option<String>,
    /// New subject template.
    pub subject: Option<String>,
    /// New body template.
    pub body: Option<String>,
    /// HTML body or not.
    pub html: Option<bool>,
}

/// Check a draft: shape, then that it compiles and renders for the sample customer.
pub async fn check(state: &AppState, who: &Principal, d: &TemplateDraft) -> ApiResult<()> {
    d.validate()?;
    let attrs = queue::attributes(state, who).await?;
    let names: Vec<String> = attrs.into_iter().map(|a| a.name).collect();
    render::render(&d.subject, &d.body, d.html, &render::sample(&names))?;
    Ok(())
}

fn conflict(e: StoreError) -> ApiError {
    match e {
        StoreError::Conflict { .. } => {
            ApiError::Conflict("a template with this code and language exists".into())
        }
        other => not_found("message template")(other),
    }
}

/// Create a template (version 1). Audited.
pub async fn create(
    state: &AppState,
    who: &Principal,
    i: TemplateInput,
) -> ApiResult<TemplateView> {
    let d = TemplateDraft {
        code: i.code.trim().to_owned(),
        locale: i.locale.trim().to_owned(),
        name: i.name,
        subject: i.subject,
        body: i.body,
        html: i.html.unwrap_or(false),
    };
    check(state, who, &d).await?;
    let t = state
        .store
        .create_template(who.company, &d, Some(who.associate))
        .await
        .map_err(conflict)?;
    let detail = serde_json::json!({"template": t.id.to_string(), "version": t.version});
    audit::record(
        state,
        who,
        "message_template.create",
        Outcome::Ok,
        None,
        detail,
    )
    .await;
    Ok(t.into())
}

/// Parse a template id (404 when malformed).
pub fn parse_id(id: &str) -> ApiResult<Uuid> {
    Uuid::parse_str(id).map_err(|_| ApiError::NotFound("message template".into()))
}

/// One template.
pub async fn get(state: &AppState, who: &Principal, id: &str) -> ApiResult<TemplateRecord> {
    state
        .store
        .template(who.company, parse_id(id)?)
        .await
        .map_err(not_found("message template"))
}

/// Store a new version of a template. Audited.
pub async fn update(
    state: &AppState,
    who: &Principal,
    id: &str,
    c: TemplateChange,
) -> ApiResult<TemplateView> {
    let cur = get(state, who, id).await?;
    let d = TemplateDraft {
        code: c.code.map(|s| s.trim().to_owned()).unwrap_or(cur.code),
        locale: c.locale.map(|s| s.trim().to_owned()).unwrap_or(cur.locale),
        name: c.name.unwrap_or(cur.name),
        subject: c.subject.unwrap_or(cur.subject),
        body: c.body.unwrap_or(cur.body),
        html: c.html.unwrap_or(cur.html),
    };
    check(state, who, &d).await?;
    let t = state
        .store
        .update_template(who.company, cur.id, &d, who.associate)
        .await
        .map_err(conflict)?;
    let detail = serde_json::json!({"template": t.id.to_string(), "version": t.version});
    audit::record(
        state,
        who,
        "message_template.update",
        Outcome::Ok,
        None,
        detail,
    )
    .await;
    Ok(t.into())
}

/// Every version, newest first.
pub async fn versions(state: &AppState, who: &Principal, id: &str) -> ApiResult<Vec<VersionView>> {
    let rows = state
        .store
        .template_versions(who.company, parse_id(id)?)
        .await
        .map_err(not_found("message template"))?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// What to preview: the stored template, or unsaved edits; for a customer or the sample.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PreviewInput {
    /// A customer's account (default: a sample customer).
    pub account: Option<String>,
    /// Unsaved subject template.
    pub subject: Option<String>,
    /// Unsaved body template.
    pub body: Option<String>,
    /// Unsaved HTML flag.
    pub html: Option<bool>,
}

/// Render a template (or unsaved edits) for a customer or the sample customer.
pub async fn preview(
    state: &AppState,
    who: &Principal,
    t: Option<&TemplateRecord>,
    p: &PreviewInput,
) -> ApiResult<Rendered> {
    let pick = |o: &Option<String>, f: fn(&TemplateRecord) -> &String| {
        o.clone()
            .or_else(|| t.map(|t| f(t).clone()))
            .unwrap_or_default()
    };
    let subject = pick(&p.subject, |t| &t.subject);
    let body = pick(&p.body, |t| &t.body);
    let html = p.html.or(t.map(|t| t.html)).unwrap_or(false);
    if subject.contains(['\r', '\n']) {
        return Err(Invalid::field("/subject", "must be one line (no CR or LF)").into());
    }
    let src = queue::preview_source(state, who).await?;
    let ctx = match p.account.as_deref().filter(|a| !a.is_empty()) {
        Some(a) => {
            let c = crate::timeline::customer(state, who, a).await?;
            queue::context(state, who, &src, &c).await?
        }
        None => {
            let names: Vec<String> = src.attrs.iter().map(|a| a.name.clone()).collect();
            let mut s = render::sample(&names);
            s.associate.name = who.display_name.clone();
            s
        }
    };
    Ok(render::render(&subject, &body, html, &ctx)?)
}
