//! The clienteling HTTP server: the JSON API under `/api/v1`, the
//! server-rendered UI, and the operational endpoints (`/healthz`, `/readyz`,
//! `/metrics`, `/openapi.json`).
#![forbid(unsafe_code)]

pub mod api;
pub mod appointments;
pub mod attribution;
pub mod audit;
pub mod auth;
pub mod books;
pub mod error;
pub mod external;
pub mod extract;
pub mod fmt;
pub mod follow_ups;
pub mod i18n;
pub mod insights;
pub mod kpis;
pub mod listen;
mod ops;
pub mod outreach;
pub mod privacy;
pub mod provider;
pub mod ratelimit;
pub mod resolve;
pub mod security;
pub mod service;
pub mod state;
mod telemetry;
pub mod timeline;
pub mod ui;

pub use state::{AppState, Config};

use axum::Router;
use clienteling_store::Store;
use std::future::Future;
use std::sync::Arc;
use tokio::net::TcpListener;

/// The whole application router over `state`, with its OpenAPI document.
pub fn app(state: AppState) -> Router {
    let (api, openapi) = api::router().split_for_parts();
    let openapi = Arc::new(openapi);
    let router = Router::new()
        .merge(api)
        .merge(ops::router(openapi))
        .merge(ui::router())
        .layer(axum::middleware::from_fn(i18n::scope));
    telemetry::apply(router).with_state(state)
}

/// The OpenAPI document (for tests and `clienteling openapi`).
pub fn openapi() -> utoipa::openapi::OpenApi {
    api::router().split_for_parts().1
}

/// Serve on `listener` until `shutdown` completes, then finish in-flight
/// requests and return.
pub async fn launch(
    store: Arc<dyn Store>,
    config: Config,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let worker = config
        .outbox
        .clone()
        .map(|cfg| tokio::spawn(outreach::worker::run(store.clone(), cfg, stopped)));
    let state = AppState::new(store, config);
    let rules = state
        .config
        .follow_up_rules_every
        .map(|every| follow_ups::task::spawn(state.clone(), every));
    let served = listen::serve(listener, app(state), shutdown).await;
    let _ = stop.send(true);
    if let Some(w) = worker {
        let _ = w.await;
    }
    if let Some(task) = rules {
        task.abort();
    }
    served
}
