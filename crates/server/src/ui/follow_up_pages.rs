//! Follow-up pages: the list (mine, or for managers a colleague's or the
//! store's, with a status filter) and HQ's rule table with "Run rules now".

use super::follow_ups::{Row, row};
use super::{Nav, UiAuth, allow, guard, localised, page_error, render};
use crate::error::ApiError;
use crate::follow_ups::rules::{self, RuleTable};
use crate::follow_ups::{self as fu, ListFilter};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use clienteling_domain::Permission;
use clienteling_domain::follow_up::FollowUpRule;
use clienteling_store::Principal;
use serde::Deserialize;
use std::collections::HashMap;

/// Page routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/follow-ups", get(list))
        .route("/setup/follow-up-rules", get(rules_page).post(save_rules))
        .route("/setup/follow-up-rules/run", post(run))
}

#[derive(Template, Default)]
#[template(path = "follow_ups.html")]
struct ListPage {
    rows: Vec<Row>,
    status: String,
    associate: String,
    store: String,
    colleagues: Vec<(String, String)>,
    stores: Vec<String>,
    can_others: bool,
    back: String,
    csrf_token: String,
    nav: Option<Nav>,
    csrf: Option<String>,
    tr: Tr,
}
localised!(ListPage);

#[derive(Deserialize, Default)]
struct ListQuery {
    status: Option<String>,
    associate: Option<String>,
    store: Option<String>,
}

async fn colleagues(
    state: &AppState,
    who: &Principal,
) -> Result<(Vec<(String, String)>, Vec<String>), ApiError> {
    let me = state.store.associate(who.company, who.associate).await?;
    let hq = who.can(Permission::ManageSetup);
    let all = state.store.list_associates(who.company).await?;
    let people = all
        .into_iter()
        .filter(|a| a.id != who.associate && (hq || a.stores.iter().any(|s| me.stores.contains(s))))
        .map(|a| (a.username.to_string(), a.display_name.to_string()))
        .collect();
    let stores = if hq {
        state
            .store
            .list_stores(who.company)
            .await?
            .into_iter()
            .map(|s| s.code.to_string())
            .collect()
    } else {
        me.stores.clone()
    };
    Ok((people, stores))
}

async fn list(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Query(q): Query<ListQuery>,
) -> Response {
    if let Err(r) = allow(&state, &who, Permission::ViewClientBook, "follow_ups").await {
        return r;
    }
    let nav = || Some(Nav::new(&who, "follow_ups"));
    let f = ListFilter {
        status: q.status.clone().filter(|s| !s.is_empty()),
        associate: q.associate.clone(),
        store: q.store.clone(),
        ..Default::default()
    };
    let page = match fu::list(&state, &who, &f, None, 200).await {
        Ok(p) => p,
        Err(e) => return page_error(e, nav()),
    };
    let can_others = who.can(Permission::ViewStoreClientBooks);
    let (colleagues, stores) = if can_others {
        match colleagues(&state, &who).await {
            Ok(c) => c,
            Err(e) => return page_error(e, nav()),
        }
    } else {
        Default::default()
    };
    let tr = Tr::of(&who);
    let back = format!(
        "/follow-ups?{}",
        form_urlencoded::Serializer::new(String::new())
            .append_pair("status", q.status.as_deref().unwrap_or(""))
            .append_pair("associate", q.associate.as_deref().unwrap_or(""))
            .append_pair("store", q.store.as_deref().unwrap_or(""))
            .finish()
    );
    render(&ListPage {
        rows: page.items.into_iter().map(|f| row(&tr, &who, f)).collect(),
        status: q.status.unwrap_or_default(),
        associate: q.associate.unwrap_or_default(),
        store: q.store.unwrap_or_default(),
        colleagues,
        stores,
        can_others,
        back,
        csrf_token: who.csrf_token.clone(),
        csrf: Some(who.csrf_token.clone()),
        nav: nav(),
        tr,
    })
}

/// One rule row of the form.
#[derive(Default)]
struct RuleRow {
    kind: String,
    attribute: String,
    value: String,
    error: Option<String>,
}

#[derive(Template, Default)]
#[template(path = "follow_up_rules.html")]
struct RulesPage {
    rows: Vec<RuleRow>,
    date_attributes: Vec<String>,
    notice: Option<String>,
    problem: Option<String>,
    csrf_token: String,
    nav: Option<Nav>,
    csrf: Option<String>,
    tr: Tr,
}
localised!(RulesPage);

fn rule_row(r: &FollowUpRule) -> RuleRow {
    let (attribute, value) = match r {
        FollowUpRule::DateAttribute {
            attribute,
            days_ahead,
        } => (attribute.clone(), days_ahead.to_string()),
        FollowUpRule::ThankYou { days_after } => (String::new(), days_after.to_string()),
        FollowUpRule::StayInTouch { days } => (String::new(), days.to_string()),
        FollowUpRule::Lapsed { threshold } => (String::new(), threshold.to_string()),
    };
    RuleRow {
        kind: rules::kind(r).into(),
        attribute,
        value,
        error: None,
    }
}

