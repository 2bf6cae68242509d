//! Everything Mitra keeps: tables, migrations, and the transactional commands and queries of
//! each business area.
//!
//! Reads take the [`Store`] and an [`OrgScope`]; every change runs inside
//! [`Store::write`] (or one of its named siblings), whose [`Tx`] the commands take, so commands
//! compose in one transaction and every change is audited. Neither raw connections nor
//! transactions leave this crate.

pub mod agreements;
pub mod applications;
mod at_once;
pub mod audit;
pub mod budget;
pub mod calendar;
pub mod callers;
pub mod checkpoints;
mod columns;
mod constraints;
pub mod content;
mod entities;
mod error;
pub mod files;
pub mod finance;
mod groups;
pub mod history;
pub mod idempotency;
pub mod letterheads;
pub mod letters;
pub mod migration;
mod numbering;
pub mod open_data;
pub mod orders;
pub mod organisations;
mod page;
pub mod personal;
pub mod policy;
pub mod proofs;
pub mod registry;
pub mod reports;
mod scope;
pub mod sessions;
mod store;
#[cfg(any(test, feature = "test-support"))]
pub mod testing;
pub mod transparency;
mod tx;
pub mod units;
pub mod users;
pub mod volume;

pub use error::{Conflict, Invariant, Reference, Refusal, StoreError};
pub use groups::each_alone_on_failure;
pub use page::{Page, PageRequest};
pub use scope::OrgScope;
pub use store::{AuditContext, Exempt, Store};
pub use tx::Tx;

#[cfg(test)]
mod tests;
