//! Client-book filters from query parameters: `attr.<name>=v1,v2` (any of),
//! `attr.<name>.min=` / `.max=` (numbers, dates), `q=` (name, e-mail, phone),
//! `event=<date attribute>&within_days=N` (month-day window). Parsed first,
//! then resolved against the selected attribute group into typed conditions.

use crate::attributes::{Attribute, AttributeKind, StoredValue, format_date};
use crate::error::Collector;
use crate::ids::AttributeId;
use time::{Date, Duration};

/// A condition as written in the query string.
#[derive(Debug, Clone, PartialEq)]
pub enum RawCond {
    /// Any of these values.
    AnyOf(Vec<String>),
    /// At least.
    Min(String),
    /// At most.
    Max(String),
}

/// Filter parameters before they are checked against the attribute group.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawFilter {
    /// Free text.
    pub q: Option<String>,
    /// `(attribute name, condition)`.
    pub attrs: Vec<(String, RawCond)>,
    /// `(date attribute, within days)`.
    pub event: Option<(String, u32)>,
}

/// Longest event window.
pub const MAX_WINDOW_DAYS: u32 = 366;

/// Read filter parameters, ignoring the names in `other` (paging etc.).
pub fn parse_params(
    params: &[(String, String)],
    other: &[&str],
) -> Result<RawFilter, crate::Invalid> {
    let mut c = Collector::default();
    let mut f = RawFilter::default();
    let mut event = None;
    let mut within = None;
    for (k, v) in params {
        match k.as_str() {
            "q" => f.q = Some(v.trim().to_owned()).filter(|s| !s.is_empty()),
            "event" => event = Some(v.trim().to_lowercase()),
            "within_days" => {
                within = c.take(
                    "/within_days",
                    v.parse::<u32>()
                        .map_err(|_| "must be a whole number of days"),
                )
            }
            k if other.contains(&k) => {}
            k => match k.strip_prefix("attr.") {
                Some(rest) => merge(&mut f.attrs, parse_attr(rest, v)),
                None => c.push(&format!("/{k}"), "is not a known filter"),
            },
        }
    }
    if let Some(days) = within.filter(|d| *d > MAX_WINDOW_DAYS) {
        c.push(
            "/within_days",
            format!("must be at most {MAX_WINDOW_DAYS}, not {days}"),
        );
    }
    match (event, within) {
        (Some(e), w) => f.event = Some((e, w.unwrap_or(30).min(MAX_WINDOW_DAYS))),
        (None, Some(_)) => c.push("/within_days", "needs event=<date attribute>"),
        (None, None) => {}
    }
    c.finish().map(|()| f)
}

/// Repeated `attr.<name>=v` parameters (checkboxes) mean any of their values.
fn merge(attrs: &mut Vec<(String, RawCond)>, (name, cond): (String, RawCond)) {
    if let RawCond::AnyOf(more) = &cond
        && let Some((_, RawCond::AnyOf(values))) = attrs
            .iter_mut()
            .find(|(n, c)| *n == name && matches!(c, RawCond::AnyOf(_)))
    {
        values.extend(more.iter().cloned());
        return;
    }
    attrs.push((name, cond));
}

fn parse_attr(rest: &str, v: &str) -> (String, RawCond) {
    if let Some(name) = rest.strip_suffix(".min") {
        (name.to_lowercase(), RawCond::Min(v.trim().to_owned()))
    } else if let Some(name) = rest.strip_suffix(".max") {
        (name.to_lowercase(), RawCond::Max(v.trim().to_owned()))
    } else {
        let values = v
            .split(',')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect();
        (rest.to_lowercase(), RawCond::AnyOf(values))
    }
}

/// A typed condition on one attribute.
#[derive(Debug, Clone, PartialEq)]
pub enum CondOp {
    /// Text value (text, enum, date, boolean) is one of these.
    TextIn(Vec<String>),
    /// Number is one of these.
    NumIn(Vec<f64>),
    /// Number at least.
    NumMin(f64),
    /// Number at most.
    NumMax(f64),
    /// Date at least (`YYYY-MM-DD` compares as text).
    TextMin(String),
    /// Date at most.
    TextMax(String),
}

/// A condition on one attribute.
#[derive(Debug, Clone, PartialEq)]
pub struct AttrCondition {
    /// Attribute.
    pub attribute: AttributeId,
    /// Condition.
    pub op: CondOp,
}

