//! Who may see and book which appointments: associates their own; managers
//! (`view_store_client_books`) also those at the stores they work at; HQ
//! (`manage_setup`) every store's.

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::timeline::bad_param;
use clienteling_domain::Invalid;
use clienteling_domain::Permission;
use clienteling_domain::ids::{AssociateId, StoreId};
use clienteling_store::{Appointment, Principal};

fn is_manager(who: &Principal) -> bool {
    who.can(Permission::ViewStoreClientBooks)
}

fn is_hq(who: &Principal) -> bool {
    who.can(Permission::ManageSetup)
}

/// Codes of the stores the associate works at.
pub async fn my_store_codes(state: &AppState, who: &Principal) -> ApiResult<Vec<String>> {
    Ok(state
        .store
        .associate(who.company, who.associate)
        .await?
        .stores)
}

/// 404 unless `who` may see `a` (a 404, not a 403: others' appointments are not revealed).
pub async fn check_visible(state: &AppState, who: &Principal, a: &Appointment) -> ApiResult<()> {
    if a.associate == who.associate || is_hq(who) {
        return Ok(());
    }
    if is_manager(who) && my_store_codes(state, who).await?.contains(&a.store_code) {
        return Ok(());
    }
    Err(ApiError::NotFound("appointment".into()))
}

/// An associate by id or username.
pub async fn find_associate(
    state: &AppState,
    who: &Principal,
    raw: &str,
) -> ApiResult<Option<AssociateId>> {
    let all = state.store.list_associates(who.company).await?;
    let wanted = raw.trim().parse::<AssociateId>().ok();
    let name = raw.trim().to_lowercase();
    Ok(all
        .iter()
        .find(|a| Some(a.id) == wanted || a.username.as_str() == name)
        .map(|a| a.id))
}

/// The associate an appointment is booked for: the caller by default;
/// another one needs `view_store_client_books` (403) and must exist (422).
pub async fn resolve_associate(
    state: &AppState,
    who: &Principal,
    raw: Option<&str>,
) -> ApiResult<AssociateId> {
    let Some(raw) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(who.associate);
    };
    let Some(id) = find_associate(state, who, raw).await? else {
        return Err(Invalid::field("/associate", "no such associate").into());
    };
    if id != who.associate && !is_manager(who) {
        return Err(ApiError::Forbidden("view_store_client_books".into()));
    }
    Ok(id)
}

/// The store of a booking: the given code (422 if unknown) or the caller's current store.
pub async fn resolve_store(
    state: &AppState,
    who: &Principal,
    raw: Option<&str>,
) -> ApiResult<StoreId> {
    let Some(code) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return who
            .store
            .ok_or_else(|| Invalid::field("/store", "is required").into());
    };
    let all = state.store.list_stores(who.company).await?;
    all.iter()
        .find(|s| s.code.as_str() == code.to_lowercase())
        .map(|s| s.id)
        .ok_or_else(|| Invalid::field("/store", "no such store").into())
}

/// What a calendar listing may show.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    /// Only this associate's.
    pub associate: Option<AssociateId>,
    /// Only at these stores (empty: every store).
    pub stores: Vec<StoreId>,
}

impl Scope {
    /// The scope of a listing: an associate sees their own (asking for
    /// another's is a 403); a manager any associate's at their stores or a
    /// store they work at (403 for other stores); HQ anything.
    pub async fn of(
        state: &AppState,
        who: &Principal,
        associate: Option<&str>,
        store: Option<&str>,
    ) -> ApiResult<Scope> {
        let associate = match associate.map(str::trim).filter(|s| !s.is_empty()) {
            Some(raw) => Some(
                find_associate(state, who, raw)
                    .await?
                    .ok_or_else(|| bad_param("associate", "no such associate"))?,
            ),
            None => None,
        };
        if !is_manager(who) && !is_hq(who) {
            if associate.is_some_and(|a| a != who.associate) {
                return Err(ApiError::Forbidden("view_store_client_books".into()));
            }
            return Ok(Scope {
                associate: Some(who.associate),
                stores: store_ids(state, who, store, None).await?,
            });
        }
        let allowed = if is_hq(who) {
            None
        } else {
            Some(my_store_codes(state, who).await?)
        };
        let stores = store_ids(state, who, store, allowed.clone()).await?;
        // A manager of no store sees only their own appointments.
        let own = allowed.is_some() && stores.is_empty();
        Ok(Scope {
            associate: if own { Some(who.associate) } else { associate },
            stores,
        })
    }
}

/// Store ids for a filter: the one asked for (400 if unknown, 403 if not
/// allowed), else every allowed store (`None`: all).
async fn store_ids(
    state: &AppState,
    who: &Principal,
    store: Option<&str>,
    allowed: Option<Vec<String>>,
) -> ApiResult<Vec<StoreId>> {
    let all = state.store.list_stores(who.company).await?;
    match store.map(str::trim).filter(|s| !s.is_empty()) {
        Some(code) => {
            let code = code.to_lowercase();
            let s = all
                .iter()
                .find(|s| s.code.as_str() == code)
                .ok_or_else(|| bad_param("store", "no such store"))?;
            if allowed.as_ref().is_some_and(|a| !a.contains(&code)) {
                return Err(ApiError::Forbidden("view_store_client_books".into()));
            }
            Ok(vec![s.id])
        }
        None => Ok(match allowed {
            Some(codes) => all
                .iter()
                .filter(|s| codes.iter().any(|c| c == s.code.as_str()))
                .map(|s| s.id)
                .collect(),
            None => Vec::new(),
        }),
    }
}
