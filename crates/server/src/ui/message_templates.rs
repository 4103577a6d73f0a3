//! HQ page for message templates (list, edit with a live htmx preview on a
//! sample customer, errors next to the field, version history) and the
//! outreach settings (SMTP, SMS/WhatsApp webhook, guard, quiet hours).

use super::{Nav, UiAuth, allow, guard, localised, page_error, render};
use crate::error::ApiError;
use crate::i18n::Tr;
use crate::outreach::queue;
use crate::outreach::render::Rendered;
use crate::outreach::templates::{self, PreviewInput, TemplateChange, TemplateInput};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::{Form, Router};
use clienteling_domain::Permission;
use clienteling_domain::outreach::{
    GuardSettings, OutreachSettings, SmtpSettings, TlsMode, WebhookSettings,
};
use clienteling_store::Principal;
use std::collections::HashMap;

const ACTIVE: &str = "message_templates";

/// Template page routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/setup/message-templates",
            axum::routing::get(show).post(create),
        )
        .route("/setup/message-templates/preview", post(preview))
        .route("/setup/message-templates/{id}", post(update))
        .route("/setup/outreach-settings", post(save_settings))
}

#[derive(Template, Default)]
#[template(path = "message_templates.html")]
struct Page {
    list: Vec<(String, String, String, String, i32)>,
    id: String,
    f: HashMap<String, String>,
    errors: HashMap<String, String>,
    versions: Vec<(i32, String, String)>,
    preview: String,
    s: HashMap<String, String>,
    notice: Option<String>,
    problem: Option<String>,
    csrf_token: String,
    nav: Option<Nav>,
    csrf: Option<String>,
    tr: Tr,
}
localised!(Page);

impl Page {
    fn v(&self, k: &str) -> String {
        self.f.get(k).cloned().unwrap_or_default()
    }
    fn sv(&self, k: &str) -> String {
        self.s.get(k).cloned().unwrap_or_default()
    }
    fn err(&self, k: &str) -> Option<String> {
        self.errors.get(k).cloned()
    }
}

/// Escape text for HTML.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The preview fragment: subject and body as text, or the errors.
pub fn preview_html(tr: &Tr, r: Result<Rendered, ApiError>) -> String {
    match r {
        Ok(r) => format!(
            "<p><strong>{}</strong> {}</p><pre class=\"preview-body\">{}</pre>",
            escape(&tr.t("outreach-subject")),
            escape(&r.subject),
            escape(&r.body)
        ),
        Err(ApiError::Invalid(i)) => {
            i.0.iter()
                .map(|e| {
                    format!(
                        "<p class=\"error\">{}: {}</p>",
                        escape(&e.pointer[1..]),
                        escape(&tr.message(&e.message))
                    )
                })
                .collect()
        }
        Err(e) => format!("<p class=\"error\">{}</p>", escape(&e.to_string())),
    }
}

fn settings_map(s: &OutreachSettings) -> HashMap<String, String> {
    let o = |v: Option<u8>| v.map(|h| h.to_string()).unwrap_or_default();
    let tls = match s.smtp.tls {
        TlsMode::None => "none",
        TlsMode::Starttls => "starttls",
        TlsMode::Tls => "tls",
    };
    HashMap::from([
        ("smtp_host".into(), s.smtp.host.clone()),
        ("smtp_port".into(), s.smtp.port.to_string()),
        ("smtp_from".into(), s.smtp.from.clone()),
        ("smtp_tls".into(), tls.into()),
        (
            "smtp_username".into(),
            s.smtp.username.clone().unwrap_or_default(),
        ),
        (
            "smtp_secret".into(),
            s.smtp.password_secret.clone().unwrap_or_default(),
        ),
        (
            "webhook_url".into(),
            s.webhook
                .as_ref()
                .map(|w| w.url.clone())
                .unwrap_or_default(),
        ),
        (
            "webhook_secret".into(),
            s.webhook
                .as_ref()
                .map(|w| w.secret_name.clone())
                .unwrap_or_default(),
        ),
        ("max_messages".into(), s.guard.max_messages.to_string()),
        ("per_days".into(), s.guard.per_days.to_string()),
        ("quiet_start".into(), o(s.guard.quiet_start_hour)),
        ("quiet_end".into(), o(s.guard.quiet_end_hour)),
    ])
}

