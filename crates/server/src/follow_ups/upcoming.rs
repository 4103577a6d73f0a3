//! Follow-ups and due activities in a client book's upcoming-events window,
//! merged by `books::upcoming` with the date-attribute events. An
//! appointment's due activity is left out when its reminder follow-up
//! (occasion `appointment/<id>`) is listed: the reminder shows once.

use crate::books::Upcoming;
use crate::error::ApiResult;
use crate::state::AppState;
use clienteling_domain::ids::CompanyId;
use clienteling_domain::time_util::{from_micros, to_micros};
use clienteling_store::{BookScope, FollowUpQuery, FollowUpStatusFilter};
use std::collections::HashSet;
use time::{Date, Duration, Time};

/// The book owner's open or snoozed follow-ups due in `[today, today + days]`
/// and the book's activities due then (a store book has none here), read
/// concurrently.
pub async fn due(
    state: &AppState,
    company: CompanyId,
    scope: &BookScope,
    today: Date,
    days: u32,
) -> ApiResult<Vec<Upcoming>> {
    let BookScope::Book(book_id) = scope else {
        return Ok(Vec::new());
    };
    let last = today + Duration::days(i64::from(days));
    let q = FollowUpQuery {
        book: Some(*book_id),
        status: FollowUpStatusFilter::Pending,
        due_from: Some(today),
        due_before: Some(last),
        limit: 500,
        ..Default::default()
    };
    let from = to_micros(today.with_time(Time::MIDNIGHT).assume_utc());
    let to = to_micros(
        (last + Duration::days(1))
            .with_time(Time::MIDNIGHT)
            .assume_utc(),
    );
    let (follow_ups, activities) = futures_util::future::try_join(
        state.store.list_follow_ups(company, &q),
        state.store.due_activities(company, *book_id, from, to),
    )
    .await?;
    let reminders: HashSet<String> = follow_ups
        .iter()
        .filter_map(|f| f.occasion.clone())
        .collect();
    let mut out: Vec<Upcoming> = follow_ups
        .into_iter()
        .map(|f| Upcoming {
            account: f.account,
            name: f.customer_name,
            event: f.reason,
            date: f.due.to_string(),
            in_days: (f.due - today).whole_days(),
            kind: "follow_up".into(),
            id: Some(f.id.to_string()),
        })
        .collect();
    for a in activities {
        if a.appointment
            .is_some_and(|id| reminders.contains(&format!("appointment/{id}")))
        {
            continue; // the appointment's reminder follow-up stands for it
        }
        let day = from_micros(a.due_at).date();
        out.push(Upcoming {
            account: a.account,
            name: a.customer_name,
            event: a.type_code,
            date: day.to_string(),
            in_days: (day - today).whole_days(),
            kind: "activity".into(),
            id: Some(a.id.to_string()),
        });
    }
    Ok(out)
}
