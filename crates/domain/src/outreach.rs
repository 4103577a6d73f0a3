//! Outreach: channels, consent per channel, message-template drafts, the
//! outreach settings (SMTP, webhook provider, over-messaging guard, quiet
//! hours), outbox states and the retry backoff. Rendering lives in the
//! server (it needs the template engine); everything here is pure.

use crate::error::Collector;
use serde::{Deserialize, Serialize};

/// A channel a message goes through (also `activities.channel`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// E-mail through SMTP.
    Email,
    /// SMS through the webhook provider.
    Sms,
    /// WhatsApp through the webhook provider.
    Whatsapp,
}

impl Channel {
    /// Every channel.
    pub const ALL: &'static [Channel] = &[Channel::Email, Channel::Sms, Channel::Whatsapp];

    /// Wire and storage name.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
            Channel::Whatsapp => "whatsapp",
        }
    }

    /// Parse a wire name.
    pub fn parse(s: &str) -> Option<Channel> {
        Channel::ALL.iter().copied().find(|c| c.as_str() == s)
    }
}

/// Where a message stands in the outbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OutboxStatus {
    /// Waiting for the worker (possibly held until quiet hours end).
    Queued,
    /// Leased by a worker, nothing sent yet.
    Claimed,
    /// The payload is going out (never resent for e-mail).
    Sending,
    /// Delivered to the SMTP server or the provider.
    Sent,
    /// The last attempt failed; retried later.
    Failed,
    /// Given up: out of attempts, rejected permanently, or interrupted mid-delivery.
    Dead,
}

impl OutboxStatus {
    /// Every status.
    pub const ALL: &'static [OutboxStatus] = &[
        OutboxStatus::Queued,
        OutboxStatus::Claimed,
        OutboxStatus::Sending,
        OutboxStatus::Sent,
        OutboxStatus::Failed,
        OutboxStatus::Dead,
    ];

    /// Storage name.
    pub fn as_str(self) -> &'static str {
        match self {
            OutboxStatus::Queued => "queued",
            OutboxStatus::Claimed => "claimed",
            OutboxStatus::Sending => "sending",
            OutboxStatus::Sent => "sent",
            OutboxStatus::Failed => "failed",
            OutboxStatus::Dead => "dead",
        }
    }

    /// Parse a storage name.
    pub fn parse(s: &str) -> Option<OutboxStatus> {
        OutboxStatus::ALL.iter().copied().find(|c| c.as_str() == s)
    }
}

/// A customer's consent to one channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChannelConsent {
    /// The channel.
    pub channel: Channel,
    /// Opted in (true) or out (false).
    pub opt_in: bool,
    /// When it was given or withdrawn (microseconds since the epoch).
    #[serde(skip)]
    pub at: i64,
    /// Where it came from (e.g. `store`, `web form`).
    pub source: String,
}

/// Parse a consent source (1..=100 printable characters).
pub fn parse_source(s: &str) -> Result<String, &'static str> {
    let t = s.trim();
    if t.is_empty() || t.chars().count() > 100 || t.chars().any(char::is_control) {
        return Err("must be 1 to 100 printable characters");
    }
    Ok(t.to_owned())
}

/// A message template as HQ writes it (one version).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateDraft {
    /// Code, unique per company and language (`a-z 0-9 - _`).
    pub code: String,
    /// Language: `en`, `fi` or `lt`.
    pub locale: String,
    /// Display name.
    pub name: String,
    /// Subject template (one line).
    pub subject: String,
    /// Body template.
    pub body: String,
    /// HTML body (auto-escaped) rather than plain text.
    pub html: bool,
}

/// Languages templates may be written in.
pub const LOCALES: &[&str] = &["en", "fi", "lt"];

impl TemplateDraft {
    /// Check sizes and shapes (compiling is the server's job).
    pub fn validate(&self) -> Result<(), crate::Invalid> {
        let mut c = Collector::default();
        let code_ok = !self.code.is_empty()
            && self.code.len() <= 64
            && self
                .code
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-' || ch == '_');
        if !code_ok {
            c.push("/code", "must be 1 to 64 of a-z, 0-9, - and _");
        }
        if !LOCALES.contains(&self.locale.as_str()) {
            c.push("/locale", "must be en, fi or lt");
        }
        let n = self.name.trim();
        if n.is_empty() || n.chars().count() > 200 || n.chars().any(char::is_control) {
            c.push("/name", "must be 1 to 200 printable characters");
        }
        check_subject(&self.subject, &mut c);
        if self.body.trim().is_empty() || self.body.len() > 20_000 {
            c.push("/body", "must be 1 to 20000 characters");
        }
        c.finish()
    }
}

