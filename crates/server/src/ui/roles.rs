//! Custom roles on the organisation page: a name and permission checkboxes;
//! validation errors (bad name, no permission, name taken) show next to the
//! fields, the rest of the organisation page stays as it was.

use super::organisation::page;
use super::{Nav, UiAuth, allow, check_csrf, page_error, render};
use crate::error::ApiError;
use crate::i18n::Tr;
use crate::state::AppState;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::{Form, Router};
use clienteling_domain::Permission;
use clienteling_domain::error::Collector;
use clienteling_domain::text::Code;
use clienteling_store::Principal;

/// Role routes.
pub fn router() -> Router<AppState> {
    Router::new().route("/setup/roles", post(create))
}

/// The new-role form: typed name, every permission with its label and
/// whether it is ticked, and the field errors.
#[derive(Default)]
pub struct RoleForm {
    /// The typed name.
    pub name: String,
    /// `(wire name, label, checked)` of every permission.
    pub perms: Vec<(String, String, bool)>,
    /// Error next to the name.
    pub name_error: Option<String>,
    /// Error next to the permissions.
    pub perms_error: Option<String>,
}

impl RoleForm {
    /// The form with `name` and `checked` permissions filled in.
    pub fn new(tr: &Tr, name: &str, checked: &[Permission]) -> Self {
        RoleForm {
            name: name.to_owned(),
            perms: Permission::ALL
                .iter()
                .map(|p| {
                    (
                        p.as_str().to_owned(),
                        tr.label_or("permission", p.as_str(), p.as_str()),
                        checked.contains(p),
                    )
                })
                .collect(),
            ..Default::default()
        }
    }
}

fn value<'a>(pairs: &'a [(String, String)], k: &str) -> &'a str {
    pairs
        .iter()
        .find(|(n, _)| n == k)
        .map(|(_, v)| v.as_str())
        .unwrap_or_default()
}

async fn create(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Form(p): Form<Vec<(String, String)>>,
) -> Response {
    if let Err(r) = check_csrf(&who, Some(value(&p, "_csrf"))) {
        return r;
    }
    if let Err(r) = allow(&state, &who, Permission::ManageSetup, "organisation").await {
        return r;
    }
    let name = value(&p, "name").trim().to_owned();
    let perms: Vec<Permission> = p
        .iter()
        .filter(|(k, _)| k == "permissions")
        .filter_map(|(_, v)| Permission::parse(v))
        .collect();
    let result = if perms.is_empty() {
        let mut c = Collector::default();
        if let Err(e) = Code::parse(&name) {
            c.push("/name", e.to_string());
        }
        c.push("/permissions", "choose at least one permission");
        c.finish().map_err(ApiError::from)
    } else {
        crate::api::org::create_role_as(&state, &who, &name, &perms)
            .await
            .map(|_| ())
    };
    match result {
        Ok(()) => Redirect::to("/setup/organisation?saved=1#roles-h").into_response(),
        Err(e) => with_errors(&state, &who, &name, &perms, e).await,
    }
}

/// The organisation page again, with the role form's errors.
async fn with_errors(
    state: &AppState,
    who: &Principal,
    name: &str,
    perms: &[Permission],
    e: ApiError,
) -> Response {
    let tr = Tr::of(who);
    let status = e.status();
    let mut form = RoleForm::new(&tr, name, perms);
    match e {
        ApiError::Invalid(i) => {
            for err in i.0 {
                let text = Some(tr.message(&err.message));
                if err.pointer == "/permissions" {
                    form.perms_error = text;
                } else {
                    form.name_error = text;
                }
            }
        }
        ApiError::Conflict(m) => form.name_error = Some(tr.message(&m)),
        other => return page_error(other, Some(Nav::new(who, "organisation"))),
    }
    match page(state, who, &[], &[]).await {
        Ok(mut p) => {
            p.role_form = form;
            p.problem = Some(tr.t("correct-fields"));
            (status, render(&p)).into_response()
        }
        Err(e) => page_error(e, Some(Nav::new(who, "organisation"))),
    }
}
