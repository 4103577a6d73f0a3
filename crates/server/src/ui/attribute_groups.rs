//! HQ editor of attribute groups: rename, add, remove, reorder (arrows) and
//! type attributes; errors shown next to the offending row.

use super::{Nav, UiAuth, allow, guard, localised, page_error, render};
use crate::error::ApiError;
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use clienteling_domain::attributes::{
    AttributeGroup, AttributeInput, AttributeKind, parse_attributes,
};
use clienteling_domain::ids::AttributeGroupId;
use clienteling_domain::text::Name;
use clienteling_domain::{FieldError, Permission};
use clienteling_store::Principal;
use serde::Deserialize;

/// Attribute editor routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/setup/attributes", get(show).post(create))
        .route("/setup/attributes/{id}", post(update))
}

struct Row {
    name: String,
    kind: String,
    values: String,
    refinable: bool,
    name_error: Option<String>,
    values_error: Option<String>,
}

struct GroupView {
    id: String,
    name: String,
    selected: bool,
    rows: Vec<Row>,
    errors: Vec<FieldError>,
}

#[derive(Template)]
#[template(path = "attributes.html")]
struct Page {
    groups: Vec<GroupView>,
    /// Attribute types: value and translated label.
    kinds: Vec<(&'static str, String)>,
    notice: Option<String>,
    new_error: Option<String>,
    csrf_token: String,
    nav: Option<Nav>,
    csrf: Option<String>,
    tr: Tr,
}
localised!(Page);

fn view(g: &AttributeGroup, selected: bool) -> GroupView {
    let rows = g
        .attributes
        .iter()
        .map(|a| Row {
            name: a.name.clone(),
            kind: a.kind.as_str().into(),
            values: a.values.join(", "),
            refinable: a.refinable,
            name_error: None,
            values_error: None,
        })
        .collect();
    GroupView {
        id: g.id.to_string(),
        name: g.name.clone(),
        selected,
        rows,
        errors: vec![],
    }
}

async fn page(state: &AppState, who: &Principal, notice: Option<String>) -> Result<Page, ApiError> {
    let tr = Tr::of(who);
    let selected = state.store.settings(who.company).await?.attribute_group;
    let groups = state.store.list_attribute_groups(who.company).await?;
    Ok(Page {
        groups: groups
            .iter()
            .map(|g| view(g, selected.as_deref() == Some(g.name.as_str())))
            .collect(),
        kinds: ["text", "enum", "number", "date", "boolean"]
            .into_iter()
            .map(|k| (k, tr.t(&format!("attribute-kind-{k}"))))
            .collect(),
        notice,
        new_error: None,
        csrf_token: who.csrf_token.clone(),
        csrf: Some(who.csrf_token.clone()),
        nav: Some(Nav::new(who, "attributes")),
        tr,
    })
}

#[derive(Deserialize)]
struct Notice {
    saved: Option<String>,
}

async fn show(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Query(q): Query<Notice>,
) -> Response {
    if let Err(r) = allow(&state, &who, Permission::ManageSetup, "attributes").await {
        return r;
    }
    let saved = q.saved.map(|_| Tr::of(&who).t("saved"));
    match page(&state, &who, saved).await {
        Ok(p) => render(&p),
        Err(e) => page_error(e, Some(Nav::new(&who, "attributes"))),
    }
}

fn field<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

async fn create(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    if let Err(r) = guard(
        &state,
        &who,
        field(&pairs, "_csrf"),
        Permission::ManageSetup,
        "attributes",
    )
    .await
    {
        return r;
    }
    let name = field(&pairs, "group_name").unwrap_or_default();
    let result = match Name::parse(name) {
        Ok(n) => state
            .store
            .create_attribute_group(who.company, n.as_str(), &[])
            .await
            .map(|_| ())
            .map_err(ApiError::from),
        Err(e) => Err(clienteling_domain::Invalid::field("/name", e.to_string()).into()),
    };
    match result {
        Ok(()) => Redirect::to("/setup/attributes?saved=1").into_response(),
        Err(e @ (ApiError::Invalid(_) | ApiError::Conflict(_))) => {
            match page(&state, &who, None).await {
                Ok(mut p) => {
                    p.new_error = Some(match e {
                        ApiError::Invalid(i) => {
                            i.0.first()
                                .map(|f| p.tr.message(&f.message))
                                .unwrap_or_default()
                        }
                        other => p.tr.message(&other.to_string()),
                    });
                    (StatusCode::UNPROCESSABLE_ENTITY, render(&p)).into_response()
                }
                Err(e) => page_error(e, Some(Nav::new(&who, "attributes"))),
            }
        }
        Err(e) => page_error(e, Some(Nav::new(&who, "attributes"))),
    }
}

/// The rows as submitted, with the button's operation applied.
fn rows_from(pairs: &[(String, String)]) -> Vec<AttributeInput> {
    let all = |k: &str| {
        pairs
            .iter()
            .filter(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .collect::<Vec<_>>()
    };
    let (names, kinds, values, refinable) = (
        all("attr_name"),
        all("attr_kind"),
        all("attr_values"),
        all("attr_refinable"),
    );
    let mut rows: Vec<AttributeInput> = names
        .iter()
        .enumerate()
        .map(|(i, n)| AttributeInput {
            name: n.clone(),
            kind: kinds
                .get(i)
                .and_then(|k| AttributeKind::parse(k))
                .unwrap_or(AttributeKind::Text),
            values: values
                .get(i)
                .map(|v| {
                    v.split(',')
                        .map(|s| s.trim().to_owned())
                        .filter(|s| !s.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
            refinable: refinable.get(i).is_some_and(|r| r == "true"),
            display_order: 0,
        })
        .collect();
    apply_op(&mut rows, field(pairs, "op").unwrap_or("save"));
    for (i, r) in rows.iter_mut().enumerate() {
        r.display_order = i as i32 + 1;
    }
    rows
}

fn apply_op(rows: &mut Vec<AttributeInput>, op: &str) {
    let index = |s: &str| s.parse::<usize>().ok().filter(|i| *i < rows.len());
    match op.split_once(':') {
        Some(("up", i)) => {
            if let Some(i) = index(i).filter(|i| *i > 0) {
                rows.swap(i, i - 1);
            }
        }
        Some(("down", i)) => {
            if let Some(i) = index(i).filter(|i| i + 1 < rows.len()) {
                rows.swap(i, i + 1);
            }
        }
        Some(("delete", i)) => {
            if let Some(i) = index(i) {
                rows.remove(i);
            }
        }
        _ if op == "add" => rows.push(AttributeInput {
            name: format!("attribute_{}", rows.len() + 1),
            kind: AttributeKind::Text,
            values: vec![],
            refinable: false,
            display_order: 0,
        }),
        _ => {}
    }
}

async fn update(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    if let Err(r) = guard(
        &state,
        &who,
        field(&pairs, "_csrf"),
        Permission::ManageSetup,
        "attributes",
    )
    .await
    {
        return r;
    }
    let nav = || Some(Nav::new(&who, "attributes"));
    let Ok(gid) = id.parse::<AttributeGroupId>() else {
        return page_error(ApiError::NotFound("attribute group".into()), nav());
    };
    let rows = rows_from(&pairs);
    let name = field(&pairs, "group_name")
        .unwrap_or_default()
        .trim()
        .to_owned();
    let saved = async {
        let attrs = parse_attributes(&rows, "/attributes")?;
        let name = Name::parse(&name)
            .map_err(|e| clienteling_domain::Invalid::field("/name", e.to_string()))?;
        let before = state
            .store
            .attribute_group(who.company, gid)
            .await
            .map_err(crate::error::not_found("attribute group"))?;
        state
            .store
            .update_attribute_group(who.company, gid, Some(name.as_str()), Some(&attrs))
            .await?;
        crate::service::rename_in_settings(&state, who.company, &before.name, name.as_str())
            .await?;
        crate::audit::record(
            &state,
            &who,
            "attribute_group.update",
            crate::audit::Outcome::Ok,
            None,
            serde_json::json!({"group": gid}),
        )
        .await;
        Ok::<_, ApiError>(())
    }
    .await;
    match saved {
        Ok(()) => Redirect::to("/setup/attributes?saved=1").into_response(),
        Err(ApiError::Invalid(i)) => invalid(&state, &who, &id, &name, &rows, i.0).await,
        Err(e) => page_error(e, nav()),
    }
}

/// Re-show the editor with the submitted rows of group `id` and their errors.
async fn invalid(
    state: &AppState,
    who: &Principal,
    id: &str,
    name: &str,
    rows: &[AttributeInput],
    errors: Vec<FieldError>,
) -> Response {
    let mut p = match page(state, who, None).await {
        Ok(p) => p,
        Err(e) => return page_error(e, Some(Nav::new(who, "attributes"))),
    };
    let tr = p.tr;
    let err = |ptr: String| {
        errors
            .iter()
            .find(|e| e.pointer == ptr)
            .map(|e| tr.message(&e.message))
    };
    if let Some(g) = p.groups.iter_mut().find(|g| g.id == id) {
        g.name = name.to_owned();
        g.rows = rows
            .iter()
            .enumerate()
            .map(|(i, r)| Row {
                name: r.name.clone(),
                kind: r.kind.as_str().into(),
                values: r.values.join(", "),
                refinable: r.refinable,
                name_error: err(format!("/attributes/{i}/name")),
                values_error: err(format!("/attributes/{i}/values")),
            })
            .collect();
        g.errors = errors.clone();
    }
    (StatusCode::UNPROCESSABLE_ENTITY, render(&p)).into_response()
}
