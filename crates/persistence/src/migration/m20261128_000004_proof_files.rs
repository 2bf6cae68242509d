//! Proof files: a clipping's scan, a broadcast's recording, a page's screenshot or a receipt's
//! scan, kept in the file store and listed here per proof.

use sea_orm_migration::{prelude::*, schema::*};

use super::helpers::{owned_by_organisation, scoped_key, scoped_reference};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("proof_files")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(uuid("proof_id"))
                    .col(string_len("file_sha256", 64))
                    .col(string_len("file_name", 255))
                    .col(string_len("file_type", 16))
                    .col(big_integer("file_size"))
                    .col(uuid_null("uploaded_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut owned_by_organisation("proof_files"))
                    .foreign_key(&mut scoped_reference("fk_proof_files_proof", "proof_files", "proof_id", "proofs"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(scoped_key("proof_files")).await?;
        manager
            .create_index(Index::create().name("ix_proof_files_proof").table("proof_files").col("proof_id").to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("proof_files").to_owned()).await
    }
}
