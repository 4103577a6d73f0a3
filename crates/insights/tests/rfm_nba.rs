//! RFM quintile scores and segments; the next-best-action rule table
//! (matching, serde round trip, unknown fields, validation).

use clienteling_insights::{
    Action, Bounds, Conditions, CustomerFacts, RfmInput, Rule, RuleTable, RuleTableError, Segment,
    rfm_scores,
};

fn input(days: u32, purchase_days: u32, monetary: f64) -> RfmInput {
    RfmInput {
        days_since_last_purchase: days,
        purchase_days,
        monetary,
    }
}

#[test]
fn quintiles_of_distinct_values() {
    // 10 customers with distinct values: two per quintile.
    let inputs: Vec<RfmInput> = (0..10)
        .map(|i| input(100 - i * 10, i + 1, f64::from(i)))
        .collect();
    let scores = rfm_scores(&inputs);
    let r: Vec<u8> = scores.iter().map(|s| s.recency).collect();
    let f: Vec<u8> = scores.iter().map(|s| s.frequency).collect();
    assert_eq!(r, [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    assert_eq!(f, [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    assert_eq!(scores[9].cell(), "555");
    assert_eq!(scores[9].segment, Segment::Champions);
    assert_eq!(scores[0].segment, Segment::Lost);
}

#[test]
fn ties_share_a_score_and_the_worst_value_scores_one() {
    // 6 one-time buyers out of 10: all get F = 1.
    let inputs: Vec<RfmInput> = [1, 1, 1, 1, 1, 1, 2, 2, 3, 8]
        .iter()
        .map(|&f| input(5, f, 10.0))
        .collect();
    let scores = rfm_scores(&inputs);
    assert!(scores[..6].iter().all(|s| s.frequency == 1));
    assert_eq!(scores[6].frequency, 4); // 6 of 10 strictly worse → 1 + ⌊3⌋
    assert_eq!(scores[9].frequency, 5);
    // Everyone has the same recency and monetary value: score 1.
    assert!(scores.iter().all(|s| s.recency == 1 && s.monetary == 1));
    assert!(rfm_scores(&[]).is_empty());
}

#[test]
fn segment_grid() {
    use Segment::*;
    let expected = [
        // F:  1             2                   3                   4               5
        [Lost, Lost, AtRisk, AtRisk, CantLose], // R1
        [Hibernating, Hibernating, AtRisk, AtRisk, CantLose], // R2
        [
            AboutToSleep,
            AboutToSleep,
            NeedAttention,
            LoyalCustomers,
            LoyalCustomers,
        ], // R3
        [
            Promising,
            PotentialLoyalists,
            PotentialLoyalists,
            LoyalCustomers,
            LoyalCustomers,
        ],
        [
            NewCustomers,
            PotentialLoyalists,
            PotentialLoyalists,
            Champions,
            Champions,
        ],
    ];
    for (r, row) in expected.iter().enumerate() {
        for (f, segment) in row.iter().enumerate() {
            assert_eq!(
                Segment::from_scores(r as u8 + 1, f as u8 + 1),
                *segment,
                "R{} F{}",
                r + 1,
                f + 1
            );
        }
    }
    assert_eq!(Segment::ALL.len(), 11);
    let json = serde_json::to_string(&Segment::CantLose).expect("serialise");
    assert_eq!(json, "\"cant_lose\"");
    assert_eq!(Segment::CantLose.code(), "cant_lose");
}

fn facts(segment: Segment, churn: f64, clv: Option<f64>, days: u32) -> CustomerFacts {
    CustomerFacts {
        segment: Some(segment),
        churn_probability: Some(churn),
        clv,
        expected_purchases: Some(1.0),
        days_since_last_purchase: Some(days),
    }
}

fn code(table: &RuleTable, f: &CustomerFacts) -> String {
    table
        .next_best_action(f)
        .map(|a| a.code.clone())
        .unwrap_or_default()
}

#[test]
fn default_table_is_valid_and_first_match_wins() {
    let table = RuleTable::default();
    table.validate().expect("valid default table");
    // High value and likely churning beats the segment rules.
    assert_eq!(
        code(&table, &facts(Segment::Champions, 0.6, Some(80_000.0), 10)),
        "private_event_invite"
    );
    assert_eq!(
        code(&table, &facts(Segment::Champions, 0.1, Some(80_000.0), 10)),
        "early_access"
    );
    assert_eq!(
        code(&table, &facts(Segment::AtRisk, 0.6, Some(1_000.0), 90)),
        "personal_call"
    );
    assert_eq!(
        code(&table, &facts(Segment::NewCustomers, 0.0, None, 3)),
        "thank_you_note"
    );
    assert_eq!(
        code(&table, &facts(Segment::NewCustomers, 0.0, None, 40)),
        "keep_in_touch"
    );
    assert_eq!(
        code(&table, &facts(Segment::Lost, 0.9, None, 400)),
        "win_back_offer"
    );
    // Unknown CLV never satisfies a CLV condition.
    assert_eq!(
        code(&table, &facts(Segment::Hibernating, 0.9, None, 400)),
        "win_back_offer"
    );
    assert_eq!(code(&table, &CustomerFacts::default()), "keep_in_touch");
}

#[test]
fn json_round_trip_and_unknown_fields() {
    let json = r#"{"rules": [
        {"when": {"segments": ["champions", "loyal_customers"], "clv": {"min": 100000}},
         "action": {"code": "vip_dinner", "label": "Invite to the VIP dinner"}},
        {"when": {"days_since_last_purchase": {"min": 180}, "churn_probability": {"max": 0.5}},
         "action": {"code": "remind", "label": "Send a reminder"}},
        {"action": {"code": "none", "label": "Nothing"}}
    ]}"#;
    let table: RuleTable = serde_json::from_str(json).expect("parse");
    let table = table.validated().expect("valid");
    assert_eq!(
        code(
            &table,
            &facts(Segment::LoyalCustomers, 0.2, Some(150_000.0), 10)
        ),
        "vip_dinner"
    );
    assert_eq!(
        code(
            &table,
            &facts(Segment::LoyalCustomers, 0.2, Some(50_000.0), 200)
        ),
        "remind"
    );
    assert_eq!(
        code(
            &table,
            &facts(Segment::LoyalCustomers, 0.7, Some(50_000.0), 200)
        ),
        "none"
    );
    let again: RuleTable =
        serde_json::from_str(&serde_json::to_string(&table).expect("ser")).expect("de");
    assert_eq!(again, table);

    let typo = r#"{"rules": [{"when": {"segment": ["champions"]}, "action": {"code": "x", "label": "X"}}]}"#;
    assert!(serde_json::from_str::<RuleTable>(typo).is_err());
    let extra = r#"{"rules": [{"action": {"code": "x", "label": "X", "colour": "red"}}]}"#;
    assert!(serde_json::from_str::<RuleTable>(extra).is_err());
    let bad_segment =
        r#"{"rules": [{"when": {"segments": ["vip"]}, "action": {"code": "x", "label": "X"}}]}"#;
    assert!(serde_json::from_str::<RuleTable>(bad_segment).is_err());
}

fn one_rule(when: Conditions, code: &str, label: &str) -> RuleTable {
    RuleTable {
        rules: vec![Rule {
            when,
            action: Action {
                code: code.into(),
                label: label.into(),
            },
        }],
    }
}

#[test]
fn validation_errors() {
    let ok = Conditions::default();
    assert_eq!(
        RuleTable { rules: vec![] }.validate(),
        Err(RuleTableError::Empty)
    );
    assert!(matches!(
        one_rule(ok.clone(), "", "L").validate(),
        Err(RuleTableError::InvalidCode { rule: 0, .. })
    ));
    assert!(matches!(
        one_rule(ok.clone(), "a b", "L").validate(),
        Err(RuleTableError::InvalidCode { .. })
    ));
    assert_eq!(
        one_rule(ok.clone(), "c", " ").validate(),
        Err(RuleTableError::EmptyLabel { rule: 0 })
    );
    let bounds = |min, max| Some(Bounds { min, max });
    let inverted = Conditions {
        clv: bounds(Some(10.0), Some(5.0)),
        ..Default::default()
    };
    assert_eq!(
        one_rule(inverted, "c", "L").validate(),
        Err(RuleTableError::MinAboveMax {
            rule: 0,
            field: "clv",
            min: 10.0,
            max: 5.0
        })
    );
    let probability = Conditions {
        churn_probability: bounds(Some(1.5), None),
        ..Default::default()
    };
    assert!(matches!(
        one_rule(probability, "c", "L").validate(),
        Err(RuleTableError::OutOfRange {
            field: "churn_probability",
            ..
        })
    ));
    let nan = Conditions {
        expected_purchases: bounds(None, Some(f64::NAN)),
        ..Default::default()
    };
    assert!(matches!(
        one_rule(nan, "c", "L").validate(),
        Err(RuleTableError::NotFinite { .. })
    ));
    let empty = Conditions {
        segments: Some(vec![]),
        ..Default::default()
    };
    assert_eq!(
        one_rule(empty, "c", "L").validate(),
        Err(RuleTableError::EmptySegments { rule: 0 })
    );
    let msg = RuleTableError::MinAboveMax {
        rule: 2,
        field: "clv",
        min: 3.0,
        max: 1.0,
    }
    .to_string();
    assert_eq!(msg, "rule 2: clv has min 3 greater than max 1");
}
