//! HQ setup of the organisation: stores, address books, roles and associates
//! (all manage_setup).

use crate::audit::{self, Outcome};
use crate::auth::password;
use crate::error::{ApiResult, Problem, not_found};
use crate::extract::{Can, Json, perm};
use crate::resolve;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use clienteling_domain::error::Collector;
use clienteling_domain::ids::AssociateId;
use clienteling_domain::org::{
    AddressBook, Associate, AssociatePatch, NewAssociate, Role, Store, parse_locale,
};
use clienteling_domain::text::{Code, Name, Password, Username};
use clienteling_domain::{Invalid, Permission};
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

/// Routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_stores, create_store))
        .routes(routes!(list_address_books, create_address_book))
        .routes(routes!(list_roles, create_role))
        .routes(routes!(list_associates, create_associate))
        .routes(routes!(update_associate))
}

/// A new store.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StoreInput {
    /// Code, unique in the company.
    pub code: String,
    /// Display name.
    pub name: String,
    /// Codes of its address books.
    #[serde(default)]
    pub address_books: Vec<String>,
}

/// A new address book.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AddressBookInput {
    /// Code, unique in the company.
    pub code: String,
    /// Display name.
    pub name: String,
}

/// A new role.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleInput {
    /// Name, unique in the company.
    pub name: String,
    /// Operations it allows.
    pub permissions: Vec<Permission>,
}

/// A new associate.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssociateInput {
    /// Login name.
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// Initial password (8..=256 characters).
    pub password: String,
    /// Role name.
    pub role: String,
    /// Store codes.
    #[serde(default)]
    pub stores: Vec<String>,
    /// Address-book codes.
    #[serde(default)]
    pub address_books: Vec<String>,
    /// Preferred language (`en`, `fi`, `lt`).
    #[serde(default)]
    pub locale: Option<String>,
}

/// Changes to an associate.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssociateChange {
    /// Display name.
    pub display_name: Option<String>,
    /// Role name.
    pub role: Option<String>,
    /// Store codes (replaces).
    pub stores: Option<Vec<String>>,
    /// Address-book codes (replaces).
    pub address_books: Option<Vec<String>>,
    /// May sign in.
    pub active: Option<bool>,
    /// New password.
    pub password: Option<String>,
    /// Preferred language.
    pub locale: Option<String>,
}

/// All stores.
#[utoipa::path(get, path = "/stores", tag = "setup", responses((status = 200, body = Vec<Store>), (status = 403, body = Problem)))]
async fn list_stores(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ManageSetup>,
) -> ApiResult<axum::Json<Vec<Store>>> {
    Ok(axum::Json(state.store.list_stores(who.company).await?))
}

