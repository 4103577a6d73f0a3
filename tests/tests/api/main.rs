//! HTTP API tests: a real server on port 0 per test, talking JSON over HTTP.

mod activities;
mod appointments;
mod auth;
mod bad_input;
mod books;
mod concurrency;
mod customers;
mod follow_ups;
mod insights;
mod matrix;
mod notes;
mod ops;
mod outreach;
mod outreach_delivery;
mod permissions;
mod privacy;
mod purchases;
mod security;
mod setup;
mod slow_headers;
mod timeline;
// uigaps
mod appointment_reminder;
mod locale_settings;
mod outreach_guard;
mod ui_audit;
