//! The press registry: companies, their outlets, the people of their newsrooms (NIK sealed),
//! their Press Council records and bank accounts. Every filter of the registry's lists has an
//! index, so they stay fast at tens of thousands of companies.

use sea_orm_migration::{prelude::*, schema::*};

use super::helpers::{foreign_key, index, owned_by_organisation, scoped_key, version_positive};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// A reference from `table` to one of the organisation's press companies.
fn of_company(table: &'static str) -> ForeignKeyCreateStatement {
    foreign_key(
        &format!("fk_{table}_company"),
        table,
        &["organisation_id", "company_id"],
        "press_companies",
        &["organisation_id", "id"],
    )
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("press_companies")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(string_len("legal_name", 200))
                    .col(string_len("legal_form", 16))
                    .col(string_len_null("deed_number", 100))
                    .col(date_null("deed_date"))
                    .col(string_len_null("ahu_number", 100))
                    .col(date_null("ahu_date"))
                    .col(string_len_null("nib", 100))
                    .col(string_len("npwp", 16))
                    .col(boolean("vat_registered"))
                    .col(date_null("vat_registered_since"))
                    .col(string_len_null("address", 1000))
                    .col(string_len_null("phone", 100))
                    .col(string_len_null("email", 254))
                    .col(string_len_null("website", 1000))
                    .col(integer_null("staff_count"))
                    .col(big_integer_null("paid_up_capital"))
                    .col(boolean_null("local_office"))
                    .col(string_len_null("association", 100))
                    .col(string_len("status", 16))
                    .col(string_len_null("status_reason", 1000))
                    .col(date("status_since"))
                    // The standing of the newest Press Council record, kept here so the list can
                    // filter by it through an index.
                    .col(string_len("press_council_status", 32))
                    .col(date_null("press_council_valid_until"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer("version"))
                    .check(version_positive("press_companies"))
                    .foreign_key(&mut owned_by_organisation("press_companies"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(scoped_key("press_companies")).await?;
        manager
            .create_index(index("ux_press_companies_npwp", "press_companies", &["organisation_id", "npwp"], true))
            .await?;
        manager
            .create_index(index("ux_press_companies_name", "press_companies", &["organisation_id", "legal_name"], true))
            .await?;
        manager
            .create_index(index(
                "ix_press_companies_status",
                "press_companies",
                &["organisation_id", "status", "id"],
                false,
            ))
            .await?;
        manager
            .create_index(index(
                "ix_press_companies_press_council",
                "press_companies",
                &["organisation_id", "press_council_status", "id"],
                false,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("outlets")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(uuid("company_id"))
                    .col(string_len("media_type", 16))
                    .col(string_len("name", 200))
                    .col(string_len_null("url", 1000))
                    .col(string_len_null("frequency", 100))
                    .col(string_len("scale", 16))
                    .col(date_null("first_published"))
                    .col(string_len("periodicity", 16))
                    .col(big_integer_null("circulation"))
                    .col(big_integer_null("monthly_visitors"))
                    .col(string_len_null("claims_evidence", 1000))
                    .col(string_len_null("broadcast_licence", 100))
                    .col(date_null("broadcast_licence_until"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer("version"))
                    .check(version_positive("outlets"))
                    .foreign_key(&mut owned_by_organisation("outlets"))
                    .foreign_key(&mut of_company("outlets"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(scoped_key("outlets")).await?;
        manager
            .create_index(index("ux_outlets_name", "outlets", &["organisation_id", "media_type", "name"], true))
            .await?;
        manager.create_index(index("ix_outlets_company", "outlets", &["organisation_id", "company_id"], false)).await?;
        // The company list's media-type filter asks "has an outlet of this type".
        manager
            .create_index(index(
                "ix_outlets_media_type",
                "outlets",
                &["organisation_id", "media_type", "company_id"],
                false,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("newsroom_people")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(uuid("company_id"))
                    .col(integer("fiscal_year"))
                    .col(string_len("full_name", 200))
                    .col(string_len("role", 32))
                    .col(blob("nik_sealed"))
                    .col(string_len("nik_lookup", 64))
                    .col(string_len("nik_last_four", 4))
                    .col(string_len_null("competence_level", 16))
                    .col(string_len_null("competence_certificate", 100))
                    .col(date_null("competence_date"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer("version"))
                    .check(version_positive("newsroom_people"))
                    .foreign_key(&mut owned_by_organisation("newsroom_people"))
                    .foreign_key(&mut of_company("newsroom_people"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(scoped_key("newsroom_people")).await?;
        // One person, one company, per fiscal year.
        manager
            .create_index(index(
                "ux_newsroom_people_nik_year",
                "newsroom_people",
                &["organisation_id", "nik_lookup", "fiscal_year"],
                true,
            ))
            .await?;
        manager
            .create_index(index(
                "ix_newsroom_people_company",
                "newsroom_people",
                &["organisation_id", "company_id", "fiscal_year"],
                false,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("press_council_records")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(uuid("company_id"))
                    .col(string_len("status", 32))
                    .col(string_len_null("certificate_number", 100))
                    .col(date_null("certificate_date"))
                    .col(date_null("valid_until"))
                    .col(date("checked_on"))
                    .col(uuid_null("checked_by"))
                    .col(string_len("evidence", 1000))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut owned_by_organisation("press_council_records"))
                    .foreign_key(&mut of_company("press_council_records"))
                    .foreign_key(&mut foreign_key(
                        "fk_press_council_records_checker",
                        "press_council_records",
                        &["organisation_id", "checked_by"],
                        "users",
                        &["organisation_id", "id"],
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(scoped_key("press_council_records")).await?;
        manager
            .create_index(index(
                "ix_press_council_records_company",
                "press_council_records",
                &["organisation_id", "company_id", "checked_on"],
                false,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("bank_accounts")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(uuid("company_id"))
                    .col(string_len("bank_name", 100))
                    .col(string_len("account_number", 34))
                    .col(string_len("holder_name", 200))
                    .col(timestamp_with_time_zone_null("verified_at"))
                    .col(uuid_null("verified_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer("version"))
                    .check(version_positive("bank_accounts"))
                    .foreign_key(&mut owned_by_organisation("bank_accounts"))
                    .foreign_key(&mut of_company("bank_accounts"))
                    .foreign_key(&mut foreign_key(
                        "fk_bank_accounts_verifier",
                        "bank_accounts",
                        &["organisation_id", "verified_by"],
                        "users",
                        &["organisation_id", "id"],
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(scoped_key("bank_accounts")).await?;
        manager
            .create_index(index(
                "ux_bank_accounts_number",
                "bank_accounts",
                &["organisation_id", "bank_name", "account_number"],
                true,
            ))
            .await?;
        manager
            .create_index(index("ix_bank_accounts_company", "bank_accounts", &["organisation_id", "company_id"], false))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["bank_accounts", "press_council_records", "newsroom_people", "outlets", "press_companies"] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