fn check_subject(s: &str, c: &mut Collector) {
    if s.contains('\r') || s.contains('\n') {
        c.push("/subject", "must be one line (no CR or LF)");
    } else if s.chars().any(char::is_control) {
        c.push("/subject", "must not contain control characters");
    } else if s.trim().is_empty() || s.len() > 500 {
        c.push("/subject", "must be 1 to 500 characters");
    }
}

/// Whether a rendered subject is a safe single header line.
pub fn subject_is_safe(s: &str) -> bool {
    !s.chars().any(char::is_control)
}

/// SMTP transport security.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TlsMode {
    /// Plain SMTP (loopback test servers only).
    None,
    /// STARTTLS required.
    Starttls,
    /// TLS from the first byte (SMTPS).
    Tls,
}

/// The SMTP server outreach e-mail goes through.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SmtpSettings {
    /// Host name or address.
    pub host: String,
    /// Port.
    pub port: u16,
    /// Sender address.
    pub from: String,
    /// Transport security.
    pub tls: TlsMode,
    /// User name, if the server needs authentication.
    #[serde(default)]
    pub username: Option<String>,
    /// Name of the secret holding the password (`$NAME` or the file `$NAME_FILE`).
    #[serde(default)]
    pub password_secret: Option<String>,
}

/// The SMS/WhatsApp provider's webhook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct WebhookSettings {
    /// URL the worker POSTs each message to (http or https).
    pub url: String,
    /// Name of the HMAC secret (`$NAME` or the file `$NAME_FILE`).
    pub secret_name: String,
}

/// The over-messaging guard and quiet hours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct GuardSettings {
    /// At most this many messages per customer (all associates, all channels)…
    pub max_messages: u32,
    /// …in this many days.
    pub per_days: u32,
    /// Quiet hours start (hour 0..=23, UTC: companies have no time zone yet).
    pub quiet_start_hour: Option<u8>,
    /// Quiet hours end (hour 0..=23, UTC), exclusive.
    pub quiet_end_hour: Option<u8>,
}

/// Outreach settings of one company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OutreachSettings {
    /// SMTP server.
    pub smtp: SmtpSettings,
    /// SMS/WhatsApp provider (none: those channels queue but cannot be sent).
    #[serde(default)]
    pub webhook: Option<WebhookSettings>,
    /// Over-messaging guard.
    pub guard: GuardSettings,
}

impl Default for OutreachSettings {
    fn default() -> Self {
        OutreachSettings {
            smtp: SmtpSettings {
                host: "127.0.0.1".into(),
                port: 2525,
                from: "clienteling@localhost".into(),
                tls: TlsMode::None,
                username: None,
                password_secret: None,
            },
            webhook: None,
            guard: GuardSettings {
                max_messages: 3,
                per_days: 7,
                quiet_start_hour: None,
                quiet_end_hour: None,
            },
        }
    }
}

/// Whether `n` names an environment variable (A-Z, 0-9, _).
pub fn is_secret_name(n: &str) -> bool {
    !n.is_empty()
        && n.len() <= 100
        && n.chars()
            .all(|ch| ch.is_ascii_uppercase() || ch.is_ascii_digit() || ch == '_')
}

impl OutreachSettings {
    /// Check what serde's types cannot express.
    pub fn validate(&self) -> Result<(), crate::Invalid> {
        let mut c = Collector::default();
        let s = &self.smtp;
        if s.host.trim().is_empty() || s.host.len() > 253 || s.host.chars().any(char::is_whitespace)
        {
            c.push("/smtp/host", "must be a host name or address");
        }
        if s.port == 0 {
            c.push("/smtp/port", "must be 1 to 65535");
        }
        if !looks_like_email(&s.from) {
            c.push("/smtp/from", "must be an e-mail address");
        }
        if s.password_secret
            .as_deref()
            .is_some_and(|n| !is_secret_name(n))
        {
            c.push(
                "/smtp/password_secret",
                "must name an environment variable (A-Z, 0-9, _), not hold the secret",
            );
        }
        if let Some(w) = &self.webhook {
            if !(w.url.starts_with("https://") || w.url.starts_with("http://"))
                || w.url.len() > 2000
            {
                c.push("/webhook/url", "must be an http(s) URL");
            }
            if !is_secret_name(&w.secret_name) {
                c.push(
                    "/webhook/secret_name",
                    "must name an environment variable (A-Z, 0-9, _), not hold the secret",
                );
            }
        }
        validate_guard(&self.guard, &mut c);
        c.finish()
    }
}