async fn page(state: &AppState, who: &Principal, id: &str) -> Result<Page, ApiError> {
    let list = state.store.list_templates(who.company).await?;
    let tr = Tr::of(who);
    let mut p = Page {
        list: list
            .iter()
            .map(|t| {
                (
                    t.id.to_string(),
                    t.code.clone(),
                    t.locale.clone(),
                    t.name.clone(),
                    t.version,
                )
            })
            .collect(),
        s: settings_map(&queue::settings(state, who).await?),
        csrf_token: who.csrf_token.clone(),
        csrf: Some(who.csrf_token.clone()),
        nav: Some(Nav::new(who, ACTIVE)),
        tr,
        ..Default::default()
    };
    if let Some(t) = list.into_iter().find(|t| t.id.to_string() == id) {
        p.id = t.id.to_string();
        p.versions = templates::versions(state, who, id)
            .await?
            .into_iter()
            .map(|v| (v.version, v.created_at, v.subject))
            .collect();
        let preview = templates::preview(state, who, Some(&t), &PreviewInput::default()).await;
        p.preview = preview_html(&tr, preview);
        p.f = HashMap::from([
            ("code".into(), t.code),
            ("locale".into(), t.locale),
            ("name".into(), t.name),
            ("subject".into(), t.subject),
            ("body".into(), t.body),
            (
                "html".into(),
                if t.html { "on".into() } else { String::new() },
            ),
        ]);
    } else {
        p.f.insert("locale".into(), tr.code().into());
    }
    Ok(p)
}

async fn show(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if let Err(r) = allow(&state, &who, Permission::ManageSetup, ACTIVE).await {
        return r;
    }
    let id = q.get("id").cloned().unwrap_or_default();
    match page(&state, &who, &id).await {
        Ok(mut p) => {
            p.notice = q.get("saved").map(|_| p.tr.t("saved"));
            render(&p)
        }
        Err(e) => page_error(e, Some(Nav::new(&who, ACTIVE))),
    }
}

/// Show the form again with the errors next to their fields.
async fn again(
    state: &AppState,
    who: &Principal,
    id: &str,
    e: ApiError,
    f: HashMap<String, String>,
) -> Response {
    let mut p = match page(state, who, id).await {
        Ok(p) => p,
        Err(e) => return page_error(e, Some(Nav::new(who, ACTIVE))),
    };
    let status = e.status();
    let tr = p.tr;
    match e {
        ApiError::Invalid(i) => {
            for x in i.0 {
                p.errors.insert(
                    x.pointer.trim_start_matches('/').replace('/', "_"),
                    tr.message(&x.message),
                );
            }
            p.problem = Some(tr.t("correct-fields"));
        }
        ApiError::Conflict(msg) => p.problem = Some(tr.message(&msg)),
        other => return page_error(other, Some(Nav::new(who, ACTIVE))),
    }
    p.f = f;
    (status, render(&p)).into_response()
}

fn get(f: &HashMap<String, String>, k: &str) -> String {
    f.get(k).cloned().unwrap_or_default()
}

async fn create(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    if let Err(r) = guard(
        &state,
        &who,
        f.get("_csrf").map(String::as_str),
        Permission::ManageSetup,
        ACTIVE,
    )
    .await
    {
        return r;
    }
    let input = TemplateInput {
        code: get(&f, "code"),
        locale: get(&f, "locale"),
        name: get(&f, "name"),
        subject: get(&f, "subject"),
        body: get(&f, "body"),
        html: Some(f.contains_key("html")),
    };
    match templates::create(&state, &who, input).await {
        Ok(t) => {
            Redirect::to(&format!("/setup/message-templates?id={}&saved=1", t.id)).into_response()
        }
        Err(e) => again(&state, &who, "", e, f).await,
    }
}

