//! Everything Mitra keeps: tables, migrations, and the transactional commands and queries of
//! each business area. Every query of organisation data takes an [`OrgScope`], so reading another
//! organisation's rows cannot be written by accident.

pub mod audit;
pub mod entities;
mod error;
pub mod migration;
pub mod organisations;
mod page;
pub mod sessions;
mod store;
pub mod units;
pub mod users;

pub use error::{Conflict, StoreError};
pub use page::{Page, PageRequest};
pub use store::{AuditContext, OrgScope, Store};
