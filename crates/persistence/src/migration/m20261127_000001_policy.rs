//! Policy as data: the regulations a region's policy rests on, and its policy versions per
//! fiscal year (the document itself is JSON, judged whole by the domain before every write).

use sea_orm_migration::{prelude::*, schema::*};

use super::helpers::{foreign_key, index, owned_by_organisation, scoped_key, version_positive};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("regulations")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(string_len("kind", 16))
                    .col(string_len("number", 64))
                    .col(integer("year"))
                    .col(string_len("title", 500))
                    .col(date_null("effective_from"))
                    .col(date_null("effective_until"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer("version"))
                    .check(version_positive("regulations"))
                    .foreign_key(&mut owned_by_organisation("regulations"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(scoped_key("regulations")).await?;
        manager
            .create_index(index(
                "ux_regulations_identity",
                "regulations",
                &["organisation_id", "kind", "number", "year"],
                true,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("policy_versions")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(integer("fiscal_year"))
                    .col(integer("revision"))
                    .col(string_len("source", 64))
                    .col(uuid_null("regulation_id"))
                    .col(json_binary("content"))
                    .col(timestamp_with_time_zone_null("used_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer("version"))
                    .check(version_positive("policy_versions"))
                    .check(Check::named("ck_policy_versions_revision", Expr::col("revision").gte(1)))
                    .foreign_key(&mut owned_by_organisation("policy_versions"))
                    .foreign_key(&mut foreign_key(
                        "fk_policy_versions_regulation",
                        "policy_versions",
                        &["organisation_id", "regulation_id"],
                        "regulations",
                        &["organisation_id", "id"],
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(scoped_key("policy_versions")).await?;
        manager
            .create_index(index(
                "ux_policy_versions_revision",
                "policy_versions",
                &["organisation_id", "fiscal_year", "revision"],
                true,
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["policy_versions", "regulations"] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