async fn rules_view(state: &AppState, who: &Principal) -> Result<RulesPage, ApiError> {
    let list = rules::rules(state.store.as_ref(), who.company).await?;
    let s = state.store.settings(who.company).await?;
    let attrs = crate::books::selected_attributes(state, who.company, &s).await?;
    Ok(RulesPage {
        rows: list.iter().map(rule_row).collect(),
        date_attributes: attrs
            .into_iter()
            .filter(|a| a.kind == clienteling_domain::attributes::AttributeKind::Date)
            .map(|a| a.name)
            .collect(),
        csrf_token: who.csrf_token.clone(),
        csrf: Some(who.csrf_token.clone()),
        nav: Some(Nav::new(who, "follow_up_rules")),
        tr: Tr::of(who),
        ..Default::default()
    })
}

async fn rules_page(State(state): State<AppState>, UiAuth(who): UiAuth) -> Response {
    if let Err(r) = allow(&state, &who, Permission::ManageSetup, "follow_up_rules").await {
        return r;
    }
    match rules_view(&state, &who).await {
        Ok(p) => render(&p),
        Err(e) => page_error(e, Some(Nav::new(&who, "follow_up_rules"))),
    }
}

/// Read the form's rows (`kind.N`, `attribute.N`, `value.N`, `remove.N`) and
/// an added one (`add`); a number that does not parse is a field error.
fn parse_rows(f: &HashMap<String, String>) -> (Vec<RuleRow>, Vec<Option<FollowUpRule>>) {
    let mut rows = Vec::new();
    for i in 0..50 {
        let Some(kind) = f.get(&format!("kind.{i}")) else {
            break;
        };
        if f.contains_key(&format!("remove.{i}")) {
            continue;
        }
        let get = |k: &str| f.get(&format!("{k}.{i}")).cloned().unwrap_or_default();
        rows.push(RuleRow {
            kind: kind.clone(),
            attribute: get("attribute"),
            value: get("value").trim().to_owned(),
            error: None,
        });
    }
    if let Some(kind) = f.get("add").filter(|k| !k.is_empty()) {
        let value = if kind == "lapsed" { "0.8" } else { "7" };
        rows.push(RuleRow {
            kind: kind.clone(),
            value: value.into(),
            ..Default::default()
        });
    }
    let parsed = rows.iter().map(to_rule).collect();
    (rows, parsed)
}

fn to_rule(r: &RuleRow) -> Option<FollowUpRule> {
    let days = || r.value.parse::<u32>().ok();
    Some(match r.kind.as_str() {
        "date_attribute" => FollowUpRule::DateAttribute {
            attribute: r.attribute.clone(),
            days_ahead: days()?,
        },
        "thank_you" => FollowUpRule::ThankYou {
            days_after: days()?,
        },
        "stay_in_touch" => FollowUpRule::StayInTouch { days: days()? },
        "lapsed" => FollowUpRule::Lapsed {
            threshold: r.value.replace(',', ".").parse().ok()?,
        },
        _ => return None,
    })
}

async fn save_rules(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    if let Err(r) = guard(
        &state,
        &who,
        f.get("_csrf").map(String::as_str),
        Permission::ManageSetup,
        "follow_up_rules",
    )
    .await
    {
        return r;
    }
    let nav = || Some(Nav::new(&who, "follow_up_rules"));
    let mut p = match rules_view(&state, &who).await {
        Ok(p) => p,
        Err(e) => return page_error(e, nav()),
    };
    let tr = p.tr;
    let (mut rows, parsed) = parse_rows(&f);
    let bad: Vec<usize> = parsed
        .iter()
        .enumerate()
        .filter(|(_, r)| r.is_none())
        .map(|(i, _)| i)
        .collect();
    let result = if bad.is_empty() {
        let table = RuleTable {
            rules: parsed.into_iter().flatten().collect(),
        };
        rules::put_rules(&state, &who, &table).await.map(|_| ())
    } else {
        for i in &bad {
            rows[*i].error = Some(tr.t("follow-rules-number"));
        }
        Err(ApiError::Invalid(clienteling_domain::Invalid::field(
            "/rules", "number",
        )))
    };
    match result {
        Ok(()) => match rules_view(&state, &who).await {
            Ok(mut p) => {
                p.notice = Some(tr.t("saved"));
                render(&p)
            }
            Err(e) => page_error(e, nav()),
        },
        Err(ApiError::Invalid(i)) => {
            for e in &i.0 {
                let idx = e
                    .pointer
                    .strip_prefix("/rules/")
                    .and_then(|s| s.split('/').next())
                    .and_then(|s| s.parse::<usize>().ok());
                if let Some(r) = idx.and_then(|n| rows.get_mut(n)) {
                    r.error = Some(tr.message(&e.message));
                }
            }
            p.rows = rows;
            p.problem = Some(tr.t("correct-fields"));
            (axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&p)).into_response()
        }
        Err(e) => page_error(e, nav()),
    }
}

async fn run(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    if let Err(r) = guard(
        &state,
        &who,
        f.get("_csrf").map(String::as_str),
        Permission::ManageSetup,
        "follow_up_rules",
    )
    .await
    {
        return r;
    }
    let nav = || Some(Nav::new(&who, "follow_up_rules"));
    let counts = match rules::run_now(&state, &who).await {
        Ok(c) => c,
        Err(e) => return page_error(e, nav()),
    };
    match rules_view(&state, &who).await {
        Ok(mut p) => {
            p.notice = Some(p.tr.t1("follow-rules-ran", "count", counts.created as i64));
            render(&p)
        }
        Err(e) => page_error(e, nav()),
    }
}