fn validate_guard(g: &GuardSettings, c: &mut Collector) {
    if !(1..=1000).contains(&g.max_messages) {
        c.push("/guard/max_messages", "must be 1 to 1000");
    }
    if !(1..=365).contains(&g.per_days) {
        c.push("/guard/per_days", "must be 1 to 365");
    }
    match (g.quiet_start_hour, g.quiet_end_hour) {
        (None, None) => {}
        (Some(a), Some(b)) if a < 24 && b < 24 && a != b => {}
        _ => c.push(
            "/guard/quiet_start_hour",
            "quiet hours need a start and a different end hour, 0 to 23",
        ),
    }
}

/// A plausible e-mail address with no header-breaking characters.
pub fn looks_like_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && (domain.contains('.') || domain == "localhost")
        && !s
            .chars()
            .any(|ch| ch.is_whitespace() || ch.is_control() || "<>,;\"".contains(ch))
        && s.len() <= 254
}

/// When a message queued at `now` (µs, UTC) may go out: `None` for at once,
/// or the end of the quiet hours `[start, end)` it falls in.
pub fn held_until(now: i64, start: Option<u8>, end: Option<u8>) -> Option<i64> {
    const HOUR: i64 = 3_600_000_000;
    const DAY: i64 = 24 * HOUR;
    let (start, end) = (i64::from(start?), i64::from(end?));
    let day = now.div_euclid(DAY) * DAY;
    let hour = (now - day) / HOUR;
    let quiet = if start < end {
        hour >= start && hour < end
    } else {
        hour >= start || hour < end
    };
    if !quiet {
        return None;
    }
    let end_today = day + end * HOUR;
    Some(if end_today > now {
        end_today
    } else {
        end_today + DAY
    })
}

/// Like [`held_until`] with the quiet hours in local time: `offset` is the
/// company's UTC offset at `now` (µs). A daylight-saving change inside the
/// quiet hours moves their end by that hour.
pub fn held_until_local(now: i64, offset: i64, start: Option<u8>, end: Option<u8>) -> Option<i64> {
    held_until(now + offset, start, end).map(|t| t - offset)
}

/// Delay before retry number `attempt` (1-based): `base · 2^(attempt-1)`,
/// capped at `max`, scaled by `jitter` (expected in 0.5..1.5).
pub fn backoff_micros(attempt: u32, base: i64, max: i64, jitter: f64) -> i64 {
    let exp = base.saturating_mul(1_i64 << attempt.saturating_sub(1).min(30));
    let capped = exp.min(max) as f64;
    (capped * jitter.clamp(0.5, 1.5)) as i64
}

/// A shipped default template: `(code, locale, name, subject, body)`.
pub type DefaultTemplate = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

