//! iCalendar (RFC 5545) text for one appointment: escaped values, CRLF line
//! ends, lines folded at 75 octets.

use crate::time_util::from_micros;

/// What an event shows.
#[derive(Debug, Clone)]
pub struct Event<'a> {
    /// Globally unique id (the appointment id).
    pub uid: &'a str,
    /// Start (µs).
    pub start: i64,
    /// End (µs).
    pub end: i64,
    /// Stamp (µs): when the file was made.
    pub stamp: i64,
    /// Title.
    pub summary: &'a str,
    /// Longer text.
    pub description: &'a str,
    /// Where.
    pub location: &'a str,
    /// Cancelled events say so.
    pub cancelled: bool,
}

fn utc(micros: i64) -> String {
    let t = from_micros(micros);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Escape a TEXT value.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Fold a content line at 75 octets (never inside a UTF-8 character).
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

/// The calendar file.
pub fn calendar(e: &Event<'_>) -> String {
    let lines = [
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//clienteling//appointments//EN".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}@clienteling", e.uid),
        format!("DTSTAMP:{}", utc(e.stamp)),
        format!("DTSTART:{}", utc(e.start)),
        format!("DTEND:{}", utc(e.end)),
        format!("SUMMARY:{}", escape(e.summary)),
        format!("DESCRIPTION:{}", escape(e.description)),
        format!("LOCATION:{}", escape(e.location)),
        format!(
            "STATUS:{}",
            if e.cancelled {
                "CANCELLED"
            } else {
                "CONFIRMED"
            }
        ),
        "END:VEVENT".to_owned(),
        "END:VCALENDAR".to_owned(),
    ];
    let mut out = String::new();
    for l in &lines {
        fold(l, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_is_escaped_folded_and_in_utc() {
        let long = "x".repeat(100);
        let e = Event {
            uid: "abc",
            start: 1_777_629_600_000_000,
            end: 1_777_631_400_000_000,
            stamp: 0,
            summary: "Fitting; suits, shirts",
            description: &long,
            location: "Tallinn\nCentre",
            cancelled: false,
        };
        let s = calendar(&e);
        assert!(s.contains("DTSTART:20260501T100000Z\r\n"));
        assert!(s.contains("SUMMARY:Fitting\\; suits\\, shirts\r\n"));
        assert!(s.contains("LOCATION:Tallinn\\nCentre\r\n"));
        assert!(s.lines().all(|l| l.len() <= 76));
        assert!(s.contains("\r\n x"));
        assert!(s.ends_with("END:VCALENDAR\r\n"));
    }
}
