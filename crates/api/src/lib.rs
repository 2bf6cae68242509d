//! The HTTP API of Mitra: the app builder, routes, authentication, problem+json errors and the
//! OpenAPI document. The `mitra` binary and the tests start the same `Application`.

mod access;
mod app;
pub mod auth;
pub mod config;
pub mod demo;
pub mod extract;
pub mod files;
pub mod idempotency;
pub mod letters;
pub mod logging;
pub mod open_data;
pub mod openapi;
mod problem;
pub mod public_readers;
pub mod reports;
mod request_id;
pub mod routes;
mod spa;
mod state;
mod together;
mod validation;
mod writer_thread;

pub use app::{Application, openapi, openapi_json};
pub use config::{Config, Source};
