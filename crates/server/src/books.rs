//! Client-book use cases shared by the API and the UI: the clienteling
//! switch, the selected attributes, filters from query strings, client cards
//! and upcoming events.

use crate::api::page::{self, Page};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use clienteling_domain::attributes::{Attribute, AttributeKind, StoredValue};
use clienteling_domain::card::{AttributeCandidate, Slot, fill_slots};
use clienteling_domain::customer::Customer;
use clienteling_domain::filter::{self, CustomerFilter, days_until};
use clienteling_domain::ids::{AttributeId, CompanyId, CustomerId};
use clienteling_domain::settings::{BooksPerCustomer, Measure, Settings};
use clienteling_store::{BookScope, CustomerCursor, MeasureRow};
use serde::Serialize;
use std::collections::HashMap;
use time::{Date, OffsetDateTime};
use utoipa::ToSchema;

/// The settings, or 409 while clienteling is switched off.
pub async fn enabled_settings(state: &AppState, company: CompanyId) -> ApiResult<Settings> {
    let s = state.store.settings(company).await?;
    if s.clienteling_enabled {
        Ok(s)
    } else {
        Err(ApiError::Conflict("clienteling disabled".into()))
    }
}

/// The attributes of the group selected in settings (none if no group is selected).
pub async fn selected_attributes(
    state: &AppState,
    company: CompanyId,
    s: &Settings,
) -> ApiResult<Vec<Attribute>> {
    let Some(name) = &s.attribute_group else {
        return Ok(Vec::new());
    };
    Ok(state.store.group_attributes(company, name).await?)
}

/// The books-per-customer limit (`None`: unlimited).
pub fn limit(s: &Settings) -> Option<u32> {
    match s.books_per_customer {
        BooksPerCustomer::AtMost(n) => Some(n),
        BooksPerCustomer::Unlimited => None,
    }
}

/// Today's date (UTC).
pub fn today() -> Date {
    OffsetDateTime::now_utc().date()
}

/// Query-string pairs.
pub fn query_pairs(raw: Option<&str>) -> Vec<(String, String)> {
    form_urlencoded::parse(raw.unwrap_or_default().as_bytes())
        .into_owned()
        .collect()
}

/// The value of one query parameter.
pub fn param<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// A typed filter from query pairs (ignoring `other` parameters).
pub fn parse_filter(
    pairs: &[(String, String)],
    attrs: &[Attribute],
    other: &[&str],
) -> ApiResult<CustomerFilter> {
    let raw = filter::parse_params(pairs, other).map_err(bad_params)?;
    filter::resolve(&raw, attrs, today()).map_err(bad_params)
}

fn bad_params(i: clienteling_domain::Invalid) -> ApiError {
    let detail =
        i.0.iter()
            .map(|e| format!("{}: {}", &e.pointer[1..], e.message))
            .collect::<Vec<_>>()
            .join("; ");
    ApiError::BadRequest {
        detail: format!("invalid filter: {detail}"),
        errors: i.0,
    }
}

/// A client card: contact information and three slots.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Card {
    /// Account number.
    pub account: String,
    /// Display name.
    pub name: String,
    /// E-mail.
    pub email: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// Measures, then attributes, at most 3.
    #[schema(value_type = Vec<Object>)]
    pub slots: Vec<Slot>,
}

/// Everything needed to fill cards of a page of customers.
pub struct CardData {
    measures: HashMap<CustomerId, Vec<MeasureRow>>,
    values: HashMap<(CustomerId, AttributeId), StoredValue>,
}

impl CardData {
    /// Card data from rows already read: measures (those not on a card are
    /// ignored) and attribute values.
    pub fn from_rows(
        measure_rows: Vec<MeasureRow>,
        values: Vec<(CustomerId, AttributeId, StoredValue)>,
    ) -> CardData {
        let mut measures: HashMap<CustomerId, Vec<MeasureRow>> = HashMap::new();
        for m in measure_rows {
            measures.entry(m.customer).or_default().push(m);
        }
        let values = values.into_iter().map(|(c, a, v)| ((c, a), v)).collect();
        CardData { measures, values }
    }
}

