//! The JSON API under `/api/v1`, assembled with its OpenAPI document.

pub mod activities;
pub mod appointments;
pub mod attribute_groups;
pub mod attribution;
pub mod audit_log;
pub mod auth;
pub mod client_books;
pub mod customer_profile;
pub mod customers;
pub mod follow_ups;
pub mod insights;
pub mod me;
pub mod message_templates;
pub mod notes;
pub mod org;
pub mod outreach;
pub mod page;
pub mod privacy;
pub mod purchases;
pub mod reassign;
pub mod settings;
pub mod store_books;

use crate::state::AppState;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;

#[derive(OpenApi)]
#[openapi(
    info(title = "clienteling", description = "Clienteling server JSON API (v1)."),
    modifiers(&BearerAuth),
    security(("bearer" = [])),
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// Every `/api/v1` route with its OpenAPI description.
pub fn router() -> OpenApiRouter<AppState> {
    let v1 = OpenApiRouter::new()
        .merge(auth::router())
        .merge(me::router())
        .merge(settings::router())
        .merge(org::router())
        .merge(customers::router())
        .merge(audit_log::router())
        .merge(attribute_groups::router())
        .merge(client_books::router())
        .merge(reassign::router())
        .merge(store_books::router())
        .merge(customer_profile::router())
        .merge(activities::router())
        .merge(notes::router())
        .merge(purchases::router())
        .merge(insights::router())
        .merge(privacy::router())
        .merge(follow_ups::router())
        .merge(message_templates::router())
        .merge(outreach::router())
        .merge(appointments::router())
        .merge(attribution::router());
    OpenApiRouter::with_openapi(ApiDoc::openapi()).nest("/api/v1", v1)
}
