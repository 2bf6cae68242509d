//! Schema migrations. Only sea-orm's portable schema helpers, so the same migration runs on the
//! embedded SQLite default and on PostgreSQL; foreign keys are declared at table creation because
//! SQLite cannot add them later. The one exception is PostgreSQL's alone and says why
//! (`m20261128_000005_order_basis`).

use sea_orm_migration::prelude::*;

mod helpers;
mod m20261126_000001_foundation;
mod m20261127_000001_policy;
mod m20261127_000002_registry;
mod m20261127_000003_applications;
mod m20261127_000004_money;
mod m20261127_000005_proofs_finance;
mod m20261127_000006_audit_checkpoints;
mod m20261128_000001_letterheads;
mod m20261128_000002_open_data_settings;
mod m20261128_000003_history;
mod m20261128_000004_proof_files;
mod m20261128_000005_order_basis;
mod m20261129_000001_idempotency_key_bytes;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261126_000001_foundation::Migration),
            Box::new(m20261127_000001_policy::Migration),
            Box::new(m20261127_000002_registry::Migration),
            Box::new(m20261127_000003_applications::Migration),
            Box::new(m20261127_000004_money::Migration),
            Box::new(m20261127_000005_proofs_finance::Migration),
            Box::new(m20261127_000006_audit_checkpoints::Migration),
            Box::new(m20261128_000001_letterheads::Migration),
            Box::new(m20261128_000002_open_data_settings::Migration),
            Box::new(m20261128_000003_history::Migration),
            Box::new(m20261128_000004_proof_files::Migration),
            Box::new(m20261128_000005_order_basis::Migration),
            Box::new(m20261129_000001_idempotency_key_bytes::Migration),
        ]
    }
}
