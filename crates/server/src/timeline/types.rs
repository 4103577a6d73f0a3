//! Activity types, managed by HQ. Always read from the database, never
//! cached, so a change is visible to every server process at once.

use crate::audit::{self, Outcome};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use clienteling_domain::activity::{ActivityType, ActivityTypePatch};
use clienteling_domain::error::Collector;
use clienteling_domain::text::{Code, Name};
use clienteling_store::{Principal, StoreError};

/// The answer to a store error about activity types.
fn store_error(e: StoreError) -> ApiError {
    match e {
        StoreError::NotFound => ApiError::NotFound("activity type".into()),
        StoreError::Conflict { constraint } if constraint == "activity_types_code_key" => {
            ApiError::Conflict("an activity type with this code already exists".into())
        }
        StoreError::Conflict { constraint } if constraint == "activity_types_in_use" => {
            ApiError::Conflict(
                "activities of this type exist; deactivate it (active: false) instead of deleting it"
                    .into(),
            )
        }
        other => other.into(),
    }
}

/// Every activity type of the company, active or not, by code.
pub async fn activity_types(state: &AppState, who: &Principal) -> ApiResult<Vec<ActivityType>> {
    Ok(state.store.list_activity_types(who.company).await?)
}

/// Create an activity type (409 on a duplicate code). Audited.
pub async fn create_activity_type(
    state: &AppState,
    who: &Principal,
    code: &str,
    name: &str,
    active: Option<bool>,
) -> ApiResult<ActivityType> {
    let mut c = Collector::default();
    let code = c.take("/code", Code::parse(code));
    let name = c.take("/name", Name::parse(name));
    c.finish()?;
    let (Some(code), Some(name)) = (code, name) else {
        return Err(ApiError::Internal("validated input missing".into()));
    };
    let t = state
        .store
        .create_activity_type(who.company, &code, &name, active.unwrap_or(true))
        .await
        .map_err(store_error)?;
    let detail = serde_json::json!({"activity_type": t.code, "active": t.active});
    audit::record(
        state,
        who,
        "activity_type.create",
        Outcome::Ok,
        None,
        detail,
    )
    .await;
    Ok(t)
}

/// Rename, recode, activate or deactivate a type. Old activities keep it. Audited.
pub async fn update_activity_type(
    state: &AppState,
    who: &Principal,
    code: &str,
    patch: &ActivityTypePatch,
) -> ApiResult<ActivityType> {
    let t = state
        .store
        .update_activity_type(who.company, &code.to_lowercase(), patch)
        .await
        .map_err(store_error)?;
    let detail = serde_json::json!({"activity_type": code, "code": t.code, "active": t.active});
    audit::record(
        state,
        who,
        "activity_type.update",
        Outcome::Ok,
        None,
        detail,
    )
    .await;
    Ok(t)
}

/// Delete a type no activity uses (409 otherwise: deactivate it instead). Audited.
pub async fn delete_activity_type(state: &AppState, who: &Principal, code: &str) -> ApiResult<()> {
    state
        .store
        .delete_activity_type(who.company, &code.to_lowercase())
        .await
        .map_err(store_error)?;
    let detail = serde_json::json!({"activity_type": code});
    audit::record(
        state,
        who,
        "activity_type.delete",
        Outcome::Ok,
        None,
        detail,
    )
    .await;
    Ok(())
}
