//! The outbox worker: every server process runs one. Each poll it returns
//! interrupted deliveries to a safe state, leases a batch of due messages
//! and delivers them one by one, recording the outcome under its lease:
//! sent, retried later with exponential backoff and jitter, or dead after
//! the last attempt or a permanent refusal. Several workers (processes) on
//! one database never deliver a message twice (see `smtp.rs`).

use super::{smtp, webhook};
use clienteling_domain::outreach::{Channel, OutreachSettings, backoff_micros};
use clienteling_domain::time_util::now_micros;
use clienteling_store::{Lease, OutboxMessage, Store};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

/// How a worker behaves.
#[derive(Debug, Clone)]
pub struct WorkerConfig {
    /// Unique name of this worker (lease owner).
    pub name: String,
    /// Pause between polls when the outbox is idle.
    pub poll: Duration,
    /// How long a claim lasts before another worker may take the message.
    pub lease: Duration,
    /// Messages per claim.
    pub batch: u32,
    /// Attempts before a message is dead.
    pub max_attempts: i32,
    /// First retry delay (doubles per attempt).
    pub backoff_base: Duration,
    /// Longest retry delay.
    pub backoff_max: Duration,
}

impl Default for WorkerConfig {
    fn default() -> Self {
        WorkerConfig {
            name: format!("{}-{}", std::process::id(), uuid::Uuid::now_v7().simple()),
            poll: Duration::from_secs(2),
            lease: Duration::from_secs(120),
            batch: 20,
            max_attempts: 6,
            backoff_base: Duration::from_secs(30),
            backoff_max: Duration::from_secs(3600),
        }
    }
}

/// The outcome of one delivery attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// Accepted by the SMTP server or the provider.
    Sent,
    /// Failed; may be retried.
    Retry(String),
    /// Refused for good, or possibly delivered: never retried.
    Permanent(String),
    /// Another worker took the message over; nothing was sent.
    LostLease,
}

fn micros(d: Duration) -> i64 {
    i64::try_from(d.as_micros()).unwrap_or(i64::MAX)
}

fn lease(cfg: &WorkerConfig) -> Lease {
    let now = now_micros();
    Lease {
        owner: cfg.name.clone(),
        now,
        until: now + micros(cfg.lease),
    }
}

/// One poll: recover, claim, deliver. Returns how many messages were handled.
pub async fn drain_once(store: &dyn Store, cfg: &WorkerConfig) -> clienteling_store::Result<usize> {
    store.recover_interrupted(now_micros()).await?;
    let l = lease(cfg);
    let batch = store.claim_outbox(&l, cfg.batch).await?;
    let mut settings: HashMap<uuid::Uuid, OutreachSettings> = HashMap::new();
    for m in &batch {
        let s = match settings.get(&m.company.0) {
            Some(s) => s.clone(),
            None => {
                let s = store
                    .outreach_settings(m.company)
                    .await?
                    .unwrap_or_default();
                settings.insert(m.company.0, s.clone());
                s
            }
        };
        let d = deliver(store, &s, m, &lease(cfg)).await;
        record(store, cfg, m, d).await?;
    }
    Ok(batch.len())
}

async fn deliver(
    store: &dyn Store,
    s: &OutreachSettings,
    m: &OutboxMessage,
    l: &Lease,
) -> Delivery {
    match m.channel {
        Channel::Email => smtp::deliver(store, &s.smtp, m, l).await,
        Channel::Sms | Channel::Whatsapp => webhook::deliver(store, s.webhook.as_ref(), m, l).await,
    }
}

async fn record(
    store: &dyn Store,
    cfg: &WorkerConfig,
    m: &OutboxMessage,
    d: Delivery,
) -> clienteling_store::Result<()> {
    let owner = cfg.name.as_str();
    match d {
        Delivery::Sent => {
            metrics::counter!("outbox_sent_total").increment(1);
            store.mark_sent(m.id, owner, now_micros()).await?;
        }
        Delivery::Retry(e) if m.attempts < cfg.max_attempts => {
            let jitter = 0.5 + rand::random::<f64>();
            let base = micros(cfg.backoff_base);
            let delay = backoff_micros(
                u32::try_from(m.attempts).unwrap_or(1),
                base,
                micros(cfg.backoff_max),
                jitter,
            );
            tracing::debug!(message = %m.id, attempt = m.attempts, "outbox delivery failed, will retry: {e}");
            store
                .mark_failed(m.id, owner, &e, Some(now_micros() + delay))
                .await?;
        }
        Delivery::Retry(e) | Delivery::Permanent(e) => {
            metrics::counter!("outbox_dead_total").increment(1);
            tracing::warn!(message = %m.id, attempts = m.attempts, "outbox message is dead: {e}");
            store.mark_failed(m.id, owner, &e, None).await?;
        }
        Delivery::LostLease => {
            tracing::info!(message = %m.id, "outbox lease lost to another worker; not sent");
        }
    }
    Ok(())
}

/// Run until `stop` resolves: drain while there is work, else sleep `poll`.
pub async fn run(
    store: Arc<dyn Store>,
    cfg: WorkerConfig,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    loop {
        if *stop.borrow() {
            return;
        }
        let pause = match drain_once(store.as_ref(), &cfg).await {
            Ok(n) if n > 0 => Duration::ZERO,
            Ok(_) => cfg.poll,
            Err(e) => {
                tracing::warn!("outbox worker: {e}");
                cfg.poll * 5
            }
        };
        if !pause.is_zero() {
            tokio::select! {
                _ = tokio::time::sleep(pause) => {}
                _ = stop.changed() => return,
            }
        }
    }
}
