//! KPIs per associate, per store and in total over a period, each with the
//! previous period of the same length. A store's KPIs are the sum over the
//! associates who work there (an associate at two stores counts at both);
//! the total is the sum over every associate in view. Ratios are computed
//! from the summed counts. Managers see the stores they work at; HQ
//! (`manage_setup`) sees the whole company.

pub mod csv;

use crate::error::ApiResult;
use crate::fmt::rfc3339;
use crate::state::AppState;
use crate::timeline::bad_param;
use clienteling_domain::Permission;
use clienteling_domain::activity::parse_bound;
use clienteling_domain::attributes::format_date;
use clienteling_domain::attribution::DAY_MICROS;
use clienteling_domain::ids::{AssociateId, CompanyId};
use clienteling_domain::org::Associate;
use clienteling_domain::time_util::{from_micros, now_micros};
use clienteling_store::{AssociateCounts, Principal};
use serde::Serialize;
use std::collections::HashMap;
use utoipa::ToSchema;

/// Counts and follow-up counts `(done, overdue)` per associate.
type ByAssociate = HashMap<AssociateId, (AssociateCounts, Option<(i64, i64)>)>;

/// Longest period, in days.
pub const MAX_PERIOD_DAYS: i64 = 3660;

/// KPIs of one row over one period.
#[derive(Debug, Clone, Default, PartialEq, Serialize, ToSchema)]
pub struct Kpis {
    /// Outreach sent by e-mail.
    pub outreach_email: i64,
    /// Outreach sent by SMS.
    pub outreach_sms: i64,
    /// Outreach sent by WhatsApp.
    pub outreach_whatsapp: i64,
    /// Follow-ups done in the period.
    pub follow_ups_done: Option<i64>,
    /// Follow-ups due in the period (before today) and still open.
    pub follow_ups_overdue: Option<i64>,
    /// Appointments held (or booked and past).
    pub appointments_held: i64,
    /// Customers added to client books.
    pub customers_added: i64,
    /// Attributed orders.
    pub attributed_orders: i64,
    /// Attributed sales (minor units).
    pub attributed_sales_minor: i64,
    /// Customers contacted.
    pub contacted_customers: i64,
    /// Of them, customers who bought within the window of a contact.
    pub converted_customers: i64,
    /// converted / contacted (null when nobody was contacted).
    pub conversion: Option<f64>,
    /// Average days from the earning contact to the purchase.
    pub avg_days_to_convert: Option<f64>,
    #[serde(skip)]
    convert_micros: i64,
}

impl Kpis {
    /// Add one associate's counts.
    pub fn add(&mut self, c: &AssociateCounts) {
        self.outreach_email += c.outreach_email;
        self.outreach_sms += c.outreach_sms;
        self.outreach_whatsapp += c.outreach_whatsapp;
        self.appointments_held += c.appointments_held;
        self.customers_added += c.customers_added;
        self.attributed_orders += c.attributed_orders;
        self.attributed_sales_minor += c.attributed_minor;
        self.contacted_customers += c.contacted;
        self.converted_customers += c.converted;
        self.convert_micros += c.convert_micros;
        self.finish();
    }

    /// Add follow-up counts.
    pub fn add_follow_ups(&mut self, (done, overdue): (i64, i64)) {
        self.follow_ups_done = Some(self.follow_ups_done.unwrap_or(0) + done);
        self.follow_ups_overdue = Some(self.follow_ups_overdue.unwrap_or(0) + overdue);
    }

    fn finish(&mut self) {
        self.conversion = (self.contacted_customers > 0)
            .then(|| self.converted_customers as f64 / self.contacted_customers as f64);
        self.avg_days_to_convert = (self.attributed_orders > 0).then(|| {
            self.convert_micros as f64 / DAY_MICROS as f64 / self.attributed_orders as f64
        });
    }

    /// All outreach sent.
    pub fn outreach_total(&self) -> i64 {
        self.outreach_email + self.outreach_sms + self.outreach_whatsapp
    }
}

/// One row: an associate, a store or the total.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct KpiRow {
    /// Associate id, store code or `total`.
    pub key: String,
    /// Display name.
    pub name: String,
    /// Store codes: an associate's stores, or the store itself.
    pub stores: Vec<String>,
    /// This period.
    pub current: Kpis,
    /// The previous period of the same length.
    pub previous: Kpis,
}