async fn update(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Path(id): Path<String>,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    if let Err(r) = guard(
        &state,
        &who,
        f.get("_csrf").map(String::as_str),
        Permission::ManageSetup,
        ACTIVE,
    )
    .await
    {
        return r;
    }
    let change = TemplateChange {
        code: Some(get(&f, "code")),
        locale: Some(get(&f, "locale")),
        name: Some(get(&f, "name")),
        subject: Some(get(&f, "subject")),
        body: Some(get(&f, "body")),
        html: Some(f.contains_key("html")),
    };
    match templates::update(&state, &who, &id, change).await {
        Ok(_) => Redirect::to(&format!("/setup/message-templates?id={id}&saved=1")).into_response(),
        Err(e) if e.status() == StatusCode::NOT_FOUND => {
            page_error(e, Some(Nav::new(&who, ACTIVE)))
        }
        Err(e) => again(&state, &who, &id, e, f).await,
    }
}

/// Live preview of the form's (unsaved) subject and body on the sample customer.
async fn preview(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    if let Err(r) = guard(
        &state,
        &who,
        f.get("_csrf").map(String::as_str),
        Permission::ManageSetup,
        ACTIVE,
    )
    .await
    {
        return r;
    }
    let input = PreviewInput {
        account: None,
        subject: Some(get(&f, "subject")),
        body: Some(get(&f, "body")),
        html: Some(f.contains_key("html")),
    };
    let out = templates::preview(&state, &who, None, &input).await;
    Html(preview_html(&Tr::of(&who), out)).into_response()
}

fn parse_settings(f: &HashMap<String, String>) -> Result<OutreachSettings, ApiError> {
    let num = |k: &str| -> Result<u32, ApiError> {
        get(f, k).trim().parse().map_err(|_| {
            clienteling_domain::Invalid::field(&format!("/{k}"), "must be a number").into()
        })
    };
    let hour = |k: &str| -> Result<Option<u8>, ApiError> {
        let v = get(f, k);
        if v.trim().is_empty() {
            return Ok(None);
        }
        v.trim().parse().map(Some).map_err(|_| {
            clienteling_domain::Invalid::field("/guard/quiet_start_hour", "must be an hour 0 to 23")
                .into()
        })
    };
    let opt = |k: &str| Some(get(f, k)).filter(|s| !s.trim().is_empty());
    let tls = match get(f, "smtp_tls").as_str() {
        "tls" => TlsMode::Tls,
        "starttls" => TlsMode::Starttls,
        _ => TlsMode::None,
    };
    Ok(OutreachSettings {
        smtp: SmtpSettings {
            host: get(f, "smtp_host"),
            port: u16::try_from(num("smtp_port")?).unwrap_or(0),
            from: get(f, "smtp_from"),
            tls,
            username: opt("smtp_username"),
            password_secret: opt("smtp_secret"),
        },
        webhook: opt("webhook_url").map(|url| WebhookSettings {
            url,
            secret_name: get(f, "webhook_secret"),
        }),
        guard: GuardSettings {
            max_messages: num("max_messages")?,
            per_days: num("per_days")?,
            quiet_start_hour: hour("quiet_start")?,
            quiet_end_hour: hour("quiet_end")?,
        },
    })
}

async fn save_settings(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    if let Err(r) = guard(
        &state,
        &who,
        f.get("_csrf").map(String::as_str),
        Permission::ManageSetup,
        ACTIVE,
    )
    .await
    {
        return r;
    }
    let saved = match parse_settings(&f) {
        Ok(s) => crate::outreach::settings::save(&state, &who, &s).await,
        Err(e) => Err(e),
    };
    match saved {
        Ok(()) => Redirect::to("/setup/message-templates?saved=1").into_response(),
        Err(e) => {
            let mut p = match page(&state, &who, "").await {
                Ok(p) => p,
                Err(e) => return page_error(e, Some(Nav::new(&who, ACTIVE))),
            };
            if let ApiError::Invalid(i) = e {
                for x in i.0 {
                    p.errors.insert(
                        x.pointer.trim_start_matches('/').replace('/', "_"),
                        p.tr.message(&x.message),
                    );
                }
            }
            p.problem = Some(p.tr.t("correct-fields"));
            p.s = f;
            (StatusCode::UNPROCESSABLE_ENTITY, render(&p)).into_response()
        }
    }
}