/// Load the `measures` (those a card shows) and the attribute values of
/// `customers`, in at most two queries.
pub async fn card_data(
    state: &AppState,
    customers: &[Customer],
    measures: &[Measure],
) -> ApiResult<CardData> {
    let ids: Vec<CustomerId> = customers.iter().map(|c| c.id).collect();
    let names: Vec<&str> = measures.iter().map(|m| m.as_str()).collect();
    let measure_rows = state.store.measures_named(&ids, &names).await?;
    let values = state.store.customer_attributes(&ids).await?;
    Ok(CardData::from_rows(measure_rows, values))
}

/// Format a measure value for a card.
pub fn measure_text(m: &MeasureRow) -> Option<String> {
    match (&m.value_text, m.value_num) {
        (Some(t), _) => Some(t.clone()),
        (None, Some(n)) if m.measure.contains("probability") || m.measure == "p_alive" => {
            Some(format!("{:.0} %", n * 100.0))
        }
        (None, Some(n)) if m.measure == "expected_value" => Some(format!("{:.2} €", n / 100.0)),
        (None, Some(n)) => Some(format!("{n:.2}")),
        _ => None,
    }
}

/// The card of one customer under the slot rule.
pub fn card(c: &Customer, data: &CardData, s: &Settings, attrs: &[Attribute]) -> Card {
    let mine = data.measures.get(&c.id);
    let measures: Vec<(String, Option<String>)> = s
        .card_measures
        .iter()
        .map(|m| {
            (
                m.as_str().to_owned(),
                mine.and_then(|v| v.iter().find(|r| r.measure == m.as_str()))
                    .and_then(measure_text),
            )
        })
        .collect();
    let candidates: Vec<AttributeCandidate> = attrs
        .iter()
        .map(|a| AttributeCandidate {
            name: a.name.clone(),
            display_order: a.display_order,
            value: data.values.get(&(c.id, a.id)).map(StoredValue::display),
        })
        .collect();
    Card {
        account: c.account.to_string(),
        name: c.display_name(),
        email: c.email.clone(),
        phone: c.phone.clone(),
        slots: fill_slots(&measures, &candidates),
    }
}

/// One page of cards of a book or store book, under the settings `s`.
pub async fn card_page(
    state: &AppState,
    (company, s): (CompanyId, &Settings),
    scope: &BookScope,
    pairs: &[(String, String)],
) -> ApiResult<Page<Card>> {
    let attrs = selected_attributes(state, company, s).await?;
    let f = parse_filter(pairs, &attrs, &["limit", "cursor"])?;
    let limit = page::limit(
        param(pairs, "limit")
            .map(|l| {
                l.parse()
                    .map_err(|_| ApiError::bad_request("limit must be a number"))
            })
            .transpose()?,
    )?;
    let after = page::decode::<CustomerCursor>(param(pairs, "cursor"))?;
    let rows = state
        .store
        .list_book_customers(company, scope, &f, after.as_ref(), limit + 1)
        .await?;
    let data = card_data(state, &rows, &s.card_measures).await?;
    let key = |c: &Customer| CustomerCursor {
        l: c.last_name.clone(),
        f: c.first_name.clone(),
        a: c.account.to_string(),
    };
    Ok(page::paginate(rows, limit, key, |c| {
        card(&c, &data, s, &attrs)
    }))
}

/// Counts per value of one refinable attribute.
#[derive(Debug, Serialize, ToSchema)]
pub struct Refiner {
    /// Attribute name.
    pub attribute: String,
    /// Values with counts, most common first.
    pub values: Vec<RefinerValue>,
}

/// One value of a refiner.
#[derive(Debug, Serialize, ToSchema)]
pub struct RefinerValue {
    /// The value.
    pub value: String,
    /// Customers with it under the current filter.
    pub count: i64,
}

