//! Measures from an external insights provider, keyed by alternate customer
//! id: pushed with `PUT /measures`, or pulled from the configured URL with
//! the secret named in settings (read from the environment or a file).

use crate::error::{ApiError, ApiResult};
use clienteling_domain::ids::CompanyId;
use clienteling_domain::settings::InsightsProvider;
use clienteling_store::Store;
use serde::Serialize;
use std::time::Duration;
use utoipa::ToSchema;

/// One measure from an external provider.
#[derive(Debug, serde::Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExternalMeasure {
    /// The customer's id at the provider.
    pub alternate_customer_id: String,
    /// Measure name (`churn_probability`, `p_alive`, `expected_purchases`, `expected_value`, `rfm_segment`, `next_best_action`).
    pub measure: String,
    /// A number, or a label for segment and action.
    #[schema(value_type = Object)]
    pub value: serde_json::Value,
    /// Optional one-line explanation.
    #[serde(default)]
    pub explanation: Option<String>,
}

/// Outcome of a bulk upsert.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeasuresResult {
    /// Measures stored.
    pub updated: u64,
    /// Alternate ids that match no customer.
    pub unknown: Vec<String>,
}

/// Upsert measures for the customers whose alternate ids are known.
pub async fn import(
    store: &dyn Store,
    company: CompanyId,
    items: &[ExternalMeasure],
) -> ApiResult<MeasuresResult> {
    if items.len() > 10_000 {
        return Err(
            clienteling_domain::Invalid::field("", "at most 10,000 measures per request").into(),
        );
    }
    let rows = external_rows(items)?;
    let ids: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
    let known: std::collections::HashMap<String, clienteling_domain::ids::CustomerId> = store
        .customers_by_alternate_id(company, &ids)
        .await?
        .into_iter()
        .collect();
    let now = clienteling_domain::time_util::now_micros();
    let mut unknown = Vec::new();
    let mut out = Vec::with_capacity(rows.len());
    for (alt, mut row) in rows {
        match known.get(&alt) {
            Some(c) => {
                row.customer = *c;
                row.computed_at = now;
                out.push(row);
            }
            None if !unknown.contains(&alt) => unknown.push(alt),
            None => {}
        }
    }
    let updated = store.put_measures(&out).await?;
    Ok(MeasuresResult { updated, unknown })
}

/// Pull measures from the provider's URL (a JSON array of [`ExternalMeasure`],
/// fetched with `Authorization: Bearer <secret>`) and store them.
pub async fn pull(
    store: &dyn Store,
    company: CompanyId,
    p: &InsightsProvider,
) -> Result<serde_json::Value, String> {
    let name = p.secret_name.as_deref().unwrap_or_default();
    let secret = crate::provider::secret(name)
        .ok_or_else(|| format!("no secret in ${name} or ${name}_FILE"))?;
    let url = p.url.as_deref().ok_or("no provider URL")?;
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(60))
        .build()
        .map_err(|e| e.to_string())?;
    let res = client
        .get(url)
        .bearer_auth(secret)
        .send()
        .await
        .map_err(|_| "the provider could not be reached".to_owned())?;
    if !res.status().is_success() {
        return Err(format!("the provider answered {}", res.status()));
    }
    let items: Vec<ExternalMeasure> = res
        .json()
        .await
        .map_err(|e| format!("the provider sent unreadable measures: {e}"))?;
    let mut updated = 0;
    let mut unknown = Vec::new();
    for chunk in items.chunks(10_000) {
        let r = import(store, company, chunk)
            .await
            .map_err(|e: ApiError| e.problem().detail + &format!(" {:?}", e.problem().errors))?;
        updated += r.updated;
        unknown.extend(r.unknown);
    }
    Ok(
        serde_json::json!({"source": "external", "measures_written": updated, "unknown_alternate_ids": unknown.len()}),
    )
}

/// Validate external measures into rows (customer filled in later).
fn external_rows(
    items: &[ExternalMeasure],
) -> ApiResult<Vec<(String, clienteling_store::MeasureRow)>> {
    use clienteling_domain::settings::Measure;
    let mut c = clienteling_domain::error::Collector::default();
    let mut out = Vec::with_capacity(items.len());
    for (i, m) in items.iter().enumerate() {
        let Some(kind) = Measure::parse(&m.measure) else {
            c.push(&format!("/{i}/measure"), "unknown measure");
            continue;
        };
        let labelled = matches!(kind, Measure::RfmSegment | Measure::NextBestAction);
        let (num, text) = match (&m.value, labelled) {
            (serde_json::Value::Number(n), false) => (n.as_f64(), None),
            (serde_json::Value::String(s), true) if s.chars().count() <= 200 => {
                (None, Some(s.clone()))
            }
            _ => {
                c.push(
                    &format!("/{i}/value"),
                    if labelled {
                        "must be a label (text)"
                    } else {
                        "must be a number"
                    },
                );
                continue;
            }
        };
        if m.alternate_customer_id.is_empty() || m.alternate_customer_id.len() > 500 {
            c.push(
                &format!("/{i}/alternate_customer_id"),
                "must be 1-500 characters",
            );
            continue;
        }
        let row = clienteling_store::MeasureRow {
            customer: clienteling_domain::ids::CustomerId(uuid::Uuid::nil()),
            measure: m.measure.clone(),
            value_num: num,
            value_text: text,
            explanation: m.explanation.clone(),
            computed_at: 0,
        };
        out.push((m.alternate_customer_id.clone(), row));
    }
    c.finish()?;
    Ok(out)
}
