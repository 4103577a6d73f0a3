//! Pure domain of clienteling: typed ids, validated values ("parse, don't
//! validate"), permissions and roles, customers, settings and the client-card
//! slot rule. Knows nothing of HTTP or SQL.
#![forbid(unsafe_code)]

pub mod activity;
pub mod appointment;
pub mod attributes;
pub mod attribution;
pub mod card;
pub mod customer;
pub mod error;
pub mod filter;
pub mod follow_up;
pub mod ics;
pub mod ids;
pub mod org;
pub mod outreach;
pub mod permission;
pub mod settings;
pub mod text;
pub mod time_util;

pub use error::{FieldError, Invalid};
pub use permission::Permission;
