//! Sales attribution: which associate's contact earned a purchase. HQ sets
//! the rules (a window per contact kind, an engagement priority, a split
//! rule); [`attribute`] applies them to one purchase and the contacts that
//! preceded it. Pure: the server feeds it from SQL and stores the result.
//!
//! Window edges: a contact counts for a purchase when it happened strictly
//! before the purchase (`contact.at < purchase.at`; a purchase before or at
//! the same instant as a contact is not attributed to it) and the purchase
//! came at most `window` days after it (`purchase.at - contact.at <=
//! window`, inclusive). A window of 0 days switches a kind off.

use crate::Invalid;
use crate::error::Collector;
use crate::ids::AssociateId;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Microseconds in a day.
pub const DAY_MICROS: i64 = 86_400_000_000;

/// What kind of contact preceded a purchase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ContactKind {
    /// An outreach e-mail.
    OutreachEmail,
    /// An outreach SMS.
    OutreachSms,
    /// An outreach WhatsApp message.
    OutreachWhatsapp,
    /// An appointment (booked or held; not cancelled or missed).
    Appointment,
    /// A store visit.
    StoreVisit,
    /// Any other activity (phone call, e-mail logged by hand, …).
    Other,
    /// The customer's reply to a contact (an activity of type `reply`).
    Reply,
}

impl ContactKind {
    /// Every kind, in wire order.
    pub const ALL: [ContactKind; 7] = [
        ContactKind::OutreachEmail,
        ContactKind::OutreachSms,
        ContactKind::OutreachWhatsapp,
        ContactKind::Appointment,
        ContactKind::StoreVisit,
        ContactKind::Other,
        ContactKind::Reply,
    ];

    /// The wire name, e.g. `outreach_email`.
    pub fn as_str(self) -> &'static str {
        match self {
            ContactKind::OutreachEmail => "outreach_email",
            ContactKind::OutreachSms => "outreach_sms",
            ContactKind::OutreachWhatsapp => "outreach_whatsapp",
            ContactKind::Appointment => "appointment",
            ContactKind::StoreVisit => "store_visit",
            ContactKind::Other => "other",
            ContactKind::Reply => "reply",
        }
    }

    /// Parse a wire name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The kind of an activity from its type code and outreach channel.
    pub fn of_activity(type_code: &str, channel: Option<&str>) -> Self {
        match (type_code, channel) {
            ("outreach", Some("sms")) => ContactKind::OutreachSms,
            ("outreach", Some("whatsapp")) => ContactKind::OutreachWhatsapp,
            ("outreach", _) => ContactKind::OutreachEmail,
            ("appointment", _) => ContactKind::Appointment,
            ("store_visit", _) => ContactKind::StoreVisit,
            ("reply", _) => ContactKind::Reply,
            _ => ContactKind::Other,
        }
    }
}

/// How a purchase is shared when several associates contacted the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Split {
    /// The best contact (highest priority, then latest) takes it all.
    LastContact,
    /// Every associate with a contact in the window gets an equal share.
    Equal,
}

/// Window lengths in days, per contact kind (0 = does not count).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Windows {
    /// Outreach by e-mail.
    pub outreach_email: u32,
    /// Outreach by SMS.
    pub outreach_sms: u32,
    /// Outreach by WhatsApp.
    pub outreach_whatsapp: u32,
    /// Appointments.
    pub appointment: u32,
    /// Store visits.
    pub store_visit: u32,
    /// Any other activity.
    pub other: u32,
    /// Customer replies (absent in rules saved before replies existed:
    /// [`DEFAULT_REPLY_DAYS`]).
    #[serde(default = "default_reply_days")]
    pub reply: u32,
}

/// The default window of customer replies, in days.
pub const DEFAULT_REPLY_DAYS: u32 = 14;

fn default_reply_days() -> u32 {
    DEFAULT_REPLY_DAYS
}

impl Windows {
    /// The window of a kind, in days.
    pub fn days(&self, kind: ContactKind) -> u32 {
        match kind {
            ContactKind::OutreachEmail => self.outreach_email,
            ContactKind::OutreachSms => self.outreach_sms,
            ContactKind::OutreachWhatsapp => self.outreach_whatsapp,
            ContactKind::Appointment => self.appointment,
            ContactKind::StoreVisit => self.store_visit,
            ContactKind::Other => self.other,
            ContactKind::Reply => self.reply,
        }
    }

    /// The longest window, in microseconds.
    pub fn max_micros(&self) -> i64 {
        ContactKind::ALL
            .iter()
            .map(|k| i64::from(self.days(*k)) * DAY_MICROS)
            .max()
            .unwrap_or(0)
    }
}

/// HQ's attribution rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// Window per contact kind, in days.
    pub windows_days: Windows,
    /// Contact kinds by engagement, highest first; unlisted kinds rank last.
    pub priority: Vec<ContactKind>,
    /// Last contact wins, or an equal split.
    pub split: Split,
}

