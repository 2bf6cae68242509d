//! The letterhead (*kop surat*) of each organisation and who signs its letters: one row per
//! organisation, keyed by it, edited with a version like every business record.

use sea_orm_migration::{prelude::*, schema::*};

use super::helpers::{owned_by_organisation, version_positive};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("letterheads")
                    .col(pk_uuid("organisation_id"))
                    .col(string_len("government", 200))
                    .col(string_len("office", 200))
                    .col(string_len("address", 300))
                    .col(string_len_null("phone", 100))
                    .col(string_len_null("email", 254))
                    .col(string_len_null("website", 100))
                    .col(string_len("city", 200))
                    .col(string_len("signatory_name", 200))
                    .col(string_len("signatory_title", 200))
                    .col(string_len_null("signatory_nip", 18))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer("version"))
                    .check(version_positive("letterheads"))
                    .foreign_key(&mut owned_by_organisation("letterheads"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("letterheads").to_owned()).await
    }
}
