//! The default next-best-action table, a starting point for HQ to adapt.
//! Money thresholds are in minor units (50 000 = 500.00 in a two-decimal
//! currency) and should be tuned to each brand's price level.

use super::{Action, Bounds, Conditions, Rule, RuleTable};
use crate::rfm::Segment;

fn action(code: &str, label: &str) -> Action {
    Action {
        code: code.to_owned(),
        label: label.to_owned(),
    }
}

fn at_least(min: f64) -> Option<Bounds> {
    Some(Bounds {
        min: Some(min),
        max: None,
    })
}

fn at_most(max: f64) -> Option<Bounds> {
    Some(Bounds {
        min: None,
        max: Some(max),
    })
}

fn segments(list: &[Segment]) -> Option<Vec<Segment>> {
    Some(list.to_vec())
}

impl RuleTable {
    /// The default table, in priority order:
    /// 1. high value (CLV ≥ 50 000) and churn probability ≥ 0.5 → invite to
    ///    a private event;
    /// 2. can't lose / at risk → personal call;
    /// 3. champions → early access to the new collection;
    /// 4. new customers within 30 days → personal thank-you note;
    /// 5. loyal customers / potential loyalists → styling appointment;
    /// 6. hibernating / lost with churn probability ≥ 0.5 → win-back offer;
    /// 7. promising / need attention / about to sleep → personal check-in;
    /// 8. everyone else → share new arrivals.
    pub fn default_table() -> Self {
        use Segment::*;
        let rule = |when: Conditions, code: &str, label: &str| Rule {
            when,
            action: action(code, label),
        };
        let rules = vec![
            rule(
                Conditions {
                    clv: at_least(50_000.0),
                    churn_probability: at_least(0.5),
                    ..Default::default()
                },
                "private_event_invite",
                "Invite to a private event",
            ),
            rule(
                Conditions {
                    segments: segments(&[CantLose, AtRisk]),
                    ..Default::default()
                },
                "personal_call",
                "Call personally to reconnect",
            ),
            rule(
                Conditions {
                    segments: segments(&[Champions]),
                    ..Default::default()
                },
                "early_access",
                "Offer early access to the new collection",
            ),
            rule(
                Conditions {
                    segments: segments(&[NewCustomers]),
                    days_since_last_purchase: at_most(30.0),
                    ..Default::default()
                },
                "thank_you_note",
                "Send a personal thank-you note",
            ),
            rule(
                Conditions {
                    segments: segments(&[LoyalCustomers, PotentialLoyalists]),
                    ..Default::default()
                },
                "styling_appointment",
                "Propose a styling appointment",
            ),
            rule(
                Conditions {
                    segments: segments(&[Hibernating, Lost]),
                    churn_probability: at_least(0.5),
                    ..Default::default()
                },
                "win_back_offer",
                "Send a win-back offer",
            ),
            rule(
                Conditions {
                    segments: segments(&[Promising, NeedAttention, AboutToSleep]),
                    ..Default::default()
                },
                "personal_check_in",
                "Send a personal check-in with new arrivals",
            ),
            rule(Conditions::default(), "keep_in_touch", "Share new arrivals"),
        ];
        Self { rules }
    }
}
