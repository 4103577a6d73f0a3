//! Appointments: a customer meets an associate at a store, from a start time
//! for a duration, for a purpose. Validation of what a client sends, the
//! status life cycle, and the overlap rule that forbids double booking.

use crate::Invalid;
use crate::activity::{multiline, parse_time};
use crate::error::Collector;
use serde::{Deserialize, Serialize};

/// Longest purpose text.
pub const MAX_PURPOSE: usize = 500;
/// Shortest and longest appointment, in minutes.
pub const DURATION_MINUTES: std::ops::RangeInclusive<u32> = 5..=480;
/// Microseconds in a minute.
pub const MINUTE_MICROS: i64 = 60_000_000;

/// Where an appointment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Booked, not yet held.
    Booked,
    /// The customer came.
    Held,
    /// Cancelled (frees the slot).
    Cancelled,
    /// The customer did not come.
    NoShow,
}

impl Status {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Booked => "booked",
            Status::Held => "held",
            Status::Cancelled => "cancelled",
            Status::NoShow => "no_show",
        }
    }

    /// Parse a wire name.
    pub fn parse(s: &str) -> Result<Self, &'static str> {
        match s.trim() {
            "booked" => Ok(Status::Booked),
            "held" => Ok(Status::Held),
            "cancelled" => Ok(Status::Cancelled),
            "no_show" => Ok(Status::NoShow),
            _ => Err("must be booked, held, cancelled or no_show"),
        }
    }

    /// Whether the appointment takes the associate's time (blocks the slot).
    pub fn blocks(self) -> bool {
        matches!(self, Status::Booked | Status::Held)
    }
}

/// Whether `[a, a + a_len)` and `[b, b + b_len)` overlap (touching ends do not).
pub fn overlaps(a: i64, a_len: i64, b: i64, b_len: i64) -> bool {
    a < b + b_len && b < a + a_len
}

/// An appointment's timing and purpose as a client sends them.
#[derive(Debug, Clone, Default)]
pub struct RawSlot {
    /// Start (RFC 3339).
    pub start: Option<String>,
    /// End (RFC 3339); an alternative to `duration_minutes`.
    pub end: Option<String>,
    /// Duration in minutes.
    pub duration_minutes: Option<u32>,
    /// Purpose.
    pub purpose: Option<String>,
    /// Status.
    pub status: Option<String>,
}

/// Validated timing and purpose; every field optional (for a PATCH).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Slot {
    /// Start (µs).
    pub start: Option<i64>,
    /// Duration in minutes.
    pub duration_minutes: Option<u32>,
    /// Purpose.
    pub purpose: Option<String>,
    /// Status.
    pub status: Option<Status>,
}

fn duration(m: u32) -> Result<u32, String> {
    if DURATION_MINUTES.contains(&m) {
        Ok(m)
    } else {
        Err(format!(
            "must be {} to {} minutes",
            DURATION_MINUTES.start(),
            DURATION_MINUTES.end()
        ))
    }
}

impl Slot {
    /// Validate; `end` must come after `start` (422 at `/end`). Errors point
    /// at `/start`, `/end`, `/duration_minutes`, `/purpose`, `/status`.
    pub fn parse(raw: &RawSlot) -> Result<Self, Invalid> {
        let mut c = Collector::default();
        let start = c
            .opt("/start", raw.start.as_deref().map(parse_time))
            .flatten();
        let end = c.opt("/end", raw.end.as_deref().map(parse_time)).flatten();
        let mut minutes = c
            .opt("/duration_minutes", raw.duration_minutes.map(duration))
            .flatten();
        if let (Some(s), Some(e)) = (start, end) {
            if e <= s {
                c.push("/end", "must be after the start");
            } else {
                let m = u32::try_from((e - s) / MINUTE_MICROS).unwrap_or(u32::MAX);
                minutes = c.take("/end", duration(m));
            }
        }
        let purpose = c
            .opt(
                "/purpose",
                raw.purpose.as_deref().map(|p| multiline(p, MAX_PURPOSE)),
            )
            .flatten();
        let status = c
            .opt("/status", raw.status.as_deref().map(Status::parse))
            .flatten();
        c.finish()?;
        Ok(Slot {
            start,
            duration_minutes: minutes,
            purpose,
            status,
        })
    }

    /// Validate a new appointment: start and purpose are required, the
    /// duration defaults to 30 minutes.
    pub fn parse_new(raw: &RawSlot) -> Result<Self, Invalid> {
        let mut s = Self::parse(raw)?;
        let mut c = Collector::default();
        if s.start.is_none() {
            c.push("/start", "is required");
        }
        if s.purpose.is_none() {
            c.push("/purpose", "is required");
        }
        c.finish()?;
        s.duration_minutes = s.duration_minutes.or(Some(30));
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(start: &str, end: Option<&str>) -> RawSlot {
        RawSlot {
            start: Some(start.into()),
            end: end.map(Into::into),
            purpose: Some("Fitting".into()),
            ..RawSlot::default()
        }
    }

    #[test]
    fn touching_appointments_do_not_overlap() {
        assert!(!overlaps(0, 10, 10, 10));
        assert!(overlaps(0, 11, 10, 10));
        assert!(overlaps(5, 1, 0, 10));
    }

    #[test]
    fn an_end_before_the_start_points_at_end() {
        let e = Slot::parse_new(&raw("2026-05-01T10:00:00Z", Some("2026-05-01T09:00:00Z")))
            .unwrap_err();
        assert_eq!(e.0[0].pointer, "/end");
    }

    #[test]
    fn an_end_sets_the_duration_and_default_is_thirty_minutes() {
        let s =
            Slot::parse_new(&raw("2026-05-01T10:00:00Z", Some("2026-05-01T11:00:00Z"))).unwrap();
        assert_eq!(s.duration_minutes, Some(60));
        let s = Slot::parse_new(&raw("2026-05-01T10:00:00Z", None)).unwrap();
        assert_eq!(s.duration_minutes, Some(30));
    }

    #[test]
    fn start_and_purpose_are_required() {
        let e = Slot::parse_new(&RawSlot::default()).unwrap_err();
        assert_eq!(e.0.len(), 2);
        assert!(Status::parse("maybe").is_err());
        assert!(!Status::Cancelled.blocks());
    }
}
