//! Field parsers of the transactions CSV: dates (`YYYY-MM-DD` → day number
//! since 1970-01-01) and amounts (decimal major units → minor units ×100,
//! rounded half away from zero at the cent).

use clienteling_insights::Day;
use time::format_description::BorrowedFormatItem;
use time::macros::{date, format_description};
use time::{Date, Month};

/// `YYYY-MM-DD`.
const DATE_FORMAT: &[BorrowedFormatItem<'_>] = format_description!("[year]-[month]-[day]");
/// Julian day number of 1970-01-01 (day 0).
const EPOCH: i32 = date!(1970 - 01 - 01).to_julian_day();

/// Parses `YYYY-MM-DD` into days since 1970-01-01.
pub fn parse_day(text: &str) -> Result<Day, String> {
    Date::parse(text, DATE_FORMAT)
        .map(|d| d.to_julian_day() - EPOCH)
        .map_err(|e| format!("invalid date {text:?} ({e}; expected YYYY-MM-DD)"))
}

/// Like [`parse_day`] on raw bytes, with a fast path for well-formed dates.
pub fn parse_day_bytes(bytes: &[u8]) -> Result<Day, String> {
    fast_day(bytes)
        .ok_or(())
        .or_else(|()| match std::str::from_utf8(bytes) {
            Ok(text) => parse_day(text),
            Err(_) => Err(format!(
                "invalid date {:?} (expected YYYY-MM-DD)",
                String::from_utf8_lossy(bytes)
            )),
        })
}

/// `YYYY-MM-DD` with a valid calendar date, or `None`.
fn fast_day(bytes: &[u8]) -> Option<Day> {
    let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *bytes else {
        return None;
    };
    let number = |digits: &[u8]| {
        digits.iter().try_fold(0u16, |n, &b| {
            b.is_ascii_digit().then(|| n * 10 + u16::from(b - b'0'))
        })
    };
    let year = i32::from(number(&[y0, y1, y2, y3])?);
    let month = Month::try_from(u8::try_from(number(&[m0, m1])?).ok()?).ok()?;
    let day = u8::try_from(number(&[d0, d1])?).ok()?;
    let date = Date::from_calendar_date(year, month, day).ok()?;
    Some(date.to_julian_day() - EPOCH)
}

/// Parses a decimal amount in major units (`12.50`, `12`, `-3.5`, `.5`) into
/// minor units (×100), rounding half away from zero at the cent. Exponents,
/// `NaN`, infinities and thousands separators are rejected.
pub fn parse_amount(text: &str) -> Result<i64, String> {
    let invalid = || format!("invalid amount {text:?} (expected a number such as 12.50 or 12)");
    let (negative, unsigned) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !digits(whole) || !digits(fraction) {
        return Err(invalid());
    }
    let minor = minor_units(whole, fraction.as_bytes())
        .ok_or_else(|| format!("amount {text:?} is too large"))?;
    Ok(if negative { -minor } else { minor })
}

/// Like [`parse_amount`] on raw bytes.
pub fn parse_amount_bytes(bytes: &[u8]) -> Result<i64, String> {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_amount(text),
        Err(_) => Err(format!(
            "invalid amount {:?} (expected a number such as 12.50 or 12)",
            String::from_utf8_lossy(bytes)
        )),
    }
}

/// `whole.fraction` × 100, rounded half up on the third fraction digit;
/// `None` on overflow. Both parts are ASCII digits.
fn minor_units(whole: &str, fraction: &[u8]) -> Option<i64> {
    let digit = |i: usize| fraction.get(i).map_or(0, |b| i64::from(b - b'0'));
    let mut value: i64 = 0;
    for b in whole.bytes() {
        value = value.checked_mul(10)?.checked_add(i64::from(b - b'0'))?;
    }
    let cents = digit(0) * 10 + digit(1) + i64::from(digit(2) >= 5);
    value.checked_mul(100)?.checked_add(cents)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_become_minor_units() {
        let cases = [
            ("12.50", 1250),
            ("12", 1200),
            ("12.", 1200),
            (".5", 50),
            ("-3.5", -350),
            ("+0.01", 1),
            ("0.125", 13),
            ("-0.125", -13),
            ("0.1249", 12),
            ("1.999", 200),
            ("0", 0),
        ];
        for (text, minor) in cases {
            assert_eq!(parse_amount(text), Ok(minor), "{text}");
            assert_eq!(parse_amount_bytes(text.as_bytes()), Ok(minor), "{text}");
        }
        for bad in [
            "",
            ".",
            "-",
            "abc",
            "1e3",
            "NaN",
            "inf",
            "1,5",
            "1.2.3",
            "--1",
            "99999999999999999999",
        ] {
            assert!(parse_amount(bad).is_err(), "{bad}");
        }
        assert!(parse_amount_bytes(b"1\xff").is_err());
    }

    #[test]
    fn dates_become_day_numbers() {
        let cases = [
            ("1970-01-01", 0),
            ("1970-01-02", 1),
            ("1969-12-31", -1),
            ("2024-03-01", 19_783),
            ("2000-02-29", 11_016),
        ];
        for (text, day) in cases {
            assert_eq!(parse_day(text), Ok(day), "{text}");
            assert_eq!(parse_day_bytes(text.as_bytes()), Ok(day), "{text}");
        }
        for bad in [
            "",
            "2024-02-30",
            "2023-02-29",
            "2024-13-01",
            "2024-00-10",
            "24-01-01",
            "2024/01/01",
            "2024-01-01T00:00",
            "2024-1-01",
        ] {
            assert!(parse_day(bad).is_err(), "{bad}");
            assert!(parse_day_bytes(bad.as_bytes()).is_err(), "{bad}");
        }
        assert!(parse_day_bytes(b"2024-01-0\xff").is_err());
    }
}
