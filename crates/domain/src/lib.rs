//! The rules of publication partnerships, free of any IO, so that every rule can be tested
//! without a server or a database and every layer above speaks the same language.

pub mod access;
pub mod agreements;
pub mod applications;
pub mod audit;
pub mod budget;
pub mod checkpoint;
pub mod content;
pub mod eligibility;
pub mod files;
pub mod finance;
pub mod history;
pub mod identity;
pub mod letters;
pub mod money;
pub mod open_data;
pub mod orders;
pub mod organisation;
pub mod policy;
pub mod presets;
pub mod press;
pub mod proofs;
pub mod registry;
pub mod reports;
pub mod terbilang;
pub mod throttle;
pub mod violation;
pub mod vocabulary;

pub use violation::{TextRule, Violation, ViolationCode, Violations};