/// The KPI report.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct KpiReport {
    /// Period start (RFC 3339, inclusive).
    pub from: String,
    /// Period end (RFC 3339, exclusive).
    pub to: String,
    /// Previous period start.
    pub previous_from: String,
    /// `associate` or `store`.
    pub group_by: String,
    /// Attribution rules version the sales figures use.
    pub rules_version: i64,
    /// One row per associate or store, best attributed sales first.
    pub rows: Vec<KpiRow>,
    /// Sum over every associate in view.
    pub total: KpiRow,
}

/// How rows are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    /// One row per associate.
    Associate,
    /// One row per store.
    Store,
}

impl GroupBy {
    /// Parse `associate` / `store` (400 otherwise; default associate).
    pub fn parse(s: Option<&str>) -> ApiResult<Self> {
        match s.map(str::trim).unwrap_or("associate") {
            "associate" | "" => Ok(GroupBy::Associate),
            "store" => Ok(GroupBy::Store),
            _ => Err(bad_param("group_by", "must be associate or store")),
        }
    }
}

/// Optional bounds `[from, to)` (dates or RFC 3339; 400 when `to <= from`).
pub fn period_bounds(
    from: Option<&str>,
    to: Option<&str>,
) -> ApiResult<(Option<i64>, Option<i64>)> {
    let parse = |name: &str, s: Option<&str>, end: bool| {
        s.filter(|s| !s.trim().is_empty())
            .map(|s| parse_bound(s, end).map_err(|e| bad_param(name, e.to_string())))
            .transpose()
    };
    let (from, to) = (parse("from", from, false)?, parse("to", to, true)?);
    if let (Some(f), Some(t)) = (from, to)
        && t <= f
    {
        return Err(bad_param("to", "must be after from"));
    }
    Ok((from, to))
}

/// A period `[from, to)`: dates or RFC 3339; default the last 30 days.
pub fn period(from: Option<&str>, to: Option<&str>) -> ApiResult<(i64, i64)> {
    let parse = |name: &str, s: Option<&str>, end: bool| {
        s.filter(|s| !s.trim().is_empty())
            .map(|s| parse_bound(s, end).map_err(|e| bad_param(name, e.to_string())))
            .transpose()
    };
    let today_end = (now_micros().div_euclid(DAY_MICROS) + 1) * DAY_MICROS;
    let to = parse("to", to, true)?.unwrap_or(today_end);
    let from = parse("from", from, false)?.unwrap_or(to - 30 * DAY_MICROS);
    if to <= from {
        return Err(bad_param("to", "must be after from"));
    }
    if to - from > MAX_PERIOD_DAYS * DAY_MICROS {
        return Err(bad_param(
            "from",
            format!("the period may span at most {MAX_PERIOD_DAYS} days"),
        ));
    }
    Ok((from, to))
}

/// Follow-up counts per associate `(done, overdue)` over a period: done
/// within it, and due within it (before today) but still open or snoozed.
pub async fn follow_up_counts(
    state: &AppState,
    company: CompanyId,
    (from, to): (i64, i64),
) -> ApiResult<Option<HashMap<AssociateId, (i64, i64)>>> {
    let day = |micros: i64| format_date(from_micros(micros).date());
    let until = to.min(now_micros().div_euclid(DAY_MICROS) * DAY_MICROS);
    let rows = state
        .store
        .follow_up_counts(company, from, to, &day(from), &day(until.max(from)))
        .await?;
    Ok(Some(
        rows.into_iter()
            .map(|c| (c.associate, (c.done, c.overdue)))
            .collect(),
    ))
}

/// The associates `who` may see KPIs of, and the store codes in view.
pub(crate) async fn in_view(
    state: &AppState,
    who: &Principal,
) -> ApiResult<(Vec<Associate>, Vec<(String, String)>)> {
    let associates = state.store.list_associates(who.company).await?;
    let stores = state.store.list_stores(who.company).await?;
    let mut stores: Vec<(String, String)> = stores
        .into_iter()
        .map(|s| (s.code.as_str().to_owned(), s.name.as_str().to_owned()))
        .collect();
    if !who.can(Permission::ManageSetup) {
        let mine = associates
            .iter()
            .find(|a| a.id == who.associate)
            .map(|a| a.stores.clone())
            .unwrap_or_default();
        stores.retain(|(code, _)| mine.contains(code));
    }
    let associates = associates
        .into_iter()
        .filter(|a| {
            a.id == who.associate || a.stores.iter().any(|s| stores.iter().any(|(c, _)| c == s))
        })
        .collect();
    Ok((associates, stores))
}

