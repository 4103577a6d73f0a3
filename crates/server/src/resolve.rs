//! Turning codes and names from requests into ids, recording unknown ones as
//! field errors.

use crate::error::ApiResult;
use crate::state::AppState;
use clienteling_domain::error::Collector;
use clienteling_domain::ids::{AddressBookId, CompanyId, RoleId, StoreId};

/// Address-book ids for `codes`; unknown codes become errors at `pointer/i`.
pub async fn address_books(
    state: &AppState,
    company: CompanyId,
    codes: &[String],
    pointer: &str,
    c: &mut Collector,
) -> ApiResult<Vec<AddressBookId>> {
    if codes.is_empty() {
        return Ok(Vec::new());
    }
    let all = state.store.list_address_books(company).await?;
    Ok(pick(codes, pointer, c, |code| {
        all.iter().find(|b| b.code.as_str() == code).map(|b| b.id)
    }))
}

/// Store ids for `codes`.
pub async fn stores(
    state: &AppState,
    company: CompanyId,
    codes: &[String],
    pointer: &str,
    c: &mut Collector,
) -> ApiResult<Vec<StoreId>> {
    if codes.is_empty() {
        return Ok(Vec::new());
    }
    let all = state.store.list_stores(company).await?;
    Ok(pick(codes, pointer, c, |code| {
        all.iter().find(|s| s.code.as_str() == code).map(|s| s.id)
    }))
}

/// The role named `name`.
pub async fn role(
    state: &AppState,
    company: CompanyId,
    name: &str,
    pointer: &str,
    c: &mut Collector,
) -> ApiResult<Option<RoleId>> {
    let roles = state.store.list_roles(company).await?;
    let found = roles
        .iter()
        .find(|r| r.name.as_str() == name.trim().to_lowercase())
        .map(|r| r.id);
    if found.is_none() {
        c.push(pointer, format!("no role named {name:?}"));
    }
    Ok(found)
}

fn pick<T>(
    codes: &[String],
    pointer: &str,
    c: &mut Collector,
    find: impl Fn(&str) -> Option<T>,
) -> Vec<T> {
    let mut out = Vec::with_capacity(codes.len());
    for (i, code) in codes.iter().enumerate() {
        match find(&code.trim().to_lowercase()) {
            Some(id) => out.push(id),
            None => c.push(&format!("{pointer}/{i}"), format!("no such code {code:?}")),
        }
    }
    out
}
