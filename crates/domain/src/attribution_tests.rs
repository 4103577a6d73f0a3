//! Attribution pinned on hand-made timelines: window edges, ties, priority,
//! exact equal splits, and purchases before the contact.

use super::*;
use proptest::prelude::*;

const DAY: i64 = DAY_MICROS;

fn who(n: u8) -> AssociateId {
    AssociateId(Uuid::from_bytes([n; 16]))
}

fn contact(n: u8, assoc: u8, kind: ContactKind, at: i64) -> Contact {
    Contact {
        id: Uuid::from_bytes([n; 16]),
        associate: who(assoc),
        kind,
        at,
    }
}

fn equal() -> Rules {
    Rules {
        split: Split::Equal,
        ..Rules::default()
    }
}

const EMAIL: ContactKind = ContactKind::OutreachEmail;
const APPT: ContactKind = ContactKind::Appointment;

#[test]
fn a_purchase_exactly_at_the_window_end_is_attributed() {
    let c = [contact(1, 1, EMAIL, 0)];
    let s = attribute(&Rules::default(), 14 * DAY, 100, &c);
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].associate, who(1));
    assert_eq!(s[0].amount_minor, 100);
}

#[test]
fn a_purchase_one_microsecond_after_the_window_is_not() {
    let c = [contact(1, 1, EMAIL, 0)];
    assert!(attribute(&Rules::default(), 14 * DAY + 1, 100, &c).is_empty());
}

#[test]
fn a_purchase_at_the_same_instant_as_the_contact_is_not_attributed() {
    let c = [contact(1, 1, EMAIL, 5 * DAY)];
    assert!(attribute(&Rules::default(), 5 * DAY, 100, &c).is_empty());
}

#[test]
fn a_purchase_before_the_contact_is_not_attributed() {
    let c = [contact(1, 1, EMAIL, 5 * DAY)];
    assert!(attribute(&Rules::default(), 4 * DAY, 100, &c).is_empty());
}

#[test]
fn a_purchase_without_contacts_stays_unattributed() {
    assert!(attribute(&Rules::default(), DAY, 100, &[]).is_empty());
}

#[test]
fn windows_differ_per_kind() {
    // Appointment window 30 days, e-mail 14: at day 20 only the appointment counts.
    let c = [contact(1, 1, APPT, 0), contact(2, 2, EMAIL, 0)];
    let s = attribute(&equal(), 20 * DAY, 100, &c);
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].associate, who(1));
}

#[test]
fn a_zero_window_switches_a_kind_off() {
    let mut r = Rules::default();
    r.windows_days.outreach_email = 0;
    let c = [contact(1, 1, EMAIL, 0)];
    assert!(attribute(&r, 1, 100, &c).is_empty());
}

#[test]
fn higher_engagement_beats_a_later_message() {
    let c = [contact(1, 1, APPT, DAY), contact(2, 2, EMAIL, 3 * DAY)];
    let s = attribute(&Rules::default(), 4 * DAY, 500, &c);
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].associate, who(1));
    assert_eq!(s[0].contact.kind, APPT);
}

#[test]
fn last_contact_wins_among_equal_engagement() {
    let c = [contact(1, 1, EMAIL, DAY), contact(2, 2, EMAIL, 2 * DAY)];
    let s = attribute(&Rules::default(), 3 * DAY, 500, &c);
    assert_eq!(s[0].associate, who(2));
}

#[test]
fn a_tie_in_time_goes_to_the_larger_contact_id() {
    let c = [contact(9, 1, EMAIL, DAY), contact(3, 2, EMAIL, DAY)];
    let s = attribute(&Rules::default(), 3 * DAY, 500, &c);
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].associate, who(1));
    // The order of the input does not matter.
    let rev = [c[1].clone(), c[0].clone()];
    assert_eq!(attribute(&Rules::default(), 3 * DAY, 500, &rev), s);
}

#[test]
fn equal_split_sums_exactly_with_the_remainder_to_the_best_contacts() {
    let c = [
        contact(1, 1, EMAIL, DAY),
        contact(2, 2, EMAIL, 2 * DAY),
        contact(3, 3, APPT, DAY),
    ];
    let s = attribute(&equal(), 3 * DAY, 1000, &c);
    let amounts: Vec<i64> = s.iter().map(|s| s.amount_minor).collect();
    assert_eq!(amounts, vec![334, 333, 333]);
    assert_eq!(s[0].associate, who(3));
    assert_eq!(s[1].associate, who(2));
    assert_eq!(amounts.iter().sum::<i64>(), 1000);
}

#[test]
fn equal_split_credits_each_associate_once_with_their_best_contact() {
    let c = [
        contact(1, 1, EMAIL, DAY),
        contact(2, 1, APPT, DAY),
        contact(3, 2, EMAIL, 2 * DAY),
    ];
    let s = attribute(&equal(), 3 * DAY, 101, &c);
    assert_eq!(s.len(), 2);
    assert_eq!(s[0].contact.id, Uuid::from_bytes([2; 16]));
    assert_eq!(s[0].amount_minor, 51);
    assert_eq!(s[1].amount_minor, 50);
}

#[test]
fn a_refund_splits_exactly_too() {
    let c = [contact(1, 1, EMAIL, DAY), contact(2, 2, EMAIL, DAY)];
    let s = attribute(&equal(), 2 * DAY, -101, &c);
    assert_eq!(s.iter().map(|s| s.amount_minor).sum::<i64>(), -101);
}

