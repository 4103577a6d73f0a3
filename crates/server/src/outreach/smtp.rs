//! E-mail delivery over SMTP (lettre's connection, driven step by step).
//!
//! Exactly once: the worker holds a lease (`claimed`). Connection, MAIL and
//! RCPT may fail and be retried freely: nothing is delivered until the
//! server accepts the data. Right after the server's `354` to `DATA` the
//! row is switched to `sending` by a compare-and-set on the lease; only
//! then is the message written. A worker that lost its lease stops there.
//! A message left in `sending` (the process died, or the connection broke
//! after the data went out) may have been delivered, so it is never resent:
//! it becomes `dead` with the reason, for a person to check. The
//! Message-ID is derived from the outbox id, so a duplicate could be
//! recognised downstream too.

use super::worker::Delivery;
use crate::provider::secret;
use clienteling_domain::outreach::{SmtpSettings, TlsMode};
use clienteling_store::{Lease, OutboxMessage, Store};
use lettre::message::header::ContentType;
use lettre::transport::smtp::authentication::{Credentials, DEFAULT_MECHANISMS};
use lettre::transport::smtp::client::{AsyncSmtpConnection, TlsParameters};
use lettre::transport::smtp::commands::{Data, Mail, Rcpt};
use lettre::transport::smtp::extension::ClientId;
use lettre::{Address, Message};
use std::time::Duration;

/// How long one SMTP step may take.
const TIMEOUT: Duration = Duration::from_secs(20);

/// The RFC 5322 message for an outbox row (Message-ID from its id).
pub fn build(m: &OutboxMessage, from: &str) -> Result<Message, String> {
    let content = if m.html {
        ContentType::TEXT_HTML
    } else {
        ContentType::TEXT_PLAIN
    };
    Message::builder()
        .from(from.parse().map_err(|_| "bad sender address".to_owned())?)
        .to(m
            .recipient
            .parse()
            .map_err(|_| "bad recipient address".to_owned())?)
        .subject(m.subject.clone())
        .message_id(Some(format!("<{}@clienteling>", m.id)))
        .date_now()
        .header(content)
        .body(m.body.clone())
        .map_err(|e| e.to_string())
}

fn transient(e: &lettre::transport::smtp::Error) -> Delivery {
    if e.is_permanent() {
        Delivery::Permanent(format!("the SMTP server refused: {e}"))
    } else {
        Delivery::Retry(format!("SMTP: {e}"))
    }
}

async fn connect(s: &SmtpSettings) -> Result<AsyncSmtpConnection, Delivery> {
    let hello = ClientId::Domain("clienteling".into());
    let tls =
        || TlsParameters::new_rustls(s.host.clone()).map_err(|e| Delivery::Retry(e.to_string()));
    let direct = match s.tls {
        TlsMode::Tls => Some(tls()?),
        _ => None,
    };
    let addr = (s.host.as_str(), s.port);
    let mut conn = AsyncSmtpConnection::connect_tokio1(addr, Some(TIMEOUT), &hello, direct, None)
        .await
        .map_err(|e| Delivery::Retry(format!("SMTP server unreachable: {e}")))?;
    if s.tls == TlsMode::Starttls {
        conn.starttls(tls()?, &hello)
            .await
            .map_err(|e| transient(&e))?;
    }
    if let (Some(user), Some(name)) = (&s.username, &s.password_secret) {
        let pass = secret(name)
            .ok_or_else(|| Delivery::Retry(format!("no secret in ${name} or ${name}_FILE")))?;
        let creds = Credentials::new(user.clone(), pass);
        conn.auth(DEFAULT_MECHANISMS, &creds)
            .await
            .map_err(|e| transient(&e))?;
    }
    Ok(conn)
}

/// Deliver one e-mail under `lease` (see the module comment).
pub async fn deliver(
    store: &dyn Store,
    s: &SmtpSettings,
    m: &OutboxMessage,
    lease: &Lease,
) -> Delivery {
    let msg = match build(m, &s.from) {
        Ok(msg) => msg,
        Err(e) => return Delivery::Permanent(e),
    };
    let mut conn = match connect(s).await {
        Ok(c) => c,
        Err(d) => return d,
    };
    let d = transaction(store, &mut conn, &msg, m, lease).await;
    if matches!(d, Delivery::Sent) {
        let _ = conn.quit().await;
    } else {
        conn.abort().await;
    }
    d
}

async fn transaction(
    store: &dyn Store,
    conn: &mut AsyncSmtpConnection,
    msg: &Message,
    m: &OutboxMessage,
    lease: &Lease,
) -> Delivery {
    let env = msg.envelope();
    let to: Vec<Address> = env.to().to_vec();
    if let Err(e) = conn.command(Mail::new(env.from().cloned(), vec![])).await {
        return transient(&e);
    }
    for rcpt in to {
        if let Err(e) = conn.command(Rcpt::new(rcpt, vec![])).await {
            return transient(&e);
        }
    }
    if let Err(e) = conn.command(Data).await {
        return transient(&e);
    }
    match store.mark_sending(m.id, lease).await {
        Ok(true) => {}
        Ok(false) => return Delivery::LostLease,
        Err(e) => return Delivery::Retry(format!("database: {e}")),
    }
    match conn.message(&msg.formatted()).await {
        Ok(_) => Delivery::Sent,
        Err(e) if e.is_permanent() || e.is_transient() => transient(&e),
        Err(e) => Delivery::Permanent(format!(
            "interrupted after the data was sent ({e}); not resent, it may have been delivered"
        )),
    }
}