/// Refiners of a book or store book for the current filter; each attribute's
/// counts ignore that attribute's own condition so other values stay visible.
/// Attributes without a condition share the filter, so they are counted
/// together in one query; each conditioned one takes a query of its own.
pub async fn refiners(
    state: &AppState,
    (company, s): (CompanyId, &Settings),
    scope: &BookScope,
    pairs: &[(String, String)],
) -> ApiResult<Vec<Refiner>> {
    let attrs = selected_attributes(state, company, s).await?;
    let f = parse_filter(pairs, &attrs, &[])?;
    let refinable: Vec<&Attribute> = attrs.iter().filter(|a| a.refinable).collect();
    let (own, shared): (Vec<&Attribute>, Vec<&Attribute>) = refinable
        .iter()
        .partition(|a| f.conds.iter().any(|c| c.attribute == a.id));
    let ids: Vec<_> = shared.iter().map(|a| a.id).collect();
    let mut counts: HashMap<_, _> = state
        .store
        .facet_counts(company, scope, &f, &ids, MAX_REFINER_VALUES)
        .await?
        .into_iter()
        .collect();
    for a in own {
        let one = state
            .store
            .facet_counts(
                company,
                scope,
                &f.without(a.id),
                &[a.id],
                MAX_REFINER_VALUES,
            )
            .await?;
        counts.extend(one);
    }
    Ok(refinable
        .iter()
        .map(|a| Refiner {
            attribute: a.name.clone(),
            values: counts
                .remove(&a.id)
                .unwrap_or_default()
                .into_iter()
                .map(|(value, count)| RefinerValue { value, count })
                .collect(),
        })
        .collect())
}

/// How many values a refiner lists at most.
const MAX_REFINER_VALUES: u32 = 50;

/// A customer with an event coming up.
#[derive(Debug, Serialize, ToSchema)]
pub struct Upcoming {
    /// Account number.
    pub account: String,
    /// Display name.
    pub name: String,
    /// The date attribute (e.g. `birthday`), the follow-up's reason, or the
    /// due activity's type code.
    pub event: String,
    /// The stored date (a follow-up's or activity's due day).
    pub date: String,
    /// Days from today (0 = today).
    pub in_days: i64,
    /// `date_attribute`, `follow_up` or `activity`.
    pub kind: String,
    /// The follow-up's or activity's id.
    pub id: Option<String>,
}

/// Customers of a book whose date attributes fall in the next `days` days,
/// with the book owner's follow-ups and the book's activities due then, soonest first.
/// The date events (one statement for every date attribute) and the
/// follow-ups are independent reads, so they run concurrently.
pub async fn upcoming(
    state: &AppState,
    (company, s): (CompanyId, &Settings),
    scope: &BookScope,
    days: u32,
) -> ApiResult<Vec<Upcoming>> {
    let attrs = selected_attributes(state, company, s).await?;
    let dated: HashMap<AttributeId, &str> = attrs
        .iter()
        .filter(|a| a.kind == AttributeKind::Date)
        .map(|a| (a.id, a.name.as_str()))
        .collect();
    let ids: Vec<AttributeId> = dated.keys().copied().collect();
    let today = today();
    let limit = DATE_EVENTS_PER_ATTRIBUTE.saturating_mul(ids.len() as u32);
    let month_days = filter::month_days(today, days);
    let (events, due) = futures_util::future::try_join(
        async {
            Ok(state
                .store
                .date_events(company, scope, &ids, &month_days, limit)
                .await?)
        },
        crate::follow_ups::upcoming::due(state, company, scope, today, days),
    )
    .await?;
    let mut out: Vec<Upcoming> = events
        .into_iter()
        .filter_map(|e| {
            let in_days = e.date.get(5..).and_then(|md| days_until(today, md))?;
            Some(Upcoming {
                account: e.account,
                name: e.customer_name,
                event: dated.get(&e.attribute)?.to_string(),
                date: e.date,
                in_days,
                kind: "date_attribute".into(),
                id: None,
            })
        })
        .chain(due)
        .collect();
    out.sort_by(|x, y| (x.in_days, &x.name).cmp(&(y.in_days, &y.name)));
    Ok(out)
}

/// At most this many date events per date attribute in one window.
const DATE_EVENTS_PER_ATTRIBUTE: u32 = 500;
