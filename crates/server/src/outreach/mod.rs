//! Templated outreach: message templates (rendered with minijinja under
//! strict rules), consent per channel, queueing into the transactional
//! outbox with the over-messaging guard, and the worker that delivers
//! e-mail over SMTP and SMS/WhatsApp through a signed webhook.

pub mod consents;
pub mod queue;
pub mod render;
pub mod settings;
pub mod smtp;
pub mod templates;
pub mod webhook;
pub mod worker;