/// The templates every new company starts with (plain text, en/fi/lt).
pub const DEFAULT_TEMPLATES: &[DefaultTemplate] = &[
    (
        "birthday",
        "en",
        "Birthday greeting",
        "Happy birthday, {{ customer.first_name }}!",
        "Dear {{ customer.first_name }},\n\nall of us at {{ store.name }} wish you a very happy birthday! Drop by for a little surprise.\n\nBest wishes,\n{{ associate.name }}",
    ),
    (
        "birthday",
        "fi",
        "Syntymäpäivätervehdys",
        "Hyvää syntymäpäivää, {{ customer.first_name }}!",
        "Hei {{ customer.first_name }},\n\nkaikki meistä {{ store.name }} -myymälässä toivottavat sinulle oikein hyvää syntymäpäivää! Poikkea käymään, meillä on sinulle pieni yllätys.\n\nParhain terveisin\n{{ associate.name }}",
    ),
    (
        "birthday",
        "lt",
        "Gimtadienio sveikinimas",
        "Su gimtadieniu, {{ customer.first_name }}!",
        "Mielas(-a) {{ customer.first_name }},\n\nvisa {{ store.name }} komanda sveikina Jus gimtadienio proga! Užsukite – turime Jums nedidelę staigmeną.\n\nGeriausi linkėjimai\n{{ associate.name }}",
    ),
    (
        "thank-you",
        "en",
        "Thank you",
        "Thank you for your visit, {{ customer.first_name }}",
        "Dear {{ customer.first_name }},\n\nthank you for visiting {{ store.name }}. It was a pleasure to help you, and I am here whenever you need anything.\n\nKind regards,\n{{ associate.name }}",
    ),
    (
        "thank-you",
        "fi",
        "Kiitos",
        "Kiitos käynnistäsi, {{ customer.first_name }}",
        "Hei {{ customer.first_name }},\n\nkiitos käynnistäsi {{ store.name }} -myymälässä. Oli ilo palvella sinua, ja autan mielelläni jatkossakin.\n\nYstävällisin terveisin\n{{ associate.name }}",
    ),
    (
        "thank-you",
        "lt",
        "Padėka",
        "Ačiū, kad apsilankėte, {{ customer.first_name }}",
        "Mielas(-a) {{ customer.first_name }},\n\načiū, kad apsilankėte {{ store.name }}. Buvo malonu Jums padėti – visada mielai padėsiu ir vėl.\n\nPagarbiai\n{{ associate.name }}",
    ),
    (
        "stay-in-touch",
        "en",
        "Stay in touch",
        "News from {{ store.name }}",
        "Dear {{ customer.first_name }},\n\nit has been a while! We have new arrivals at {{ store.name }} I think you would like. Shall I set something aside for you?\n\nBest,\n{{ associate.name }}",
    ),
    (
        "stay-in-touch",
        "fi",
        "Pidetään yhteyttä",
        "Uutisia {{ store.name }} -myymälästä",
        "Hei {{ customer.first_name }},\n\nedellisestä kerrasta on jo aikaa! {{ store.name }} -myymälään on tullut uutuuksia, joista uskon sinun pitävän. Laitanko jotain sivuun sinulle?\n\nTerveisin\n{{ associate.name }}",
    ),
    (
        "stay-in-touch",
        "lt",
        "Palaikykime ryšį",
        "Naujienos iš {{ store.name }}",
        "Mielas(-a) {{ customer.first_name }},\n\nseniai matėmės! {{ store.name }} sulaukė naujienų, kurios, manau, Jums patiks. Ar atidėti ką nors Jums?\n\nGeriausi linkėjimai\n{{ associate.name }}",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    const H: i64 = 3_600_000_000;

    #[test]
    fn quiet_hours_are_local_hours() {
        let day = 20_000 * 24 * H;
        // 20:30 UTC is 22:30 at UTC+2: inside 21–8 local, held until 08:00
        // local = 06:00 UTC the next day; in UTC it would not be held.
        let now = day + 20 * H + H / 2;
        assert_eq!(
            held_until_local(now, 2 * H, Some(21), Some(8)),
            Some(day + 30 * H)
        );
        assert_eq!(held_until_local(now, 0, Some(21), Some(8)), None);
        assert_eq!(held_until_local(now, 2 * H, None, Some(8)), None);
    }

    #[test]
    fn quiet_hours_hold_until_they_end_also_across_midnight() {
        let day = 20_000 * 24 * H;
        assert_eq!(held_until(day + 12 * H, Some(21), Some(8)), None);
        assert_eq!(
            held_until(day + 22 * H, Some(21), Some(8)),
            Some(day + 32 * H)
        );
        assert_eq!(
            held_until(day + 3 * H, Some(21), Some(8)),
            Some(day + 8 * H)
        );
        assert_eq!(
            held_until(day + 13 * H, Some(12), Some(14)),
            Some(day + 14 * H)
        );
        assert_eq!(held_until(day + 3 * H, None, None), None);
    }

    #[test]
    fn backoff_doubles_up_to_the_cap_with_jitter() {
        assert_eq!(backoff_micros(1, 10, 1000, 1.0), 10);
        assert_eq!(backoff_micros(3, 10, 1000, 1.0), 40);
        assert_eq!(backoff_micros(30, 10, 1000, 1.0), 1000);
        assert_eq!(backoff_micros(3, 10, 1000, 1.5), 60);
    }

    #[test]
    fn drafts_reject_header_injection_and_bad_codes() {
        let mut d = TemplateDraft {
            code: "x".into(),
            locale: "en".into(),
            name: "X".into(),
            subject: "Hi\r\nBcc: a@b.c".into(),
            body: "b".into(),
            html: false,
        };
        let e = d.validate().unwrap_err();
        assert_eq!(e.0[0].pointer, "/subject");
        d.subject = "Hi".into();
        d.code = "Bad Code".into();
        assert_eq!(d.validate().unwrap_err().0[0].pointer, "/code");
    }

    #[test]
    fn default_settings_are_valid_and_secrets_are_names() {
        let mut s = OutreachSettings::default();
        s.validate().unwrap();
        s.smtp.password_secret = Some("hunter2".into());
        assert!(s.validate().is_err());
        assert!(looks_like_email("a@b.fi"));
        assert!(!looks_like_email("a@b.fi\r\nBcc: x@y.z"));
    }
}
