//! Organisations and units, users and their sessions, login throttling and the audit trail.
//!
//! Every organisation-owned table is unique on `(organisation_id, id)`, and rows reference each
//! other through both columns: a reference into another organisation fails in the database, not
//! only in a check someone remembered to write. Constraint names are what
//! `constraints.rs` translates into business errors.

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
                    .table("organisations")
                    .col(pk_uuid("id"))
                    .col(string_len("slug", 40))
                    .col(string_len("name", 200))
                    .col(big_integer("audit_head_sequence"))
                    .col(string_len("audit_head_hash", 64))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer("version"))
                    .check(version_positive("organisations"))
                    .check(Check::named("ck_organisations_audit_head", Expr::col("audit_head_sequence").gte(0)))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("ux_organisations_slug", "organisations", &["slug"], true)).await?;
        manager.create_index(index("ux_organisations_name", "organisations", &["name"], true)).await?;

        manager
            .create_table(
                Table::create()
                    .table("units")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(string_len("code", 32))
                    .col(string_len("name", 200))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer("version"))
                    .check(version_positive("units"))
                    .foreign_key(&mut owned_by_organisation("units"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(scoped_key("units")).await?;
        manager.create_index(index("ux_units_code", "units", &["organisation_id", "code"], true)).await?;

        manager
            .create_table(
                Table::create()
                    .table("users")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(uuid_null("unit_id"))
                    .col(string_len("username", 64))
                    .col(string_len("full_name", 200))
                    .col(string_len_null("email", 254))
                    .col(string_len("role", 32))
                    .col(string_len("password_hash", 255))
                    .col(boolean("active"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer("version"))
                    .check(version_positive("users"))
                    .foreign_key(&mut owned_by_organisation("users"))
                    .foreign_key(&mut foreign_key(
                        "fk_users_unit",
                        "users",
                        &["organisation_id", "unit_id"],
                        "units",
                        &["organisation_id", "id"],
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(scoped_key("users")).await?;
        manager.create_index(index("ux_users_username", "users", &["username"], true)).await?;

        manager
            .create_table(
                Table::create()
                    .table("refresh_tokens")
                    .col(pk_uuid("id"))
                    .col(uuid("family_id"))
                    .col(uuid("user_id"))
                    .col(uuid("organisation_id"))
                    .col(string_len("token_hash", 64))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("rotated_at"))
                    .col(timestamp_with_time_zone_null("revoked_at"))
                    .foreign_key(&mut owned_by_organisation("refresh_tokens"))
                    .foreign_key(&mut foreign_key(
                        "fk_refresh_tokens_user",
                        "refresh_tokens",
                        &["organisation_id", "user_id"],
                        "users",
                        &["organisation_id", "id"],
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("ux_refresh_tokens_hash", "refresh_tokens", &["token_hash"], true)).await?;
        manager.create_index(index("ix_refresh_tokens_family", "refresh_tokens", &["family_id"], false)).await?;
        manager
            .create_index(index("ix_refresh_tokens_user", "refresh_tokens", &["organisation_id", "user_id"], false))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("login_failures")
                    .col(pk_uuid("id"))
                    .col(string_len("throttle_key", 200))
                    .col(timestamp_with_time_zone("occurred_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("ix_login_failures_key", "login_failures", &["throttle_key", "occurred_at"], false))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("audit_events")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(big_integer("sequence"))
                    .col(big_integer("occurred_at_micros"))
                    .col(uuid_null("actor_id"))
                    .col(string_len("entity_type", 64))
                    .col(string_len("entity_id", 128))
                    .col(string_len("action", 64))
                    .col(text_null("before_state"))
                    .col(text_null("after_state"))
                    .col(string_len_null("request_id", 128))
                    .col(string_len("prev_hash", 64))
                    .col(string_len("hash", 64))
                    .foreign_key(&mut owned_by_organisation("audit_events"))
                    .foreign_key(&mut foreign_key(
                        "fk_audit_events_actor",
                        "audit_events",
                        &["organisation_id", "actor_id"],
                        "users",
                        &["organisation_id", "id"],
                    ))
                    .to_owned(),
            )
            .await?;
        // One event per sequence number: two writers can never fork an organisation's chain.
        manager
            .create_index(index("ux_audit_events_sequence", "audit_events", &["organisation_id", "sequence"], true))
            .await?;
        manager
            .create_index(index(
                "ix_audit_events_entity",
                "audit_events",
                &["organisation_id", "entity_type", "entity_id"],
                false,
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["audit_events", "login_failures", "refresh_tokens", "users", "units", "organisations"] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
