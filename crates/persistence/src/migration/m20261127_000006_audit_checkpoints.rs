//! Signed audit checkpoints: each organisation's chain head (sequence, hash, time) as the server
//! signed it, so that a chain rewritten and recomputed since can be told from the original.

use sea_orm_migration::{prelude::*, schema::*};

use super::helpers::{index, owned_by_organisation, scoped_key};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("audit_checkpoints")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(big_integer("sequence"))
                    .col(string_len("head_hash", 64))
                    .col(timestamp_with_time_zone("signed_at"))
                    .col(string_len("algorithm", 16))
                    .col(string_len("key_id", 16))
                    .col(string_len("public_key", 64))
                    .col(string_len("signature", 128))
                    .foreign_key(&mut owned_by_organisation("audit_checkpoints"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(scoped_key("audit_checkpoints")).await?;
        // One checkpoint per head: a head that has not moved is not signed again.
        manager
            .create_index(index(
                "ux_audit_checkpoints_sequence",
                "audit_checkpoints",
                &["organisation_id", "sequence"],
                true,
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("audit_checkpoints").to_owned()).await
    }
}
