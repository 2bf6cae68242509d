//! The yearly call: registration windows, applications with their journal of steps, their
//! documents (files addressed by SHA-256 in the file store), site visits and their photos.

use sea_orm_migration::{prelude::*, schema::*};

use super::helpers::{index, owned_by_organisation, scoped_key, scoped_reference, version_positive};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The columns of a stored file as the file store describes it.
fn file_columns(table: TableCreateStatement) -> TableCreateStatement {
    let mut table = table;
    table
        .col(string_len("file_sha256", 64))
        .col(string_len("file_name", 255))
        .col(string_len("file_type", 16))
        .col(big_integer("file_size"))
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("registration_windows")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(integer("fiscal_year"))
                    .col(date("opens_on"))
                    .col(date("closes_on"))
                    .col(string_len_null("note", 1000))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer("version"))
                    .check(version_positive("registration_windows"))
                    .check(Check::named(
                        "ck_registration_windows_dates",
                        Expr::col("closes_on").gte(Expr::col("opens_on")),
                    ))
                    .foreign_key(&mut owned_by_organisation("registration_windows"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(scoped_key("registration_windows")).await?;
        manager
            .create_index(index(
                "ix_registration_windows_year",
                "registration_windows",
                &["organisation_id", "fiscal_year", "opens_on"],
                false,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("applications")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(uuid("outlet_id"))
                    // The outlet's company, kept here so lists filter by it through an index.
                    .col(uuid("company_id"))
                    .col(integer("fiscal_year"))
                    // The policy version the application is judged by, fixed when it is created.
                    .col(uuid("policy_version_id"))
                    .col(string_len("state", 32))
                    .col(timestamp_with_time_zone_null("submitted_at"))
                    .col(json_null("score_answers"))
                    .col(integer_null("score_points"))
                    .col(string_len_null("tier", 64))
                    .col(string_len_null("last_reason", 2000))
                    .col(timestamp_with_time_zone_null("decided_at"))
                    .col(uuid_null("decided_by"))
                    .col(uuid_null("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer("version"))
                    .check(version_positive("applications"))
                    .foreign_key(&mut owned_by_organisation("applications"))
                    .foreign_key(&mut scoped_reference(
                        "fk_applications_outlet",
                        "applications",
                        "outlet_id",
                        "outlets",
                    ))
                    .foreign_key(&mut scoped_reference(
                        "fk_applications_company",
                        "applications",
                        "company_id",
                        "press_companies",
                    ))
                    .foreign_key(&mut scoped_reference(
                        "fk_applications_policy_version",
                        "applications",
                        "policy_version_id",
                        "policy_versions",
                    ))
                    .foreign_key(&mut scoped_reference(
                        "fk_applications_decider",
                        "applications",
                        "decided_by",
                        "users",
                    ))
                    .foreign_key(&mut scoped_reference(
                        "fk_applications_creator",
                        "applications",
                        "created_by",
                        "users",
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(scoped_key("applications")).await?;
        // One application per outlet per fiscal year.
        manager
            .create_index(index(
                "ux_applications_outlet_year",
                "applications",
                &["organisation_id", "outlet_id", "fiscal_year"],
                true,
            ))
            .await?;
        manager
            .create_index(index(
                "ix_applications_year_state",
                "applications",
                &["organisation_id", "fiscal_year", "state", "id"],
                false,
            ))
            .await?;
        manager
            .create_index(index("ix_applications_company", "applications", &["organisation_id", "company_id"], false))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("application_steps")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(uuid("application_id"))
                    .col(string_len("step", 32))
                    .col(string_len("from_state", 32))
                    .col(string_len("to_state", 32))
                    .col(string_len_null("reason", 2000))
                    .col(uuid("policy_version_id"))
                    // What the decision saw: blockers, rule outcomes and score, at that moment.
                    .col(json_null("evidence"))
                    .col(uuid_null("actor_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut owned_by_organisation("application_steps"))
                    .foreign_key(&mut scoped_reference(
                        "fk_application_steps_application",
                        "application_steps",
                        "application_id",
                        "applications",
                    ))
                    .foreign_key(&mut scoped_reference(
                        "fk_application_steps_actor",
                        "application_steps",
                        "actor_id",
                        "users",
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(scoped_key("application_steps")).await?;
        manager
            .create_index(index(
                "ix_application_steps_application",
                "application_steps",
                &["organisation_id", "application_id", "id"],
                false,
            ))
            .await?;

        manager
            .create_table(
                file_columns(
                    Table::create()
                        .table("application_documents")
                        .col(pk_uuid("id"))
                        .col(uuid("organisation_id"))
                        .col(uuid("application_id"))
                        .col(string_len("requirement_code", 64))
                        .to_owned(),
                )
                .col(date_null("expires_on"))
                // A newer document for the same requirement replaces this one.
                .col(boolean("current"))
                .col(string_len("review_status", 16))
                .col(string_len_null("review_note", 2000))
                .col(uuid_null("reviewed_by"))
                .col(timestamp_with_time_zone_null("reviewed_at"))
                .col(uuid_null("uploaded_by"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .col(integer("version"))
                .check(version_positive("application_documents"))
                .foreign_key(&mut owned_by_organisation("application_documents"))
                .foreign_key(&mut scoped_reference(
                    "fk_application_documents_application",
                    "application_documents",
                    "application_id",
                    "applications",
                ))
                .foreign_key(&mut scoped_reference(
                    "fk_application_documents_reviewer",
                    "application_documents",
                    "reviewed_by",
                    "users",
                ))
                .foreign_key(&mut scoped_reference(
                    "fk_application_documents_uploader",
                    "application_documents",
                    "uploaded_by",
                    "users",
                ))
                .to_owned(),
            )
            .await?;
        manager.create_index(scoped_key("application_documents")).await?;
        manager
            .create_index(index(
                "ix_application_documents_application",
                "application_documents",
                &["organisation_id", "application_id", "requirement_code"],
                false,
            ))
            .await?;
        // The expiring-documents list walks current documents by expiry date.
        manager
            .create_index(index(
                "ix_application_documents_expiry",
                "application_documents",
                &["organisation_id", "current", "expires_on", "id"],
                false,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("site_visits")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(uuid("application_id"))
                    .col(date("visited_on"))
                    .col(json("team"))
                    .col(json("checklist"))
                    .col(string_len("conclusion", 32))
                    .col(string_len_null("notes", 2000))
                    .col(uuid_null("recorded_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer("version"))
                    .check(version_positive("site_visits"))
                    .foreign_key(&mut owned_by_organisation("site_visits"))
                    .foreign_key(&mut scoped_reference(
                        "fk_site_visits_application",
                        "site_visits",
                        "application_id",
                        "applications",
                    ))
                    .foreign_key(&mut scoped_reference(
                        "fk_site_visits_recorder",
                        "site_visits",
                        "recorded_by",
                        "users",
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(scoped_key("site_visits")).await?;
        // One visit per application: a second recording replaces the first.
        manager
            .create_index(index(
                "ux_site_visits_application",
                "site_visits",
                &["organisation_id", "application_id"],
                true,
            ))
            .await?;

        manager
            .create_table(
                file_columns(
                    Table::create()
                        .table("site_visit_photos")
                        .col(pk_uuid("id"))
                        .col(uuid("organisation_id"))
                        .col(uuid("application_id"))
                        .to_owned(),
                )
                .col(uuid_null("uploaded_by"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut owned_by_organisation("site_visit_photos"))
                .foreign_key(&mut scoped_reference(
                    "fk_site_visit_photos_application",
                    "site_visit_photos",
                    "application_id",
                    "applications",
                ))
                .foreign_key(&mut scoped_reference(
                    "fk_site_visit_photos_uploader",
                    "site_visit_photos",
                    "uploaded_by",
                    "users",
                ))
                .to_owned(),
            )
            .await?;
        manager.create_index(scoped_key("site_visit_photos")).await?;
        manager
            .create_index(index(
                "ix_site_visit_photos_application",
                "site_visit_photos",
                &["organisation_id", "application_id"],
                false,
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "site_visit_photos",
            "site_visits",
            "application_documents",
            "application_steps",
            "applications",
            "registration_windows",
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
