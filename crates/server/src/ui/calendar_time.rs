//! Calendar helpers in the company's time zone: the instants bounding a
//! range of local days, RFC 3339 times back to microseconds, and the
//! double-booking clash told in the viewer's language (the API's 409
//! detail is English; the form names the other appointment itself).

use crate::appointments;
use crate::i18n::Tr;
use crate::state::AppState;
use clienteling_domain::time_util::to_micros;
use clienteling_store::Principal;
use time::format_description::well_known::Rfc3339;
use time::{Date, Duration, OffsetDateTime};

/// RFC 3339 instants (from inclusive, to exclusive) of `n` local days
/// starting at `first`.
pub fn day_bounds(tr: &Tr, first: Date, n: i64) -> (String, String) {
    let at = |d: Date| {
        tr.parse_local(&format!("{d}T00:00"))
            .map(crate::fmt::rfc3339)
            .unwrap_or_else(|| format!("{d}T00:00:00Z"))
    };
    (at(first), at(first + Duration::days(n)))
}

/// Microseconds of an RFC 3339 time produced by the API (0 if malformed).
pub fn micros_of(rfc: &str) -> i64 {
    OffsetDateTime::parse(rfc, &Rfc3339)
        .map(to_micros)
        .unwrap_or(0)
}

/// The clash message of the booking form: who is busy, when, with whom.
/// The API's detail names the other appointment's id; if that cannot be
/// read back, its text is shown through the message translations.
pub async fn clash_text(state: &AppState, who: &Principal, tr: &Tr, detail: &str) -> String {
    let id = detail
        .split("(appointment ")
        .nth(1)
        .and_then(|rest| rest.split([',', ')']).next());
    let other = match id {
        Some(id) => appointments::get(state, who, id).await.ok(),
        None => None,
    };
    match other {
        Some(a) => tr.t_args(
            "appt-clash-with",
            &[
                ("associate", a.associate_name.as_str().into()),
                ("date", tr.date(tr.local_date(a.start)).into()),
                ("from", tr.time(a.start).into()),
                ("to", tr.time(a.end).into()),
                ("customer", a.customer_name.as_str().into()),
            ],
        ),
        None => tr.t1("appt-clash", "detail", tr.message(detail)),
    }
}
