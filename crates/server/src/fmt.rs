//! Formatting helpers shared by the API and the UI.

use clienteling_domain::time_util::from_micros;
use time::format_description::well_known::Rfc3339;

/// RFC 3339 of a microsecond timestamp.
pub fn rfc3339(micros: i64) -> String {
    from_micros(micros).format(&Rfc3339).unwrap_or_default()
}
