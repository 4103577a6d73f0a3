//! HTTP API tests: a real server on port 0 per test, talking JSON over HTTP.

mod auth;
mod bad_input;
mod books;
mod customers;
mod insights;
mod ops;
mod permissions;
mod setup;
