//! Table rows as sea-orm sees them. Never serialised to clients: each area maps rows into its
//! own records, and the API into its own types.

pub mod audit_event;
pub mod login_failure;
pub mod organisation;
pub mod refresh_token;
pub mod unit;
pub mod user;