/// Create a store.
#[utoipa::path(post, path = "/stores", tag = "setup", request_body = StoreInput,
    responses((status = 201, body = Store), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn create_store(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ManageSetup>,
    Json(input): Json<StoreInput>,
) -> ApiResult<(StatusCode, axum::Json<Store>)> {
    let mut c = Collector::default();
    let code = c.take("/code", Code::parse(&input.code));
    let name = c.take("/name", Name::parse(&input.name));
    let books = resolve::address_books(
        &state,
        who.company,
        &input.address_books,
        "/address_books",
        &mut c,
    )
    .await?;
    c.finish()?;
    let (Some(code), Some(name)) = (code, name) else {
        unreachable_invalid()?
    };
    let store = state
        .store
        .create_store(who.company, &code, &name, &books)
        .await?;
    audit::record(
        &state,
        &who,
        "store.create",
        Outcome::Ok,
        None,
        serde_json::json!({"store": store.code}),
    )
    .await;
    Ok((StatusCode::CREATED, axum::Json(store)))
}

/// All address books.
#[utoipa::path(get, path = "/address-books", tag = "setup", responses((status = 200, body = Vec<AddressBook>), (status = 403, body = Problem)))]
async fn list_address_books(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ManageSetup>,
) -> ApiResult<axum::Json<Vec<AddressBook>>> {
    Ok(axum::Json(
        state.store.list_address_books(who.company).await?,
    ))
}

/// Create an address book.
#[utoipa::path(post, path = "/address-books", tag = "setup", request_body = AddressBookInput,
    responses((status = 201, body = AddressBook), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn create_address_book(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ManageSetup>,
    Json(input): Json<AddressBookInput>,
) -> ApiResult<(StatusCode, axum::Json<AddressBook>)> {
    let mut c = Collector::default();
    let code = c.take("/code", Code::parse(&input.code));
    let name = c.take("/name", Name::parse(&input.name));
    c.finish()?;
    let (Some(code), Some(name)) = (code, name) else {
        unreachable_invalid()?
    };
    let book = state
        .store
        .create_address_book(who.company, &code, &name)
        .await?;
    audit::record(
        &state,
        &who,
        "address_book.create",
        Outcome::Ok,
        None,
        serde_json::json!({"address_book": book.code}),
    )
    .await;
    Ok((StatusCode::CREATED, axum::Json(book)))
}

/// All roles.
#[utoipa::path(get, path = "/roles", tag = "setup", responses((status = 200, body = Vec<Role>), (status = 403, body = Problem)))]
async fn list_roles(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ManageSetup>,
) -> ApiResult<axum::Json<Vec<Role>>> {
    Ok(axum::Json(state.store.list_roles(who.company).await?))
}

/// Create a role.
#[utoipa::path(post, path = "/roles", tag = "setup", request_body = RoleInput,
    responses((status = 201, body = Role), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn create_role(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ManageSetup>,
    Json(input): Json<RoleInput>,
) -> ApiResult<(StatusCode, axum::Json<Role>)> {
    let role = create_role_as(&state, &who, &input.name, &input.permissions).await?;
    Ok((StatusCode::CREATED, axum::Json(role)))
}

/// Create the role `name` with `permissions` as `who` (audited); shared by the API and the UI.
pub async fn create_role_as(
    state: &AppState,
    who: &clienteling_store::Principal,
    name: &str,
    permissions: &[Permission],
) -> ApiResult<Role> {
    let name = Code::parse(name).map_err(|e| Invalid::field("/name", e.to_string()))?;
    let role = state
        .store
        .create_role(who.company, &name, permissions)
        .await?;
    audit::record(
        state,
        who,
        "role.create",
        Outcome::Ok,
        None,
        serde_json::json!({"role": role.name}),
    )
    .await;
    Ok(role)
}

/// All associates.
#[utoipa::path(get, path = "/associates", tag = "setup", responses((status = 200, body = Vec<Associate>), (status = 403, body = Problem)))]
async fn list_associates(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ManageSetup>,
) -> ApiResult<axum::Json<Vec<Associate>>> {
    Ok(axum::Json(state.store.list_associates(who.company).await?))
}

/// Create an associate.
#[utoipa::path(post, path = "/associates", tag = "setup", request_body = AssociateInput,
    responses((status = 201, body = Associate), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn create_associate(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ManageSetup>,
    Json(input): Json<AssociateInput>,
) -> ApiResult<(StatusCode, axum::Json<Associate>)> {
    let new = parse_new_associate(&state, &who, &input).await?;
    let a = state.store.create_associate(who.company, &new).await?;
    audit::record(
        &state,
        &who,
        "associate.create",
        Outcome::Ok,
        None,
        serde_json::json!({"associate": a.id}),
    )
    .await;
    Ok((StatusCode::CREATED, axum::Json(a)))
}

pub(crate) async fn parse_new_associate(
    state: &AppState,
    who: &clienteling_store::Principal,
    input: &AssociateInput,
) -> ApiResult<NewAssociate> {
    let mut c = Collector::default();
    let username = c.take("/username", Username::parse(&input.username));
    let display_name = c.take("/display_name", Name::parse(&input.display_name));
    let password = c.take("/password", Password::parse(&input.password));
    let locale = c
        .opt("/locale", input.locale.as_deref().map(parse_locale))
        .flatten();
    let role = resolve::role(state, who.company, &input.role, "/role", &mut c).await?;
    let stores = resolve::stores(state, who.company, &input.stores, "/stores", &mut c).await?;
    let address_books = resolve::address_books(
        state,
        who.company,
        &input.address_books,
        "/address_books",
        &mut c,
    )
    .await?;
    c.finish()?;
    let (Some(username), Some(display_name), Some(password), Some(role)) =
        (username, display_name, password, role)
    else {
        unreachable_invalid()?
    };
    let password_hash = password::hash(password.expose().to_owned()).await?;
    Ok(NewAssociate {
        username,
        display_name,
        password_hash,
        role,
        stores,
        address_books,
        locale,
    })
}

/// Change an associate: role, stores, address books, active, password, language.
#[utoipa::path(patch, path = "/associates/{id}", tag = "setup", request_body = AssociateChange,
    params(("id" = String, Path, description = "Associate id")),
    responses((status = 200, body = Associate), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn update_associate(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ManageSetup>,
    Path(id): Path<String>,
    Json(change): Json<AssociateChange>,
) -> ApiResult<axum::Json<Associate>> {
    let id: AssociateId = id
        .parse()
        .map_err(|_| crate::error::ApiError::NotFound("associate".into()))?;
    self_lockout(&who, id, &change)?;
    let patch = parse_patch(&state, &who, &change).await?;
    let a = state
        .store
        .update_associate(who.company, id, &patch)
        .await
        .map_err(not_found("associate"))?;
    let fields: Vec<&str> = changed_fields(&change);
    audit::record(
        &state,
        &who,
        "associate.update",
        Outcome::Ok,
        None,
        serde_json::json!({"associate": a.id, "fields": fields}),
    )
    .await;
    Ok(axum::Json(a))
}

pub(crate) async fn parse_patch(
    state: &AppState,
    who: &clienteling_store::Principal,
    ch: &AssociateChange,
) -> ApiResult<AssociatePatch> {
    let mut c = Collector::default();
    let display_name = c
        .opt("/display_name", ch.display_name.as_deref().map(Name::parse))
        .flatten();
    let password = c
        .opt("/password", ch.password.as_deref().map(Password::parse))
        .flatten();
    let locale = c
        .opt("/locale", ch.locale.as_deref().map(parse_locale))
        .flatten();
    let role = match &ch.role {
        Some(r) => resolve::role(state, who.company, r, "/role", &mut c).await?,
        None => None,
    };
    let stores = match &ch.stores {
        Some(s) => Some(resolve::stores(state, who.company, s, "/stores", &mut c).await?),
        None => None,
    };
    let address_books = match &ch.address_books {
        Some(b) => {
            Some(resolve::address_books(state, who.company, b, "/address_books", &mut c).await?)
        }
        None => None,
    };
    c.finish()?;
    let password_hash = match password {
        Some(p) => Some(password::hash(p.expose().to_owned()).await?),
        None => None,
    };
    Ok(AssociatePatch {
        display_name,
        role,
        stores,
        address_books,
        active: ch.active,
        password_hash,
        locale: locale.map(Some),
    })
}

fn changed_fields(ch: &AssociateChange) -> Vec<&'static str> {
    [
        ("display_name", ch.display_name.is_some()),
        ("role", ch.role.is_some()),
        ("stores", ch.stores.is_some()),
        ("address_books", ch.address_books.is_some()),
        ("active", ch.active.is_some()),
        ("password", ch.password.is_some()),
        ("locale", ch.locale.is_some()),
    ]
    .into_iter()
    .filter_map(|(n, set)| set.then_some(n))
    .collect()
}

/// After `Collector::finish` succeeded every parsed field is present; this
/// turns the impossible opposite into a 422 instead of a panic.
fn unreachable_invalid<T>() -> ApiResult<T> {
    Err(Invalid::field("", "invalid input").into())
}

/// An admin may not deactivate themselves or change their own role: that
/// could leave the company without anyone who can manage it.
pub(crate) fn self_lockout(
    who: &clienteling_store::Principal,
    id: AssociateId,
    change: &AssociateChange,
) -> ApiResult<()> {
    let demoted = change
        .role
        .as_deref()
        .is_some_and(|r| !r.trim().eq_ignore_ascii_case(&who.role));
    if id == who.associate && (change.active == Some(false) || demoted) {
        return Err(crate::error::ApiError::Conflict(
            "you cannot deactivate yourself or change your own role; ask another administrator"
                .into(),
        ));
    }
    Ok(())
}