/// Longest window HQ may set, in days.
pub const MAX_WINDOW_DAYS: u32 = 365;

impl Default for Rules {
    /// 14 days for outreach, replies and activities, 30 for appointments;
    /// appointment > reply > store visit > messages > other; last contact wins.
    fn default() -> Self {
        Rules {
            windows_days: Windows {
                outreach_email: 14,
                outreach_sms: 14,
                outreach_whatsapp: 14,
                appointment: 30,
                store_visit: 14,
                other: 14,
                reply: DEFAULT_REPLY_DAYS,
            },
            priority: vec![
                ContactKind::Appointment,
                ContactKind::Reply,
                ContactKind::StoreVisit,
                ContactKind::OutreachWhatsapp,
                ContactKind::OutreachSms,
                ContactKind::OutreachEmail,
                ContactKind::Other,
            ],
            split: Split::LastContact,
        }
    }
}

impl Rules {
    /// Check windows (0..=365 days) and that no kind is listed twice;
    /// errors point at `/windows_days/<kind>` and `/priority`.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut c = Collector::default();
        for k in ContactKind::ALL {
            if self.windows_days.days(k) > MAX_WINDOW_DAYS {
                c.push(
                    &format!("/windows_days/{}", k.as_str()),
                    format!("must be at most {MAX_WINDOW_DAYS} days"),
                );
            }
        }
        let mut seen = self.priority.clone();
        seen.sort_unstable();
        seen.dedup();
        if seen.len() != self.priority.len() {
            c.push("/priority", "lists a contact kind twice");
        }
        c.finish()
    }

    /// Rank of a kind: 0 is the most engaging.
    pub fn rank(&self, kind: ContactKind) -> usize {
        self.priority
            .iter()
            .position(|k| *k == kind)
            .unwrap_or(self.priority.len())
    }
}

/// A contact with a customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    /// The activity id.
    pub id: Uuid,
    /// Who made it.
    pub associate: AssociateId,
    /// What kind it was.
    pub kind: ContactKind,
    /// When (µs since the epoch).
    pub at: i64,
}

/// One associate's share of a purchase and the contact that earned it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Share {
    /// The associate credited.
    pub associate: AssociateId,
    /// The contact that earned it.
    pub contact: Contact,
    /// The share, in minor units (shares of a purchase sum to its amount).
    pub amount_minor: i64,
}

fn counts(rules: &Rules, c: &Contact, purchase_at: i64) -> bool {
    let window = i64::from(rules.windows_days.days(c.kind)) * DAY_MICROS;
    c.at < purchase_at && purchase_at - c.at <= window && window > 0
}

/// Better contact first: higher engagement, then later, then larger id.
fn better(rules: &Rules, a: &Contact, b: &Contact) -> std::cmp::Ordering {
    rules
        .rank(a.kind)
        .cmp(&rules.rank(b.kind))
        .then(b.at.cmp(&a.at))
        .then(b.id.cmp(&a.id))
}

/// Attribute one purchase (at `purchase_at`, `amount_minor`) given the
/// customer's contacts (any order). Empty when no contact counts.
///
/// `LastContact`: the best contact takes the whole amount (best = highest
/// engagement, then latest, ties by the larger contact id). `Equal`: every
/// associate with a counting contact gets `amount / n`; the remainder goes
/// one minor unit each to the associates with the best contacts, so the
/// shares sum exactly to the amount. Each share names the associate's best
/// contact. Shares are ordered best contact first.
pub fn attribute(
    rules: &Rules,
    purchase_at: i64,
    amount_minor: i64,
    contacts: &[Contact],
) -> Vec<Share> {
    let mut eligible: Vec<&Contact> = contacts
        .iter()
        .filter(|c| counts(rules, c, purchase_at))
        .collect();
    eligible.sort_by(|a, b| better(rules, a, b));
    let mut best_per_associate: Vec<&Contact> = Vec::new();
    for c in eligible {
        if !best_per_associate
            .iter()
            .any(|b| b.associate == c.associate)
        {
            best_per_associate.push(c);
        }
    }
    if rules.split == Split::LastContact {
        best_per_associate.truncate(1);
    }
    split_equally(amount_minor, &best_per_associate)
}

fn split_equally(amount_minor: i64, winners: &[&Contact]) -> Vec<Share> {
    let Ok(n) = i64::try_from(winners.len()) else {
        return Vec::new();
    };
    if n == 0 {
        return Vec::new();
    }
    let base = amount_minor.div_euclid(n);
    let remainder = amount_minor.rem_euclid(n);
    winners
        .iter()
        .zip(0..)
        .map(|(c, i)| Share {
            associate: c.associate,
            contact: (*c).clone(),
            amount_minor: base + i64::from(i < remainder),
        })
        .collect()
}

#[cfg(test)]
#[path = "attribution_tests.rs"]
mod tests;