/// A filter ready for storage: every condition combined with AND.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CustomerFilter {
    /// Free text over name, e-mail, phone and account.
    pub q: Option<String>,
    /// Attribute conditions.
    pub conds: Vec<AttrCondition>,
    /// Date attribute whose month-day (`MM-DD`) is one of these.
    pub month_days: Option<(AttributeId, Vec<String>)>,
}

impl CustomerFilter {
    /// The same filter without conditions on `attribute` (for its own refiner counts).
    pub fn without(&self, attribute: AttributeId) -> CustomerFilter {
        CustomerFilter {
            q: self.q.clone(),
            conds: self
                .conds
                .iter()
                .filter(|c| c.attribute != attribute)
                .cloned()
                .collect(),
            month_days: self.month_days.clone(),
        }
    }
}

/// Check a raw filter against the attribute group, typing every value.
pub fn resolve(
    raw: &RawFilter,
    attrs: &[Attribute],
    today: Date,
) -> Result<CustomerFilter, crate::Invalid> {
    let mut c = Collector::default();
    let mut f = CustomerFilter {
        q: raw.q.clone(),
        ..Default::default()
    };
    for (name, cond) in &raw.attrs {
        let ptr = format!("/attr.{name}");
        match attrs.iter().find(|a| &a.name == name) {
            None => c.push(&ptr, "no such attribute in the selected group"),
            Some(a) => {
                if let Some(op) = c.take(&ptr, typed(a, cond)) {
                    f.conds.push(AttrCondition {
                        attribute: a.id,
                        op,
                    });
                }
            }
        }
    }
    if let Some((name, days)) = &raw.event {
        match attrs.iter().find(|a| &a.name == name) {
            Some(a) if a.kind == AttributeKind::Date => {
                f.month_days = Some((a.id, month_days(today, *days)))
            }
            Some(_) => c.push("/event", "must name a date attribute"),
            None => c.push("/event", "no such attribute in the selected group"),
        }
    }
    c.finish().map(|()| f)
}

fn typed(a: &Attribute, cond: &RawCond) -> Result<CondOp, String> {
    let one = |s: &str| a.parse_text(s)?.ok_or_else(|| "needs a value".to_owned());
    match (cond, a.kind) {
        (RawCond::AnyOf(vs), _) if vs.is_empty() => Err("needs at least one value".into()),
        (RawCond::AnyOf(vs), AttributeKind::Number) => vs
            .iter()
            .map(|v| num(one(v)?))
            .collect::<Result<_, _>>()
            .map(CondOp::NumIn),
        (RawCond::AnyOf(vs), _) => vs
            .iter()
            .map(|v| text(one(v)?))
            .collect::<Result<_, _>>()
            .map(CondOp::TextIn),
        (RawCond::Min(v), AttributeKind::Number) => num(one(v)?).map(CondOp::NumMin),
        (RawCond::Max(v), AttributeKind::Number) => num(one(v)?).map(CondOp::NumMax),
        (RawCond::Min(v), AttributeKind::Date) => text(one(v)?).map(CondOp::TextMin),
        (RawCond::Max(v), AttributeKind::Date) => text(one(v)?).map(CondOp::TextMax),
        _ => Err(".min and .max apply to number and date attributes only".into()),
    }
}

fn num(v: StoredValue) -> Result<f64, String> {
    match v {
        StoredValue::Number(n) => Ok(n),
        StoredValue::Text(_) => Err("must be a number".into()),
    }
}

fn text(v: StoredValue) -> Result<String, String> {
    match v {
        StoredValue::Text(t) => Ok(t),
        StoredValue::Number(n) => Ok(n.to_string()),
    }
}

/// The month-days (`MM-DD`) from `today` through `today + days`, wrapping at
/// the year end. In a non-leap year Feb 29 birthdays are shown on Feb 28.
pub fn month_days(today: Date, days: u32) -> Vec<String> {
    let mut out = Vec::with_capacity(days as usize + 2);
    for i in 0..=i64::from(days) {
        let Some(d) = today.checked_add(Duration::days(i)) else {
            break;
        };
        let md = format_date(d)[5..].to_owned();
        if md == "02-28" && !time::util::is_leap_year(d.year()) {
            out.push("02-29".to_owned());
        }
        out.push(md);
    }
    out.sort();
    out.dedup();
    out
}

