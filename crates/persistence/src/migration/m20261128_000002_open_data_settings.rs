//! Open data settings: one row per organisation that publishes its contracting as OCDS, keyed by
//! the organisation itself (there is at most one publication per organisation).

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
                    .table("open_data_settings")
                    .col(pk_uuid("organisation_id"))
                    .col(string_len("ocid_prefix", 11))
                    .col(string_len("publisher_name", 200))
                    .col(string_len_null("publisher_uri", 500))
                    .col(string_len("license_url", 500))
                    .col(string_len_null("publication_policy_url", 500))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer("version"))
                    .check(version_positive("open_data_settings"))
                    .foreign_key(&mut owned_by_organisation("open_data_settings"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("open_data_settings").to_owned()).await
    }
}
