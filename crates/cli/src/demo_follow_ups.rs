//! Demo follow-ups: a rule table (birthday a week ahead, thank-you three
//! days after a purchase, stay in touch after 60 days, lapsed above 80 %
//! churn), one rule run, and a few hand-made follow-ups for the first demo
//! associate so that "my client book" shows some due and some overdue.

use anyhow::{Context, Result};
use clienteling_domain::follow_up::FollowUpRule;
use clienteling_domain::ids::CompanyId;
use clienteling_server::follow_ups::rules::{self, RuleTable};
use clienteling_store::{NewFollowUp, Store};
use time::{Duration, OffsetDateTime};

/// Save the demo rules, run them, and add hand-made follow-ups for `associate`.
pub async fn add(store: &dyn Store, company: CompanyId, associate: &str) -> Result<()> {
    let table = RuleTable {
        rules: vec![
            FollowUpRule::DateAttribute {
                attribute: "birthday".into(),
                days_ahead: 7,
            },
            FollowUpRule::ThankYou { days_after: 3 },
            FollowUpRule::StayInTouch { days: 60 },
            FollowUpRule::Lapsed { threshold: 0.8 },
        ],
    };
    store
        .put_follow_up_rules(company, &serde_json::to_value(&table)?)
        .await?;
    let today = OffsetDateTime::now_utc().date();
    let counts = rules::run(store, company, today)
        .await
        .map_err(|e| anyhow::anyhow!("follow-up rules: {e}"))?;
    let who = store
        .list_associates(company)
        .await?
        .into_iter()
        .find(|a| a.username.as_str() == associate)
        .context("demo associate missing")?;
    let book = store.ensure_book(company, who.id).await?;
    let members = store.book_member_ids(&book).await?;
    let plans = [
        (-3, "Soita takin korjauksesta"),
        (-1, "Lähetä uuden kauden kuvasto"),
        (2, "Kutsu yksityiseen ostosiltaan"),
        (5, "Tarkista, tuliko tilattu koko"),
    ];
    let rows: Vec<NewFollowUp> = members
        .iter()
        .zip(plans)
        .map(|(c, (days, reason))| NewFollowUp {
            customer: *c,
            owner: who.id,
            due: today + Duration::days(days),
            reason: reason.into(),
            source: "manual".into(),
            rule_kind: None,
            occasion: None,
            created_by: Some(who.id),
        })
        .collect();
    store.add_follow_ups(company, &rows).await?;
    let args = [
        ("rules", counts.created.into()),
        ("manual", rows.len().into()),
    ];
    eprintln!("{}", crate::msg::t_args("cli-demo-follow-ups", &args));
    Ok(())
}
