//! The manager dashboard (view_kpis): KPI tiles with the change against the
//! previous period, an SVG bar chart per row and a trend line, a leaderboard
//! per store, the KPI table with CSV export, and the drill-down to the
//! attributed purchases with the contact that earned each.

use super::charts::{self, Bar};
use super::{Nav, UiAuth, allow, localised, page_error, render};
use crate::attribution::{self, AttributionItem};
use crate::error::ApiError;
use crate::i18n::Tr;
use crate::kpis::{self, GroupBy, KpiReport, KpiRow, Kpis};
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use clienteling_domain::Permission;
use clienteling_domain::attribution::ContactKind;
use clienteling_store::Principal;
use serde::Deserialize;

/// The currency KPI sales are shown in.
const CURRENCY: &str = "EUR";

/// Dashboard routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/dashboard", get(show))
        .route("/dashboard.csv", get(csv))
        .route("/dashboard/attribution", get(drill))
}

#[derive(Deserialize, Default)]
struct Params {
    from: Option<String>,
    to: Option<String>,
    group_by: Option<String>,
    associate: Option<String>,
    store: Option<String>,
    cursor: Option<String>,
}

/// A KPI tile.
pub struct Tile {
    pub(crate) label: String,
    pub(crate) value: String,
    pub(crate) previous: String,
    pub(crate) delta: String,
    pub(crate) trend: &'static str,
    pub(crate) detail: String,
}

/// A table row, formatted.
pub struct RowView {
    pub(crate) key: String,
    pub(crate) name: String,
    pub(crate) cells: Vec<String>,
    pub(crate) drill: String,
}

/// A store's leaderboard.
pub struct Board {
    pub(crate) store: String,
    pub(crate) rows: Vec<RowView>,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    from: String,
    to: String,
    group_by: String,
    group_label: String,
    tiles: Vec<Tile>,
    bars: Vec<Bar>,
    trend_sales: String,
    trend_outreach: String,
    trend_labels: Vec<(i64, String)>,
    headers: Vec<String>,
    rows: Vec<RowView>,
    total: RowView,
    boards: Vec<Board>,
    csv: String,
    nav: Option<Nav>,
    csrf: Option<String>,
    tr: Tr,
}
localised!(DashboardPage);

fn pct(tr: &Tr, v: Option<f64>) -> String {
    v.map(|v| format!("{} %", tr.number(v * 100.0, 1)))
        .unwrap_or_else(|| "–".into())
}

fn days(tr: &Tr, v: Option<f64>) -> String {
    v.map(|d| tr.t1("kpi-days", "days", (d * 10.0).round() / 10.0))
        .unwrap_or_else(|| "–".into())
}

fn opt(tr: &Tr, v: Option<i64>) -> String {
    v.map(|v| tr.integer(v))
        .unwrap_or_else(|| tr.t("kpi-not-tracked"))
}

fn tile(
    tr: &Tr,
    label: &str,
    (cur, prev): (f64, f64),
    (value, previous): (String, String),
) -> Tile {
    let (delta, trend) = if prev == 0.0 {
        (String::new(), "flat")
    } else {
        let d = (cur - prev) / prev.abs() * 100.0;
        let sign = if d > 0.0 { "+" } else { "" };
        (
            format!("{sign}{} %", tr.number(d, 0)),
            if d > 0.5 {
                "up"
            } else if d < -0.5 {
                "down"
            } else {
                "flat"
            },
        )
    };
    Tile {
        label: tr.t(label),
        value,
        previous: tr.t1("kpi-previous", "value", previous),
        delta,
        trend,
        detail: String::new(),
    }
}

fn tiles(tr: &Tr, c: &Kpis, p: &Kpis) -> Vec<Tile> {
    let int = |label: &str, f: fn(&Kpis) -> i64| {
        tile(
            tr,
            label,
            (f(c) as f64, f(p) as f64),
            (tr.integer(f(c)), tr.integer(f(p))),
        )
    };
    let mut outreach = int("kpi-outreach", Kpis::outreach_total);
    outreach.detail = format!(
        "{} {} · {} {} · {} {}",
        tr.t("kpi-outreach-email"),
        tr.integer(c.outreach_email),
        tr.t("kpi-outreach-sms"),
        tr.integer(c.outreach_sms),
        tr.t("kpi-outreach-whatsapp"),
        tr.integer(c.outreach_whatsapp)
    );
    let f = |v: Option<i64>| v.unwrap_or(0) as f64;
    vec![
        outreach,
        tile(
            tr,
            "kpi-follow-ups-done",
            (f(c.follow_ups_done), f(p.follow_ups_done)),
            (opt(tr, c.follow_ups_done), opt(tr, p.follow_ups_done)),
        ),
        tile(
            tr,
            "kpi-follow-ups-overdue",
            (f(c.follow_ups_overdue), f(p.follow_ups_overdue)),
            (opt(tr, c.follow_ups_overdue), opt(tr, p.follow_ups_overdue)),
        ),
        int("kpi-appointments", |k| k.appointments_held),
        int("kpi-customers-added", |k| k.customers_added),
        int("kpi-orders", |k| k.attributed_orders),
        tile(
            tr,
            "kpi-sales",
            (
                c.attributed_sales_minor as f64,
                p.attributed_sales_minor as f64,
            ),
            (
                tr.money(c.attributed_sales_minor, CURRENCY),
                tr.money(p.attributed_sales_minor, CURRENCY),
            ),
        ),
        tile(
            tr,
            "kpi-conversion",
            (c.conversion.unwrap_or(0.0), p.conversion.unwrap_or(0.0)),
            (pct(tr, c.conversion), pct(tr, p.conversion)),
        ),
        tile(
            tr,
            "kpi-days-to-convert",
            (
                c.avg_days_to_convert.unwrap_or(0.0),
                p.avg_days_to_convert.unwrap_or(0.0),
            ),
            (
                days(tr, c.avg_days_to_convert),
                days(tr, p.avg_days_to_convert),
            ),
        ),
    ]
}

