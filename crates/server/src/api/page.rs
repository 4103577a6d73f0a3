//! Cursor paging shared by every list: `?limit=` (default 50, max 500) and an
//! opaque `?cursor=`; responses are `{items, next_cursor}`.

use crate::error::ApiError;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Default page size.
pub const DEFAULT_LIMIT: u32 = 50;
/// Largest page size.
pub const MAX_LIMIT: u32 = 500;

/// A page of items.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    /// The items.
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; `null` on the last one.
    pub next_cursor: Option<String>,
}

/// Validate `limit`.
pub fn limit(l: Option<u32>) -> Result<u32, ApiError> {
    match l.unwrap_or(DEFAULT_LIMIT) {
        n @ 1..=MAX_LIMIT => Ok(n),
        _ => Err(ApiError::BadRequest {
            detail: format!("limit must be between 1 and {MAX_LIMIT}"),
            errors: vec![clienteling_domain::FieldError {
                pointer: "/limit".into(),
                message: format!("must be between 1 and {MAX_LIMIT}"),
            }],
        }),
    }
}

/// Encode a sort key as an opaque cursor.
pub fn encode<T: Serialize>(key: &T) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(key).unwrap_or_default())
}

/// Decode a cursor produced by [`encode`].
pub fn decode<T: DeserializeOwned>(cursor: Option<&str>) -> Result<Option<T>, ApiError> {
    let Some(c) = cursor else { return Ok(None) };
    URL_SAFE_NO_PAD
        .decode(c)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .map(Some)
        .ok_or_else(|| ApiError::bad_request("cursor is not valid; start again without it"))
}

/// Build a page: fetch `limit + 1` rows, and if the extra one came, cut it
/// and point the cursor at the last row kept.
pub fn paginate<R, T, K: Serialize>(
    mut rows: Vec<R>,
    limit: u32,
    key: impl Fn(&R) -> K,
    map: impl Fn(R) -> T,
) -> Page<T> {
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next_cursor = if more {
        rows.last().map(|r| encode(&key(r)))
    } else {
        None
    };
    Page {
        items: rows.into_iter().map(map).collect(),
        next_cursor,
    }
}

/// The common paging query parameters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct PageParams {
    /// Page size (1..=500, default 50).
    pub limit: Option<u32>,
    /// Cursor from the previous page.
    pub cursor: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_garbage_is_rejected() {
        let c = encode(&("a", 1));
        assert_eq!(
            decode::<(String, i32)>(Some(&c)).unwrap(),
            Some(("a".into(), 1))
        );
        assert!(decode::<(String, i32)>(Some("!!")).is_err());
        assert!(limit(Some(0)).is_err());
        assert!(limit(Some(501)).is_err());
        assert_eq!(limit(None).unwrap(), 50);
    }

    #[test]
    fn paginate_cuts_the_extra_row() {
        let p = paginate(vec![1, 2, 3], 2, |r| *r, |r| r * 10);
        assert_eq!(p.items, vec![10, 20]);
        assert_eq!(decode::<i32>(p.next_cursor.as_deref()).unwrap(), Some(2));
        let last = paginate(vec![1], 2, |r| *r, |r| r);
        assert!(last.next_cursor.is_none());
    }
}
