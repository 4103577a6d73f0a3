//! Automatic follow-up rules, as HQ edits them, and their evaluation for one
//! customer on one day. Each generated follow-up carries an *occasion* key
//! (rule + the event it is about) so that re-running the rules, on any
//! server process, never creates the same follow-up twice.

use crate::attributes::parse_date;
use crate::error::Collector;
use serde::{Deserialize, Serialize};
use time::{Date, Duration};

/// One rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum FollowUpRule {
    /// A date attribute (birthday, anniversary, …) comes up in `days_ahead` days.
    DateAttribute {
        /// The date attribute's name.
        attribute: String,
        /// How many days before the date the follow-up is due.
        days_ahead: u32,
    },
    /// Thank the customer `days_after` days after a purchase.
    ThankYou {
        /// Days after the purchase.
        days_after: u32,
    },
    /// A client-book customer has had no contact for `days` days.
    StayInTouch {
        /// Days without any activity.
        days: u32,
    },
    /// Churn probability above `threshold` (checked once per calendar month).
    Lapsed {
        /// Between 0 and 1.
        threshold: f64,
    },
}

/// What the rules know about one customer.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// Date attributes: `(name, YYYY-MM-DD)`.
    pub dates: Vec<(String, String)>,
    /// Day of the latest purchase.
    pub last_purchase: Option<Date>,
    /// Day of the latest activity (any contact).
    pub last_contact: Option<Date>,
    /// When the customer entered the client book (stay-in-touch starts there).
    pub in_book_since: Option<Date>,
    /// Latest churn probability.
    pub churn: Option<f64>,
}

/// A follow-up a rule asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    /// Idempotency key: the same occasion always gives the same key.
    pub occasion: String,
    /// When it is due.
    pub due: Date,
    /// Machine-readable reason (`birthday`, `thank_you`, `stay_in_touch`, `lapsed`).
    pub reason: String,
}

/// Check a rule table.
pub fn validate(rules: &[FollowUpRule]) -> Result<(), crate::Invalid> {
    let mut c = Collector::default();
    for (i, r) in rules.iter().enumerate() {
        match r {
            FollowUpRule::DateAttribute {
                attribute,
                days_ahead,
            } => {
                if attribute.trim().is_empty() {
                    c.push(&format!("/{i}/attribute"), "names a date attribute");
                }
                if *days_ahead > 366 {
                    c.push(&format!("/{i}/days_ahead"), "must be at most 366");
                }
            }
            FollowUpRule::ThankYou { days_after } if *days_after > 366 => {
                c.push(&format!("/{i}/days_after"), "must be at most 366")
            }
            FollowUpRule::StayInTouch { days } if *days == 0 || *days > 3660 => {
                c.push(&format!("/{i}/days"), "must be between 1 and 3660")
            }
            FollowUpRule::Lapsed { threshold } if !(0.0..=1.0).contains(threshold) => {
                c.push(&format!("/{i}/threshold"), "must be between 0 and 1")
            }
            _ => {}
        }
    }
    c.finish()
}

/// The follow-ups `rules` ask for on `today`.
pub fn evaluate(rules: &[FollowUpRule], facts: &Facts, today: Date) -> Vec<Due> {
    rules
        .iter()
        .filter_map(|r| evaluate_one(r, facts, today))
        .collect()
}

fn evaluate_one(rule: &FollowUpRule, f: &Facts, today: Date) -> Option<Due> {
    match rule {
        FollowUpRule::DateAttribute {
            attribute,
            days_ahead,
        } => {
            let stored = f
                .dates
                .iter()
                .find(|(n, _)| n == attribute)
                .map(|(_, d)| d)?;
            let next = next_occurrence(parse_date(stored).ok()?, today)?;
            let due = next - Duration::days(i64::from(*days_ahead));
            (due <= today).then(|| Due {
                occasion: format!("{attribute}:{next}"),
                due: today,
                reason: attribute.clone(),
            })
        }
        FollowUpRule::ThankYou { days_after } => {
            let bought = f.last_purchase?;
            let due = bought + Duration::days(i64::from(*days_after));
            (due <= today && today - bought <= Duration::days(i64::from(*days_after) + 30)).then(
                || Due {
                    occasion: format!("thank_you:{bought}"),
                    due,
                    reason: "thank_you".into(),
                },
            )
        }
        FollowUpRule::StayInTouch { days } => {
            let since = f.last_contact.or(f.in_book_since)?;
            let due = since + Duration::days(i64::from(*days));
            (due <= today).then(|| Due {
                occasion: format!("stay_in_touch:{since}"),
                due,
                reason: "stay_in_touch".into(),
            })
        }
        FollowUpRule::Lapsed { threshold } => {
            let churn = f.churn?;
            (churn > *threshold).then(|| Due {
                occasion: format!("lapsed:{}-{:02}", today.year(), u8::from(today.month())),
                due: today,
                reason: "lapsed".into(),
            })
        }
    }
}

