//! The external insights provider check: its secret must be readable (from
//! the environment variable it names, or the file named by `NAME_FILE`) and
//! its URL must answer a signed request with a 2xx status.

use crate::error::ApiError;
use clienteling_domain::Invalid;
use clienteling_domain::settings::{InsightsProvider, ProviderKind};
use std::time::Duration;

/// Read a secret by name: `$NAME`, or the contents of the file `$NAME_FILE`.
pub fn secret(name: &str) -> Option<String> {
    if let Ok(v) = std::env::var(name) {
        return Some(v);
    }
    let path = std::env::var(format!("{name}_FILE")).ok()?;
    std::fs::read_to_string(path)
        .ok()
        .map(|s| s.trim().to_owned())
}

/// Check a provider before it is enabled.
pub async fn check(p: &InsightsProvider) -> Result<(), ApiError> {
    if p.provider != ProviderKind::External {
        return Ok(());
    }
    let name = p.secret_name.as_deref().unwrap_or_default();
    let Some(token) = secret(name) else {
        let msg = format!("no secret found in ${name} or the file named by ${name}_FILE");
        return Err(Invalid::field("/insights/secret_name", msg).into());
    };
    let url = p.url.as_deref().unwrap_or_default();
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    match client.get(url).bearer_auth(token).send().await {
        Ok(r) if r.status().is_success() => Ok(()),
        Ok(r) => Err(Invalid::field(
            "/insights/url",
            format!("the provider answered {}", r.status()),
        )
        .into()),
        Err(_) => Err(Invalid::field("/insights/url", "the provider could not be reached").into()),
    }
}
