//! Field formats shared by import and export: times (RFC 3339 in UTC on
//! export; RFC 3339, `YYYY-MM-DD HH:MM[:SS]` as UTC or `YYYY-MM-DD` as
//! midnight UTC on import), money in major units with two decimals, and
//! booleans.

use clienteling_domain::time_util::{from_micros, to_micros};
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

/// Parse a time into microseconds since the epoch.
pub fn parse_time(s: &str) -> Result<i64, String> {
    let bad = || format!("{s:?} is not a time like 2025-03-31T14:05:00Z or 2025-03-31");
    if s.len() == 10 {
        let d = clienteling_domain::attributes::parse_date(s).map_err(|_| bad())?;
        return Ok(to_micros(d.midnight().assume_utc()));
    }
    let mut t = s.to_owned();
    if t.len() > 10 && t.as_bytes()[10] == b' ' {
        t.replace_range(10..11, "T");
    }
    if t.len() == 16 {
        t.push_str(":00");
    }
    let has_offset = t.ends_with(['Z', 'z']) || t.get(19..).is_some_and(|r| r.contains(['+', '-']));
    if !has_offset {
        t.push('Z');
    }
    OffsetDateTime::parse(&t, &Rfc3339)
        .map(to_micros)
        .map_err(|_| bad())
}

/// Format microseconds since the epoch as RFC 3339 in UTC.
pub fn format_time(micros: i64) -> String {
    from_micros(micros)
        .to_offset(UtcOffset::UTC)
        .format(&Rfc3339)
        .unwrap_or_default()
}

/// Parse an amount in major units (`12`, `12.5`, `-3.20`; `,` as the decimal
/// mark too) into minor units (×100).
pub fn parse_amount(s: &str) -> Result<i64, String> {
    let bad = || format!("{s:?} is not an amount like 12.50");
    let t = s.replace(',', ".");
    let (neg, t) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.as_str()),
    };
    let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
    let digits = |d: &str| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || frac.len() > 2 || (!frac.is_empty() && !digits(frac)) {
        return Err(bad());
    }
    let whole: i64 = whole.parse().map_err(|_| bad())?;
    let cents: i64 = format!("{frac:0<2}").parse().map_err(|_| bad())?;
    let minor = whole
        .checked_mul(100)
        .and_then(|w| w.checked_add(cents))
        .ok_or_else(bad)?;
    Ok(if neg { -minor } else { minor })
}

/// Format minor units as major units with two decimals.
pub fn format_amount(minor: i64) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// Parse a yes/no value; empty is no.
pub fn parse_bool(s: &str) -> Result<bool, String> {
    match s.to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" | "1" | "on" => Ok(true),
        "false" | "no" | "n" | "0" | "off" | "" => Ok(false),
        _ => Err(format!("{s:?} is not true or false")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_round_trip_and_plain_dates_are_midnight_utc() {
        let t = parse_time("2025-03-31T14:05:06.123456Z").unwrap();
        assert_eq!(format_time(t), "2025-03-31T14:05:06.123456Z");
        assert_eq!(
            parse_time("2025-03-31 14:05").unwrap(),
            parse_time("2025-03-31T14:05:00Z").unwrap()
        );
        assert_eq!(
            parse_time("2025-03-31T16:05:00+02:00").unwrap(),
            parse_time("2025-03-31T14:05:00").unwrap()
        );
        assert_eq!(
            format_time(parse_time("2025-03-31").unwrap()),
            "2025-03-31T00:00:00Z"
        );
        assert!(parse_time("31.3.2025").is_err());
        assert!(parse_time("2025-02-30").is_err());
    }

    #[test]
    fn amounts_are_major_units_with_at_most_two_decimals() {
        assert_eq!(parse_amount("12").unwrap(), 1200);
        assert_eq!(parse_amount("12.5").unwrap(), 1250);
        assert_eq!(parse_amount("12,05").unwrap(), 1205);
        assert_eq!(parse_amount("-0.07").unwrap(), -7);
        assert!(parse_amount("1.234").is_err());
        assert!(parse_amount("abc").is_err());
        assert!(parse_amount("").is_err());
        assert_eq!(format_amount(-7), "-0.07");
        assert_eq!(format_amount(123_400), "1234.00");
    }

    #[test]
    fn booleans_accept_the_usual_spellings() {
        assert!(parse_bool("Yes").unwrap());
        assert!(!parse_bool("").unwrap());
        assert!(parse_bool("maybe").is_err());
    }
}