async fn counts(
    state: &AppState,
    company: CompanyId,
    version: i64,
    p: (i64, i64),
) -> ApiResult<ByAssociate> {
    let rows = state
        .store
        .associate_counts(company, version, p.0, p.1, now_micros())
        .await?;
    let follow = follow_up_counts(state, company, p).await?;
    let mut m: ByAssociate = rows.into_iter().map(|c| (c.associate, (c, None))).collect();
    if let Some(f) = follow {
        for (a, n) in f {
            m.entry(a)
                .or_insert_with(|| {
                    (
                        AssociateCounts {
                            associate: a,
                            ..Default::default()
                        },
                        None,
                    )
                })
                .1 = Some(n);
        }
    }
    Ok(m)
}

fn sum<'a>(m: &ByAssociate, who: impl Iterator<Item = &'a Associate>) -> Kpis {
    let mut k = Kpis::default();
    k.add_follow_ups((0, 0));
    for a in who {
        if let Some((c, f)) = m.get(&a.id) {
            k.add(c);
            if let Some(f) = f {
                k.add_follow_ups(*f);
            }
        }
    }
    k
}

/// The KPI report over `[from, to)` and the period before it.
pub async fn report(
    state: &AppState,
    who: &Principal,
    (from, to): (i64, i64),
    group_by: GroupBy,
) -> ApiResult<KpiReport> {
    crate::attribution::refresh(state, who.company).await?;
    let version = crate::attribution::current_rules(state, who.company)
        .await?
        .version;
    let prev_from = from - (to - from);
    let cur = counts(state, who.company, version, (from, to)).await?;
    let prev = counts(state, who.company, version, (prev_from, from)).await?;
    let (associates, stores) = in_view(state, who).await?;
    let row = |key: String, name: String, stores: Vec<String>, members: Vec<&Associate>| KpiRow {
        key,
        name,
        stores,
        current: sum(&cur, members.iter().copied()),
        previous: sum(&prev, members.iter().copied()),
    };
    let mut rows: Vec<KpiRow> = match group_by {
        GroupBy::Associate => associates
            .iter()
            .map(|a| {
                row(
                    a.id.to_string(),
                    a.display_name.as_str().to_owned(),
                    a.stores.clone(),
                    vec![a],
                )
            })
            .collect(),
        GroupBy::Store => stores
            .iter()
            .map(|(code, name)| {
                let members = associates
                    .iter()
                    .filter(|a| a.stores.contains(code))
                    .collect();
                row(code.clone(), name.clone(), vec![code.clone()], members)
            })
            .collect(),
    };
    rows.sort_by(|a, b| {
        b.current
            .attributed_sales_minor
            .cmp(&a.current.attributed_sales_minor)
            .then_with(|| a.name.cmp(&b.name))
    });
    let total = row(
        "total".into(),
        "Total".into(),
        Vec::new(),
        associates.iter().collect(),
    );
    Ok(KpiReport {
        from: rfc3339(from),
        to: rfc3339(to),
        previous_from: rfc3339(prev_from),
        group_by: match group_by {
            GroupBy::Associate => "associate".into(),
            GroupBy::Store => "store".into(),
        },
        rules_version: version,
        rows,
        total,
    })
}

/// One point of a trend: a bucket's start and the total KPIs in it.
#[derive(Debug, Clone)]
pub struct TrendPoint {
    /// Bucket start (µs).
    pub start: i64,
    /// Sum over the associates in view.
    pub kpis: Kpis,
}

/// The period cut into `buckets` equal parts, with the total KPIs of each
/// (over the associates `who` may see); attribution must be up to date.
pub async fn trend(
    state: &AppState,
    who: &Principal,
    (from, to): (i64, i64),
    buckets: i64,
) -> ApiResult<Vec<TrendPoint>> {
    let version = crate::attribution::current_rules(state, who.company)
        .await?
        .version;
    let (associates, _) = in_view(state, who).await?;
    let step = ((to - from) / buckets.max(1)).max(1);
    let mut out = Vec::new();
    let mut start = from;
    while start < to {
        let end = (start + step).min(to);
        let m = counts(state, who.company, version, (start, end)).await?;
        out.push(TrendPoint {
            start,
            kpis: sum(&m, associates.iter()),
        });
        start = end;
    }
    Ok(out)
}