/// The next anniversary of `date` on or after `today` (Feb 29 on Feb 28 in non-leap years).
pub fn next_occurrence(date: Date, today: Date) -> Option<Date> {
    for year in [today.year(), today.year() + 1] {
        let day = if date.month() == time::Month::February
            && date.day() == 29
            && !time::util::is_leap_year(year)
        {
            28
        } else {
            date.day()
        };
        let d = Date::from_calendar_date(year, date.month(), day).ok()?;
        if d >= today {
            return Some(d);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn facts() -> Facts {
        Facts {
            dates: vec![("birthday".into(), "1990-12-05".into())],
            ..Default::default()
        }
    }

    #[test]
    fn a_birthday_is_due_from_n_days_ahead_with_one_occasion_per_year() {
        let rule = [FollowUpRule::DateAttribute {
            attribute: "birthday".into(),
            days_ahead: 7,
        }];
        assert!(evaluate(&rule, &facts(), date!(2026 - 11 - 27)).is_empty());
        let due = evaluate(&rule, &facts(), date!(2026 - 11 - 28));
        assert_eq!(due[0].occasion, "birthday:2026-12-05");
        let later = evaluate(&rule, &facts(), date!(2026 - 12 - 03));
        assert_eq!(
            later[0].occasion, due[0].occasion,
            "the same occasion on every run"
        );
    }

    #[test]
    fn the_window_wraps_at_the_year_end_and_feb_29_falls_on_feb_28() {
        let f = Facts {
            dates: vec![("birthday".into(), "1988-01-02".into())],
            ..Default::default()
        };
        let rule = [FollowUpRule::DateAttribute {
            attribute: "birthday".into(),
            days_ahead: 7,
        }];
        assert_eq!(
            evaluate(&rule, &f, date!(2026 - 12 - 30))[0].occasion,
            "birthday:2027-01-02"
        );
        assert_eq!(
            next_occurrence(date!(1988 - 02 - 29), date!(2027 - 02 - 01)),
            Some(date!(2027 - 02 - 28))
        );
        assert_eq!(
            next_occurrence(date!(1988 - 02 - 29), date!(2028 - 02 - 01)),
            Some(date!(2028 - 02 - 29))
        );
    }

    #[test]
    fn thank_you_stay_in_touch_and_lapsed() {
        let f = Facts {
            last_purchase: Some(date!(2026 - 11 - 20)),
            last_contact: Some(date!(2026 - 09 - 01)),
            churn: Some(0.8),
            ..Default::default()
        };
        let rules = [
            FollowUpRule::ThankYou { days_after: 3 },
            FollowUpRule::StayInTouch { days: 60 },
            FollowUpRule::Lapsed { threshold: 0.5 },
        ];
        let due = evaluate(&rules, &f, date!(2026 - 11 - 25));
        let keys: Vec<_> = due.iter().map(|d| d.occasion.as_str()).collect();
        assert_eq!(
            keys,
            [
                "thank_you:2026-11-20",
                "stay_in_touch:2026-09-01",
                "lapsed:2026-11"
            ]
        );
        let contacted = Facts {
            last_contact: Some(date!(2026 - 11 - 01)),
            ..f
        };
        assert!(
            evaluate(&rules[1..2], &contacted, date!(2026 - 11 - 25)).is_empty(),
            "any contact resets stay-in-touch"
        );
    }

    #[test]
    fn bad_rules_point_at_the_field() {
        let e = validate(&[
            FollowUpRule::Lapsed { threshold: 2.0 },
            FollowUpRule::StayInTouch { days: 0 },
        ])
        .unwrap_err();
        let ptrs: Vec<_> = e.0.iter().map(|e| e.pointer.as_str()).collect();
        assert_eq!(ptrs, ["/0/threshold", "/1/days"]);
        let rules: Vec<FollowUpRule> =
            serde_json::from_str(r#"[{"kind":"thank_you","days_after":2}]"#).unwrap();
        assert_eq!(rules, [FollowUpRule::ThankYou { days_after: 2 }]);
    }
}