/// Days from `today` until the next occurrence of month-day `md` (`MM-DD`),
/// with Feb 29 falling on Feb 28 in non-leap years.
pub fn days_until(today: Date, md: &str) -> Option<i64> {
    (0..=366).find(|i| {
        today.checked_add(Duration::days(*i)).is_some_and(|d| {
            let cur = &format_date(d)[5..];
            cur == md || (md == "02-29" && cur == "02-28" && !time::util::is_leap_year(d.year()))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn params(s: &[(&str, &str)]) -> Vec<(String, String)> {
        s.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn params_become_conditions() {
        let f = parse_params(
            &params(&[
                ("attr.likes", "handbags, shoes"),
                ("attr.size.min", "38"),
                ("q", " ann "),
                ("limit", "5"),
            ]),
            &["limit"],
        )
        .unwrap();
        assert_eq!(f.q.as_deref(), Some("ann"));
        assert_eq!(
            f.attrs[0],
            (
                "likes".into(),
                RawCond::AnyOf(vec!["handbags".into(), "shoes".into()])
            )
        );
        assert_eq!(f.attrs[1], ("size".into(), RawCond::Min("38".into())));
        assert!(parse_params(&params(&[("colour", "red")]), &[]).is_err());
        let boxes =
            parse_params(&params(&[("attr.likes", "a"), ("attr.likes", "b")]), &[]).unwrap();
        assert_eq!(
            boxes.attrs,
            [("likes".into(), RawCond::AnyOf(vec!["a".into(), "b".into()]))]
        );
        assert!(parse_params(&params(&[("within_days", "30")]), &[]).is_err());
        assert!(
            parse_params(
                &params(&[("event", "birthday"), ("within_days", "400")]),
                &[]
            )
            .is_err()
        );
    }

    #[test]
    fn windows_wrap_at_the_year_end() {
        let md = month_days(date!(2026 - 12 - 30), 3);
        assert_eq!(md, ["01-01", "01-02", "12-30", "12-31"]);
    }

    #[test]
    fn feb_29_is_shown_on_feb_28_in_non_leap_years_only() {
        assert!(month_days(date!(2027 - 02 - 27), 1).contains(&"02-29".to_owned()));
        assert!(
            !month_days(date!(2028 - 02 - 27), 1).contains(&"02-29".to_owned())
                || month_days(date!(2028 - 02 - 27), 2).contains(&"02-29".to_owned())
        );
        assert!(!month_days(date!(2028 - 02 - 27), 1).contains(&"02-29".to_owned()));
        assert_eq!(days_until(date!(2027 - 02 - 27), "02-29"), Some(1));
        assert_eq!(days_until(date!(2028 - 02 - 27), "02-29"), Some(2));
        assert_eq!(days_until(date!(2026 - 12 - 31), "01-01"), Some(1));
    }

    // ---- property tests: filter parsing and the month-day window ----

    use proptest::prelude::*;
    use time::Month;

    /// Any date from 1900 through 2200 (leap years, centuries, year ends).
    fn any_date() -> impl Strategy<Value = Date> {
        let first = date!(1900 - 01 - 01).to_julian_day();
        let last = date!(2200 - 12 - 31).to_julian_day();
        (first..=last).prop_map(|j| Date::from_julian_day(j).unwrap())
    }

    /// Any valid month-day, `02-29` included.
    fn any_month_day() -> impl Strategy<Value = String> {
        (1u8..=12, 1u8..=31).prop_filter_map("no such day", |(m, d)| {
            let month = Month::try_from(m).ok()?;
            Date::from_calendar_date(2028, month, d)
                .ok()
                .map(|_| format!("{m:02}-{d:02}"))
        })
    }

    /// A query-string key: known names, prefixes with arbitrary tails, or anything.
    fn any_key() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("q".to_owned()),
            Just("event".to_owned()),
            Just("within_days".to_owned()),
            Just("limit".to_owned()),
            ".*".prop_map(|s| format!("attr.{s}")),
            ".*".prop_map(|s| format!("attr.{s}.min")),
            ".*".prop_map(|s| format!("attr.{s}.max")),
            ".*",
        ]
    }

    /// A value: numbers (also huge and negative), comma lists, or anything.
    fn any_value() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<i64>().prop_map(|n| n.to_string()),
            (0u32..1000).prop_map(|n| n.to_string()),
            "[ ,a-z0-9]{0,20}",
            ".*",
        ]
    }

    fn is_valid_month_day(md: &str) -> bool {
        let Some((m, d)) = md.split_once('-') else {
            return false;
        };
        let (Ok(m), Ok(d)) = (m.parse::<u8>(), d.parse::<u8>()) else {
            return false;
        };
        md.len() == 5
            && Month::try_from(m)
                .ok()
                .is_some_and(|m| Date::from_calendar_date(2028, m, d).is_ok())
    }

    proptest! {
        #[test]
        fn parse_params_never_panics(
            pairs in proptest::collection::vec((any_key(), any_value()), 0..8),
        ) {
            if let Ok(f) = parse_params(&pairs, &["limit", "cursor"]) {
                if let Some((_, days)) = f.event {
                    prop_assert!(days <= MAX_WINDOW_DAYS);
                }
                for (name, _) in &f.attrs {
                    prop_assert_eq!(name, &name.to_lowercase());
                }
            }
        }

        #[test]
        fn unknown_parameters_are_rejected(
            key in "[b-z][a-z_]{0,10}",
            value in ".*",
        ) {
            prop_assume!(!["q", "event", "within_days", "limit"].contains(&key.as_str()));
            prop_assert!(parse_params(&[(key, value)], &["limit"]).is_err());
        }

        #[test]
        fn month_day_windows_have_one_entry_per_day(
            today in any_date(),
            n in 0u32..=MAX_WINDOW_DAYS,
        ) {
            let md = month_days(today, n);
            // Up to a year, one distinct month-day per day, plus `02-29` shown on
            // a non-leap Feb 28; longer windows saturate at all 366 month-days.
            let least = (n as usize + 1).min(366);
            let most = n as usize + 2;
            prop_assert!(md.len() >= least && md.len() <= most, "{} entries, n={}", md.len(), n);
            prop_assert!(md.len() <= 366);
            prop_assert!(md.iter().all(|m| is_valid_month_day(m)), "{:?}", md);
            prop_assert!(md.windows(2).all(|w| w[0] < w[1]), "sorted and distinct");
            let first = format_date(today)[5..].to_owned();
            prop_assert!(md.contains(&first), "today {} not in {:?}", first, md);
        }

        #[test]
        fn month_day_windows_wrap_at_the_year_end(
            today in any_date(),
            n in 0u32..=MAX_WINDOW_DAYS,
        ) {
            let end = today + Duration::days(i64::from(n));
            let md = month_days(today, n);
            if end.year() > today.year() {
                prop_assert!(md.contains(&"12-31".to_owned()) && md.contains(&"01-01".to_owned()));
            }
            let last = format_date(end)[5..].to_owned();
            prop_assert!(md.contains(&last));
        }

        #[test]
        fn days_until_agrees_with_the_window(
            today in any_date(),
            n in 0u32..=MAX_WINDOW_DAYS,
            md in any_month_day(),
        ) {
            let window = month_days(today, n);
            let until = days_until(today, &md);
            // Every month-day (Feb 29 too, on Feb 28 in non-leap years)
            // comes round within a year.
            let in_a_year = until.is_some_and(|d| (0..=366).contains(&d));
            prop_assert!(in_a_year, "{} from {}: {:?}", md, today, until);
            let inside = until.is_some_and(|d| d <= i64::from(n));
            let shown = window.contains(&md);
            prop_assert_eq!(shown, inside, "{} from {} within {}: {:?}", md, today, n, until);
        }

        #[test]
        fn every_month_day_of_a_window_is_at_most_n_days_away(
            today in any_date(),
            n in 0u32..=MAX_WINDOW_DAYS,
        ) {
            for md in month_days(today, n) {
                let until = days_until(today, &md);
                let near = until.is_some_and(|d| d <= i64::from(n));
                prop_assert!(near, "{} from {} within {}: {:?}", md, today, n, until);
            }
        }
    }

    #[test]
    fn feb_29_windows_around_leap_days() {
        // Leap day itself, the day before it, and a non-leap Feb 28 (incl. 1900 and 2100).
        for today in [
            date!(2028 - 02 - 29),
            date!(2028 - 02 - 28),
            date!(1900 - 02 - 28),
            date!(2100 - 02 - 28),
            date!(2000 - 02 - 28),
        ] {
            let md = month_days(today, 0);
            let leap = time::util::is_leap_year(today.year());
            assert_eq!(
                md.contains(&"02-29".to_owned()),
                !leap || today.day() == 29,
                "{today}"
            );
            assert_eq!(
                days_until(today, "02-29").unwrap() == 0,
                !leap || today.day() == 29
            );
        }
    }
}
