//! HTTP API tests: a real server on port 0 per test, talking JSON over HTTP.

mod activities;
mod appointments;
mod auth;
mod bad_input;
mod books;
mod customers;
mod insights;
mod matrix;
mod notes;
mod ops;
mod permissions;
mod privacy;
mod purchases;
mod security;
mod setup;
mod timeline;