const HEADERS: &[&str] = &[
    "kpi-outreach",
    "kpi-follow-ups-done",
    "kpi-follow-ups-overdue",
    "kpi-appointments",
    "kpi-customers-added",
    "kpi-orders",
    "kpi-sales",
    "kpi-conversion",
    "kpi-days-to-convert",
];

fn cells(tr: &Tr, k: &Kpis) -> Vec<String> {
    vec![
        tr.integer(k.outreach_total()),
        opt(tr, k.follow_ups_done),
        opt(tr, k.follow_ups_overdue),
        tr.integer(k.appointments_held),
        tr.integer(k.customers_added),
        tr.integer(k.attributed_orders),
        tr.money(k.attributed_sales_minor, CURRENCY),
        pct(tr, k.conversion),
        days(tr, k.avg_days_to_convert),
    ]
}

fn row_view(tr: &Tr, r: &KpiRow, group: &str, period: &str) -> RowView {
    let drill = match group {
        "store" => format!("/dashboard/attribution?{period}&store={}", r.key),
        "total" => format!("/dashboard/attribution?{period}"),
        _ => format!("/dashboard/attribution?{period}&associate={}", r.key),
    };
    RowView {
        key: r.key.clone(),
        name: r.name.clone(),
        cells: cells(tr, &r.current),
        drill,
    }
}

fn boards(tr: &Tr, report: &KpiReport, period: &str, stores: &[KpiRow]) -> Vec<Board> {
    stores
        .iter()
        .map(|s| Board {
            store: tr.t1("kpi-leaderboard-store", "store", s.name.as_str()),
            rows: report
                .rows
                .iter()
                .filter(|r| r.stores.contains(&s.key))
                .map(|r| row_view(tr, r, "associate", period))
                .collect(),
        })
        .collect()
}

fn period_query(from: &str, to: &str) -> String {
    let enc = |s: &str| form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
    format!("from={}&to={}", enc(from), enc(to))
}

async fn load(state: &AppState, who: &Principal, p: &Params) -> Result<DashboardPage, ApiError> {
    let tr = Tr::of(who);
    let period = kpis::period(p.from.as_deref(), p.to.as_deref())?;
    let group = GroupBy::parse(p.group_by.as_deref())?;
    let by_associate = kpis::report(state, who, period, GroupBy::Associate).await?;
    let by_store = kpis::report(state, who, period, GroupBy::Store).await?;
    let report = if group == GroupBy::Store {
        &by_store
    } else {
        &by_associate
    };
    let (from, to) = (report.from[..10].to_owned(), shown_to(period.1));
    let q = period_query(&from, &to);
    let trend = kpis::trend(state, who, period, 12).await?;
    let values: Vec<(String, i64, String)> = report
        .rows
        .iter()
        .take(12)
        .map(|r| {
            (
                r.name.clone(),
                r.current.attributed_sales_minor,
                format!(
                    "{}: {}",
                    r.name,
                    tr.money(r.current.attributed_sales_minor, CURRENCY)
                ),
            )
        })
        .collect();
    let step = (charts::WIDTH / 11).max(1);
    Ok(DashboardPage {
        tiles: tiles(&tr, &report.total.current, &report.total.previous),
        bars: charts::bars(&values),
        trend_sales: charts::line(
            &trend
                .iter()
                .map(|t| t.kpis.attributed_sales_minor)
                .collect::<Vec<_>>(),
        ),
        trend_outreach: charts::line(
            &trend
                .iter()
                .map(|t| t.kpis.outreach_total())
                .collect::<Vec<_>>(),
        ),
        trend_labels: trend
            .iter()
            .zip(0..)
            .filter(|(_, i)| i % 3 == 0)
            .map(|(t, i)| (i * step, crate::fmt::rfc3339(t.start)[..10].to_owned()))
            .collect(),
        headers: HEADERS.iter().map(|h| tr.t(h)).collect(),
        rows: report
            .rows
            .iter()
            .map(|r| row_view(&tr, r, &report.group_by, &q))
            .collect(),
        total: row_view(&tr, &report.total, "total", &q),
        boards: boards(&tr, &by_associate, &q, &by_store.rows),
        csv: format!("/dashboard.csv?{q}&group_by={}", report.group_by),
        group_by: report.group_by.clone(),
        group_label: tr.t(&format!("kpi-group-{}", report.group_by)),
        from,
        to,
        nav: Some(Nav::new(who, "dashboard")),
        csrf: Some(who.csrf_token.clone()),
        tr,
    })
}