#[test]
fn rules_reject_long_windows_and_duplicate_priorities() {
    let mut r = Rules::default();
    r.windows_days.store_visit = 400;
    r.priority.push(APPT);
    let e = r.validate().unwrap_err();
    let pointers: Vec<&str> = e.0.iter().map(|f| f.pointer.as_str()).collect();
    assert_eq!(pointers, vec!["/windows_days/store_visit", "/priority"]);
    assert!(Rules::default().validate().is_ok());
}

#[test]
fn activity_kinds_follow_type_and_channel() {
    assert_eq!(
        ContactKind::of_activity("outreach", Some("sms")),
        ContactKind::OutreachSms
    );
    assert_eq!(ContactKind::of_activity("outreach", None), EMAIL);
    assert_eq!(
        ContactKind::of_activity("phone_call", None),
        ContactKind::Other
    );
    assert_eq!(
        ContactKind::parse("store_visit"),
        Some(ContactKind::StoreVisit)
    );
}

proptest! {
    #[test]
    fn shares_always_sum_to_the_amount(
        amount in -1_000_000i64..1_000_000,
        times in proptest::collection::vec((0u8..6, 0i64..40), 0..12),
    ) {
        let c: Vec<Contact> = times
            .iter()
            .enumerate()
            .map(|(i, (a, d))| contact(i as u8, *a, EMAIL, d * DAY))
            .collect();
        let s = attribute(&equal(), 41 * DAY, amount, &c);
        if !s.is_empty() {
            prop_assert_eq!(s.iter().map(|s| s.amount_minor).sum::<i64>(), amount);
            let max = s.iter().map(|s| s.amount_minor).max().unwrap_or(0);
            let min = s.iter().map(|s| s.amount_minor).min().unwrap_or(0);
            prop_assert!(max - min <= 1);
        }
    }
}

const REPLY: ContactKind = ContactKind::Reply;

/// One customer's timeline: e-mail sent by 1 (day 0), the customer's reply
/// logged by 2 (day 2), another e-mail by 3 (day 5), an appointment with 4
/// (day 1); purchase on day 8.
fn reply_timeline() -> Vec<Contact> {
    vec![
        contact(1, 1, EMAIL, 0),
        contact(2, 2, REPLY, 2 * DAY),
        contact(3, 3, EMAIL, 5 * DAY),
        contact(4, 4, APPT, DAY),
    ]
}

#[test]
fn by_default_an_appointment_outranks_a_reply_which_outranks_a_message_sent() {
    let all = reply_timeline();
    let s = attribute(&Rules::default(), 8 * DAY, 900, &all);
    assert_eq!((s[0].associate, s[0].contact.kind), (who(4), APPT));
    let no_appointment = &all[..3];
    let s = attribute(&Rules::default(), 8 * DAY, 900, no_appointment);
    assert_eq!(s.len(), 1);
    assert_eq!(
        (s[0].associate, s[0].contact.kind, s[0].amount_minor),
        (who(2), REPLY, 900),
        "the reply wins over the later e-mail"
    );
}

#[test]
fn the_reply_window_is_its_own_and_inclusive_at_the_far_end() {
    let timeline = &reply_timeline()[..3];
    let mut rules = Rules::default();
    rules.windows_days.reply = 6;
    let s = attribute(&rules, 8 * DAY, 900, timeline);
    assert_eq!(s[0].contact.kind, REPLY, "6 days after the reply: inside");
    let s = attribute(&rules, 8 * DAY + 1, 900, timeline);
    assert_eq!(
        (s[0].associate, s[0].contact.kind),
        (who(3), EMAIL),
        "a microsecond later the reply is out; the latest e-mail wins"
    );
    rules.windows_days.reply = 0;
    let s = attribute(&rules, 3 * DAY, 900, timeline);
    assert_eq!(
        s[0].contact.kind, EMAIL,
        "a 0-day window switches replies off"
    );
}

#[test]
fn priority_can_put_messages_above_replies_and_equal_splits_count_the_replier() {
    let timeline = &reply_timeline()[..3];
    let mut rules = Rules {
        priority: vec![EMAIL, REPLY],
        ..Rules::default()
    };
    let s = attribute(&rules, 8 * DAY, 900, timeline);
    assert_eq!((s[0].associate, s[0].contact.kind), (who(3), EMAIL));
    rules.split = Split::Equal;
    let s = attribute(&rules, 8 * DAY, 1000, timeline);
    let got: Vec<_> = s.iter().map(|x| (x.associate, x.amount_minor)).collect();
    assert_eq!(got, [(who(3), 334), (who(1), 333), (who(2), 333)]);
}

#[test]
fn a_reply_activity_is_the_reply_kind_and_old_rules_get_its_default_window() {
    assert_eq!(ContactKind::of_activity("reply", None), REPLY);
    assert_eq!(ContactKind::parse("reply"), Some(REPLY));
    let saved_before = r#"{"windows_days":{"outreach_email":7,"outreach_sms":7,"outreach_whatsapp":7,
        "appointment":7,"store_visit":7,"other":7},"priority":["appointment"],"split":"last_contact"}"#;
    let r: Rules = serde_json::from_str(saved_before).unwrap();
    assert_eq!(r.windows_days.reply, DEFAULT_REPLY_DAYS);
    assert_eq!(r.rank(REPLY), 1, "unlisted kinds rank last");
}
