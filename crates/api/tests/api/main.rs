#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed fixture step should fail the test loudly

//! The API suite: every test starts the real server on port 0 against its own copy of the
//! fixture database (SQLite by default; PostgreSQL when MITRA_TEST_DATABASE_URL names a server)
//! and talks HTTP.

mod agreements;
mod applications;
mod audit;
mod auth;
mod content;
mod demo;
mod errors;
mod finance;
mod health;
mod helpers;
mod history;
mod letters;
mod logs;
mod open_data;
mod openapi;
mod operations;
mod orders;
mod policy;
mod registry;
mod reports;
mod transparency;
mod units;
mod users;
