//! The company's time zone: IANA names resolved against the tz database
//! embedded in the binary (jiff's bundled copy), so times show the same on
//! every machine. A zone is resolved once and kept for the life of the
//! process (there are only a few hundred names), which keeps [`super::Tr`]
//! `Copy`. Times stay `time` values at the boundaries: only the civil
//! fields of a microsecond timestamp in a zone come from here.

use jiff::Timestamp;
use jiff::tz::TimeZone;
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

/// A resolved time zone (UTC when unknown).
pub type Zone = &'static TimeZone;

static ZONES: LazyLock<Mutex<HashMap<String, Zone>>> = LazyLock::new(Default::default);
static UTC: LazyLock<TimeZone> = LazyLock::new(|| TimeZone::UTC);

/// UTC.
pub fn utc() -> Zone {
    &UTC
}

/// The zone named `name`, or UTC if the database does not know it.
pub fn zone(name: &str) -> Zone {
    let Ok(mut cache) = ZONES.lock() else {
        return utc();
    };
    if let Some(z) = cache.get(name).copied() {
        return z;
    }
    match jiff::tz::db().get(name) {
        Ok(tz) => {
            let z: Zone = Box::leak(Box::new(tz));
            cache.insert(name.to_owned(), z);
            z
        }
        Err(_) => utc(),
    }
}

/// Civil date and time of a microsecond timestamp in `zone`:
/// `(year, month, day, hour, minute)`.
pub fn civil(zone: Zone, micros: i64) -> Option<(i32, u8, u8, u8, u8)> {
    let ts = Timestamp::from_microsecond(micros).ok()?;
    let dt = zone.to_datetime(ts);
    Some((
        i32::from(dt.year()),
        u8::try_from(dt.month()).ok()?,
        u8::try_from(dt.day()).ok()?,
        u8::try_from(dt.hour()).ok()?,
        u8::try_from(dt.minute()).ok()?,
    ))
}

/// The zone's offset from UTC at a microsecond timestamp, in microseconds
/// (0 for a timestamp out of range).
pub fn offset_micros(zone: Zone, micros: i64) -> i64 {
    Timestamp::from_microsecond(micros)
        .map(|ts| i64::from(zone.to_offset(ts).seconds()) * 1_000_000)
        .unwrap_or(0)
}

/// The calendar date of a microsecond timestamp in `zone`.
pub fn date(zone: Zone, micros: i64) -> Option<time::Date> {
    let (y, m, d, _, _) = civil(zone, micros)?;
    time::Date::from_calendar_date(y, time::Month::try_from(m).ok()?, d).ok()
}

/// The instant (µs) of a civil date and time in `zone`, as typed into a
/// `datetime-local` field (`2026-12-01T10:00`, seconds optional). A time
/// skipped by a clock change is taken as the later offset's time.
pub fn parse_local(zone: Zone, text: &str) -> Option<i64> {
    let dt: jiff::civil::DateTime = text.trim().parse().ok()?;
    let ts = zone.to_timestamp(dt).ok()?;
    Some(ts.as_microsecond())
}