/// The last day inside `[.., to)`, as a date.
fn shown_to(to: i64) -> String {
    crate::fmt::rfc3339(to - 1)[..10].to_owned()
}

async fn show(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Query(p): Query<Params>,
) -> Response {
    if let Err(r) = allow(&state, &who, Permission::ViewKpis, "dashboard").await {
        return r;
    }
    match load(&state, &who, &p).await {
        Ok(page) => render(&page),
        Err(e) => page_error(e, Some(Nav::new(&who, "dashboard"))),
    }
}

async fn csv(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Query(p): Query<Params>,
) -> Response {
    if let Err(r) = allow(&state, &who, Permission::ViewKpis, "dashboard").await {
        return r;
    }
    let report = async {
        let period = kpis::period(p.from.as_deref(), p.to.as_deref())?;
        let group = GroupBy::parse(p.group_by.as_deref())?;
        kpis::report(&state, &who, period, group).await
    }
    .await;
    match report {
        Ok(r) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"kpis.csv\"",
                ),
            ],
            kpis::csv::render(&r),
        )
            .into_response(),
        Err(e) => page_error(e, Some(Nav::new(&who, "dashboard"))),
    }
}

/// An attributed purchase as the drill-down shows it.
pub struct PurchaseView {
    pub(crate) date: String,
    pub(crate) customer: String,
    pub(crate) share: String,
    pub(crate) purchase: String,
    pub(crate) associate: String,
    pub(crate) why: String,
}

#[derive(Template)]
#[template(path = "dashboard_attribution.html")]
struct DrillPage {
    back: String,
    items: Vec<PurchaseView>,
    more: Option<String>,
    nav: Option<Nav>,
    csrf: Option<String>,
    tr: Tr,
}
localised!(DrillPage);

/// "E-mail sent 3 days before by A. Kask", in the viewer's language.
pub fn explanation(tr: &Tr, i: &AttributionItem) -> String {
    let kind = match i.contact_kind {
        ContactKind::Other => {
            let name = super::follow_ups::activity_type_label(tr, &i.contact_type);
            tr.t1("kpi-kind-other", "type", name)
        }
        k => tr.t(&format!("kpi-kind-{}", k.as_str())),
    };
    tr.t_args(
        "kpi-explanation",
        &[
            ("kind", kind.into()),
            ("days", i.days_before.into()),
            ("name", i.associate_name.as_str().into()),
        ],
    )
}

fn purchase_view(tr: &Tr, i: AttributionItem) -> PurchaseView {
    PurchaseView {
        date: tr.date(tr.local_date(super::calendar_time::micros_of(&i.purchase_at))),
        why: explanation(tr, &i),
        share: tr.money(i.amount_minor, &i.currency),
        purchase: tr.money(i.purchase_amount_minor, &i.currency),
        associate: i.associate_name,
        customer: i.customer,
    }
}

async fn drill_page(state: &AppState, who: &Principal, p: &Params) -> Result<DrillPage, ApiError> {
    let tr = Tr::of(who);
    let period = kpis::period(p.from.as_deref(), p.to.as_deref())?;
    let ids =
        crate::api::attribution::credited(state, who, p.associate.as_deref(), p.store.as_deref())
            .await?;
    let page = attribution::list(
        state,
        who,
        (Some(period.0), Some(period.1)),
        ids,
        (p.cursor.as_deref(), 100),
    )
    .await?;
    let q = period_query(&crate::fmt::rfc3339(period.0)[..10], &shown_to(period.1));
    let filter = match (&p.associate, &p.store) {
        (Some(a), _) => format!(
            "&associate={}",
            form_urlencoded::byte_serialize(a.as_bytes()).collect::<String>()
        ),
        (_, Some(s)) => format!(
            "&store={}",
            form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>()
        ),
        _ => String::new(),
    };
    Ok(DrillPage {
        back: format!("/dashboard?{q}"),
        more: page
            .next_cursor
            .map(|c| format!("/dashboard/attribution?{q}{filter}&cursor={c}")),
        items: page
            .items
            .into_iter()
            .map(|i| purchase_view(&tr, i))
            .collect(),
        nav: Some(Nav::new(who, "dashboard")),
        csrf: Some(who.csrf_token.clone()),
        tr,
    })
}

async fn drill(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Query(p): Query<Params>,
) -> Response {
    if let Err(r) = allow(&state, &who, Permission::ViewKpis, "dashboard").await {
        return r;
    }
    match drill_page(&state, &who, &p).await {
        Ok(page) => render(&page),
        Err(e) => page_error(e, Some(Nav::new(&who, "dashboard"))),
    }
}
