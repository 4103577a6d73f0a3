//! Demo outreach data: consent per channel for most demo customers (e-mail
//! for about nine in ten, SMS for about six in ten, WhatsApp for a few), so
//! "message these customers" has something to send. The shipped message
//! templates come with the company; the SMTP default is 127.0.0.1:2525.

use anyhow::Result;
use clienteling_domain::ids::{CustomerId, StoreId};
use clienteling_domain::outreach::{Channel, ChannelConsent};
use clienteling_domain::time_util::now_micros;
use clienteling_store::Store;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// Give most demo customers consent to e-mail and SMS.
pub async fn add_consents(store: &dyn Store, ids: &[(CustomerId, StoreId)]) -> Result<()> {
    let mut rng = StdRng::seed_from_u64(2027);
    let now = now_micros();
    for (id, _) in ids {
        let mut rows = Vec::new();
        for (channel, p) in [
            (Channel::Email, 0.9),
            (Channel::Sms, 0.6),
            (Channel::Whatsapp, 0.2),
        ] {
            if rng.random_bool(p) {
                rows.push(ChannelConsent {
                    channel,
                    opt_in: true,
                    at: now,
                    source: "store".into(),
                });
            }
        }
        if !rows.is_empty() {
            store.put_consents(*id, &rows).await?;
        }
    }
    Ok(())
}

/// Point the demo's SMTP settings at 127.0.0.1 and the port in
/// `CLIENTELING_DEMO_SMTP_PORT` (default 2525), where a local test server
/// such as aiosmtpd may listen; the guard allows a few messages a week.
pub async fn configure_smtp(
    store: &dyn Store,
    company: clienteling_domain::ids::CompanyId,
) -> Result<()> {
    let mut s = clienteling_domain::outreach::OutreachSettings::default();
    if let Some(port) = std::env::var("CLIENTELING_DEMO_SMTP_PORT")
        .ok()
        .and_then(|p| p.parse().ok())
    {
        s.smtp.port = port;
    }
    s.smtp.from = "hello@aurora-fashion.example".into();
    store.put_outreach_settings(company, &s).await?;
    Ok(())
}
