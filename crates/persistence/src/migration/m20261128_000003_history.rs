//! Earlier years' records imported from the spreadsheets regions kept: companies, agreements,
//! orders and payments, each row naming the import (batch) that brought it. Kept apart from the
//! live tables, whose links and checks encode the rules these records may break; here a row
//! needs only what makes it readable and findable: its number unique, its references real.

use sea_orm_migration::{prelude::*, schema::*};

use super::helpers::{foreign_key, index, owned_by_organisation, scoped_key, scoped_reference};

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLES: [&str; 5] =
    ["history_payments", "history_orders", "history_agreements", "history_companies", "history_batches"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("history_batches")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(string_len("kind", 16))
                    .col(string_len("file_name", 255))
                    .col(string_len("sha256", 64))
                    .col(integer("rows"))
                    .col(uuid_null("imported_by"))
                    .col(timestamp_with_time_zone("imported_at"))
                    .check(Check::named("ck_history_batches_rows", Expr::col("rows").gt(0)))
                    .foreign_key(&mut owned_by_organisation("history_batches"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(scoped_key("history_batches")).await?;
        // The same file is imported once.
        manager
            .create_index(index(
                "ux_history_batches_file",
                "history_batches",
                &["organisation_id", "kind", "sha256"],
                true,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("history_companies")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(uuid("batch_id"))
                    .col(string_len("npwp", 16))
                    .col(string_len("legal_name", 300))
                    .col(date_null("eligible_from"))
                    .col(date_null("eligible_until"))
                    .col(string_len_null("verified_account", 64))
                    .foreign_key(&mut owned_by_organisation("history_companies"))
                    .foreign_key(&mut scoped_reference(
                        "fk_history_companies_batch",
                        "history_companies",
                        "batch_id",
                        "history_batches",
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(scoped_key("history_companies")).await?;
        manager
            .create_index(index("ux_history_companies_npwp", "history_companies", &["organisation_id", "npwp"], true))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("history_agreements")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(uuid("batch_id"))
                    .col(string_len("number", 100))
                    .col(integer("fiscal_year"))
                    .col(string_len("company_npwp", 16))
                    .col(string_len("outlet", 300))
                    .col(string_len("unit_code", 50))
                    .col(string_len("budget_line_code", 100))
                    .col(big_integer("budget_line_ceiling"))
                    .col(date("starts_on"))
                    .col(date("ends_on"))
                    .col(big_integer("ceiling"))
                    .col(string_len("product", 100))
                    .col(big_integer("unit_price"))
                    .col(big_integer("rate_card_price"))
                    .foreign_key(&mut owned_by_organisation("history_agreements"))
                    .foreign_key(&mut scoped_reference(
                        "fk_history_agreements_batch",
                        "history_agreements",
                        "batch_id",
                        "history_batches",
                    ))
                    .foreign_key(&mut foreign_key(
                        "fk_history_agreements_company",
                        "history_agreements",
                        &["organisation_id", "company_npwp"],
                        "history_companies",
                        &["organisation_id", "npwp"],
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(scoped_key("history_agreements")).await?;
        manager
            .create_index(index(
                "ux_history_agreements_number",
                "history_agreements",
                &["organisation_id", "number"],
                true,
            ))
            .await?;
        manager
            .create_index(index(
                "ix_history_agreements_year",
                "history_agreements",
                &["organisation_id", "fiscal_year"],
                false,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("history_orders")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(uuid("batch_id"))
                    .col(string_len("number", 100))
                    .col(string_len("agreement_number", 100))
                    .col(date("issued_on"))
                    .col(big_integer("quantity"))
                    .col(big_integer("unit_price"))
                    .col(big_integer("amount"))
                    .col(date_null("published_on"))
                    .col(string_len_null("proof_url", 2000))
                    .col(boolean("proof_verified"))
                    .foreign_key(&mut owned_by_organisation("history_orders"))
                    .foreign_key(&mut scoped_reference(
                        "fk_history_orders_batch",
                        "history_orders",
                        "batch_id",
                        "history_batches",
                    ))
                    .foreign_key(&mut foreign_key(
                        "fk_history_orders_agreement",
                        "history_orders",
                        &["organisation_id", "agreement_number"],
                        "history_agreements",
                        &["organisation_id", "number"],
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(scoped_key("history_orders")).await?;
        manager
            .create_index(index("ux_history_orders_number", "history_orders", &["organisation_id", "number"], true))
            .await?;
        manager
            .create_index(index(
                "ix_history_orders_agreement",
                "history_orders",
                &["organisation_id", "agreement_number"],
                false,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("history_payments")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(uuid("batch_id"))
                    .col(string_len("sp2d_number", 100))
                    .col(date("paid_on"))
                    .col(string_len("company_npwp", 16))
                    .col(string_len_null("order_number", 100))
                    .col(string_len("invoice_number", 100))
                    .col(string_len("account_number", 64))
                    .col(big_integer("amount"))
                    .foreign_key(&mut owned_by_organisation("history_payments"))
                    .foreign_key(&mut scoped_reference(
                        "fk_history_payments_batch",
                        "history_payments",
                        "batch_id",
                        "history_batches",
                    ))
                    .foreign_key(&mut foreign_key(
                        "fk_history_payments_company",
                        "history_payments",
                        &["organisation_id", "company_npwp"],
                        "history_companies",
                        &["organisation_id", "npwp"],
                    ))
                    .foreign_key(&mut foreign_key(
                        "fk_history_payments_order",
                        "history_payments",
                        &["organisation_id", "order_number"],
                        "history_orders",
                        &["organisation_id", "number"],
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(scoped_key("history_payments")).await?;
        manager
            .create_index(index(
                "ix_history_payments_order",
                "history_payments",
                &["organisation_id", "order_number"],
                false,
            ))
            .await?;
        manager
            .create_index(index(
                "ix_history_payments_invoice",
                "history_payments",
                &["organisation_id", "company_npwp", "invoice_number"],
                false,
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in TABLES {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
