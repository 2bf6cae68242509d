//! Where the money goes: budget lines with their ceilings and revisions, official number
//! sequences, agreements with their priced lines and amendments, the content bank, orders, and the idempotency
//! keys that make a retried money-moving request safe.
//!
//! Every ceiling is a counter kept next to its limit and guarded by a CHECK: commands move the
//! counters with one conditional UPDATE in the transaction that writes the record, which is what
//! holds under concurrency (see CONVENTIONS.md). Amounts are whole rupiah in BIGINT.

use sea_orm_migration::{prelude::*, schema::*};

use super::helpers::{index, owned_by_organisation, scoped_key, scoped_reference, version_positive};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn non_negative(name: &'static str, columns: &[&'static str]) -> Check {
    let mut condition = Cond::all();
    for column in columns {
        condition = condition.add(Expr::col(*column).gte(0));
    }
    Check::named(name, condition)
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("budget_lines")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(uuid("unit_id"))
                    .col(integer("fiscal_year"))
                    .col(string_len("account_code", 40))
                    .col(string_len("name", 300))
                    // The ceiling as first adopted (*pagu murni*) and as it stands now.
                    .col(big_integer("original_ceiling"))
                    .col(big_integer("ceiling"))
                    // Moved only by the agreements, orders and payments that make them up.
                    .col(big_integer("allocated"))
                    .col(big_integer("committed"))
                    .col(big_integer("realised"))
                    .col(integer("revisions"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer("version"))
                    .check(version_positive("budget_lines"))
                    .check(non_negative(
                        "ck_budget_lines_amounts",
                        &["original_ceiling", "ceiling", "allocated", "committed", "realised"],
                    ))
                    .check(Check::named("ck_budget_lines_allocation", Expr::col("allocated").lte(Expr::col("ceiling"))))
                    .check(Check::named(
                        "ck_budget_lines_spending",
                        Expr::col("committed").add(Expr::col("realised")).lte(Expr::col("ceiling")),
                    ))
                    .foreign_key(&mut owned_by_organisation("budget_lines"))
                    .foreign_key(&mut scoped_reference("fk_budget_lines_unit", "budget_lines", "unit_id", "units"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(scoped_key("budget_lines")).await?;
        manager
            .create_index(index(
                "ux_budget_lines_account",
                "budget_lines",
                &["organisation_id", "fiscal_year", "unit_id", "account_code"],
                true,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("budget_line_revisions")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(uuid("budget_line_id"))
                    .col(integer("number"))
                    .col(big_integer("from_ceiling"))
                    .col(big_integer("to_ceiling"))
                    .col(string_len("reason", 1000))
                    .col(uuid_null("actor_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut owned_by_organisation("budget_line_revisions"))
                    .foreign_key(&mut scoped_reference(
                        "fk_budget_line_revisions_line",
                        "budget_line_revisions",
                        "budget_line_id",
                        "budget_lines",
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(scoped_key("budget_line_revisions")).await?;
        manager
            .create_index(index(
                "ux_budget_line_revisions_number",
                "budget_line_revisions",
                &["organisation_id", "budget_line_id", "number"],
                true,
            ))
            .await?;

        // One row per kind of numbered document and year: its last number, taken and moved by one
        // UPDATE in the transaction that writes the document, so numbers have no gap and no twin.
        manager
            .create_table(
                Table::create()
                    .table("number_sequences")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(string_len("document", 32))
                    .col(integer("year"))
                    .col(big_integer("last"))
                    .check(non_negative("ck_number_sequences_last", &["last"]))
                    .foreign_key(&mut owned_by_organisation("number_sequences"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(scoped_key("number_sequences")).await?;
        manager
            .create_index(index(
                "ux_number_sequences_key",
                "number_sequences",
                &["organisation_id", "document", "year"],
                true,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("agreements")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(string_len("number", 120))
                    .col(uuid("application_id"))
                    .col(uuid("company_id"))
                    .col(uuid("outlet_id"))
                    .col(integer("fiscal_year"))
                    // The policy the company was approved under prices the lines: its media type
                    // and tier are copied here as they were when the agreement was drafted.
                    .col(uuid("policy_version_id"))
                    .col(string_len("media_type", 16))
                    .col(string_len("tier", 64))
                    .col(string_len("kind", 32))
                    .col(string_len("title", 300))
                    .col(string_len_null("external_order_id", 100))
                    .col(uuid("budget_line_id"))
                    .col(date("starts_on"))
                    .col(date("ends_on"))
                    .col(big_integer("ceiling"))
                    // What it holds on its budget line: its ceiling while active, what it used
                    // once closed, nothing as a draft.
                    .col(big_integer("reserved"))
                    .col(big_integer("committed"))
                    .col(big_integer("realised"))
                    .col(string_len("state", 32))
                    .col(string_len_null("ground", 32))
                    .col(string_len_null("last_reason", 2000))
                    .col(integer("amendments"))
                    .col(timestamp_with_time_zone_null("activated_at"))
                    .col(timestamp_with_time_zone_null("closed_at"))
                    .col(uuid_null("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer("version"))
                    .check(version_positive("agreements"))
                    .check(non_negative("ck_agreements_amounts", &["ceiling", "reserved", "committed", "realised"]))
                    .check(Check::named(
                        "ck_agreements_spending",
                        Expr::col("committed").add(Expr::col("realised")).lte(Expr::col("ceiling")),
                    ))
                    .check(Check::named("ck_agreements_dates", Expr::col("ends_on").gte(Expr::col("starts_on"))))
                    .foreign_key(&mut owned_by_organisation("agreements"))
                    .foreign_key(&mut scoped_reference(
                        "fk_agreements_application",
                        "agreements",
                        "application_id",
                        "applications",
                    ))
                    .foreign_key(&mut scoped_reference(
                        "fk_agreements_company",
                        "agreements",
                        "company_id",
                        "press_companies",
                    ))
                    .foreign_key(&mut scoped_reference("fk_agreements_outlet", "agreements", "outlet_id", "outlets"))
                    .foreign_key(&mut scoped_reference(
                        "fk_agreements_policy_version",
                        "agreements",
                        "policy_version_id",
                        "policy_versions",
                    ))
                    .foreign_key(&mut scoped_reference(
                        "fk_agreements_budget_line",
                        "agreements",
                        "budget_line_id",
                        "budget_lines",
                    ))
                    .foreign_key(&mut scoped_reference("fk_agreements_creator", "agreements", "created_by", "users"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(scoped_key("agreements")).await?;
        manager.create_index(index("ux_agreements_number", "agreements", &["organisation_id", "number"], true)).await?;
        manager
            .create_index(index(
                "ix_agreements_year_state",
                "agreements",
                &["organisation_id", "fiscal_year", "state", "id"],
                false,
            ))
            .await?;
        manager
            .create_index(index("ix_agreements_company", "agreements", &["organisation_id", "company_id"], false))
            .await?;
        manager
            .create_index(index(
                "ix_agreements_budget_line",
                "agreements",
                &["organisation_id", "budget_line_id"],
                false,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("agreement_lines")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(uuid("agreement_id"))
                    .col(integer("position"))
                    .col(string_len("product", 40))
                    .col(integer("quota"))
                    // Units on orders that are not declined or cancelled.
                    .col(integer("ordered"))
                    .col(big_integer("offered_price"))
                    .col(big_integer("reference_price"))
                    .col(big_integer("agreed_price"))
                    // The rate card's entry when the price was agreed: the maximum, whether it
                    // includes VAT, and where it comes from.
                    .col(big_integer("rate_max"))
                    .col(boolean("tax_inclusive"))
                    .col(string_len("legal_basis", 500))
                    .col(string_len_null("negotiation_note", 1000))
                    .check(non_negative(
                        "ck_agreement_lines_amounts",
                        &["ordered", "offered_price", "reference_price", "agreed_price", "rate_max"],
                    ))
                    .check(Check::named("ck_agreement_lines_quota", Expr::col("ordered").lte(Expr::col("quota"))))
                    .check(Check::named(
                        "ck_agreement_lines_rate",
                        Expr::col("agreed_price").lte(Expr::col("rate_max")),
                    ))
                    .foreign_key(&mut owned_by_organisation("agreement_lines"))
                    .foreign_key(&mut scoped_reference(
                        "fk_agreement_lines_agreement",
                        "agreement_lines",
                        "agreement_id",
                        "agreements",
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(scoped_key("agreement_lines")).await?;
        manager
            .create_index(index(
                "ux_agreement_lines_product",
                "agreement_lines",
                &["organisation_id", "agreement_id", "product"],
                true,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("agreement_amendments")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(uuid("agreement_id"))
                    .col(integer("number"))
                    .col(string_len("reason", 2000))
                    // The terms before and after, as the agreement's view shows them.
                    .col(json("before"))
                    .col(json("after"))
                    .col(uuid_null("actor_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut owned_by_organisation("agreement_amendments"))
                    .foreign_key(&mut scoped_reference(
                        "fk_agreement_amendments_agreement",
                        "agreement_amendments",
                        "agreement_id",
                        "agreements",
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(scoped_key("agreement_amendments")).await?;
        manager
            .create_index(index(
                "ux_agreement_amendments_number",
                "agreement_amendments",
                &["organisation_id", "agreement_id", "number"],
                true,
            ))
            .await?;

        // The content bank: what orders ask the press to publish.
        manager
            .create_table(
                Table::create()
                    .table("content_items")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(string_len("kind", 32))
                    .col(string_len("title", 300))
                    .col(text("body"))
                    .col(date("released_on"))
                    .col(uuid_null("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer("version"))
                    .check(version_positive("content_items"))
                    .foreign_key(&mut owned_by_organisation("content_items"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(scoped_key("content_items")).await?;
        manager
            .create_index(index(
                "ix_content_items_released",
                "content_items",
                &["organisation_id", "released_on", "id"],
                false,
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("content_attachments")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(uuid("content_item_id"))
                    .col(string_len("file_sha256", 64))
                    .col(string_len("file_name", 255))
                    .col(string_len("file_type", 16))
                    .col(big_integer("file_size"))
                    .col(uuid_null("uploaded_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut owned_by_organisation("content_attachments"))
                    .foreign_key(&mut scoped_reference(
                        "fk_content_attachments_item",
                        "content_attachments",
                        "content_item_id",
                        "content_items",
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(scoped_key("content_attachments")).await?;

        manager
            .create_table(
                Table::create()
                    .table("orders")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(string_len("number", 120))
                    .col(uuid("agreement_id"))
                    .col(uuid("agreement_line_id"))
                    .col(uuid("budget_line_id"))
                    .col(uuid("company_id"))
                    .col(uuid("outlet_id"))
                    .col(integer("fiscal_year"))
                    .col(string_len("product", 40))
                    .col(integer("quantity"))
                    // The agreed price when the order was issued, and what the order is worth.
                    .col(big_integer("unit_price"))
                    .col(big_integer("amount"))
                    .col(string_len("subject", 300))
                    .col(string_len_null("instructions", 4000))
                    // The press release or material to publish, from the content bank.
                    .col(uuid_null("content_item_id"))
                    .col(date("issued_on"))
                    .col(date("due_from"))
                    .col(date("due_until"))
                    .col(string_len("state", 32))
                    .col(string_len_null("last_reason", 2000))
                    .col(uuid_null("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer("version"))
                    .check(version_positive("orders"))
                    .check(Check::named(
                        "ck_orders_amount",
                        Cond::all()
                            .add(Expr::col("quantity").gt(0))
                            .add(Expr::col("unit_price").gt(0))
                            .add(Expr::col("amount").eq(Expr::col("quantity").mul(Expr::col("unit_price")))),
                    ))
                    .check(Check::named("ck_orders_due", Expr::col("due_until").gte(Expr::col("due_from"))))
                    .foreign_key(&mut owned_by_organisation("orders"))
                    .foreign_key(&mut scoped_reference("fk_orders_agreement", "orders", "agreement_id", "agreements"))
                    .foreign_key(&mut scoped_reference(
                        "fk_orders_agreement_line",
                        "orders",
                        "agreement_line_id",
                        "agreement_lines",
                    ))
                    .foreign_key(&mut scoped_reference(
                        "fk_orders_budget_line",
                        "orders",
                        "budget_line_id",
                        "budget_lines",
                    ))
                    .foreign_key(&mut scoped_reference("fk_orders_company", "orders", "company_id", "press_companies"))
                    .foreign_key(&mut scoped_reference("fk_orders_outlet", "orders", "outlet_id", "outlets"))
                    .foreign_key(&mut scoped_reference("fk_orders_creator", "orders", "created_by", "users"))
                    .foreign_key(&mut scoped_reference(
                        "fk_orders_content_item",
                        "orders",
                        "content_item_id",
                        "content_items",
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(scoped_key("orders")).await?;
        manager.create_index(index("ux_orders_number", "orders", &["organisation_id", "number"], true)).await?;
        manager
            .create_index(index(
                "ix_orders_year_state",
                "orders",
                &["organisation_id", "fiscal_year", "state", "id"],
                false,
            ))
            .await?;
        manager
            .create_index(index("ix_orders_agreement", "orders", &["organisation_id", "agreement_id", "id"], false))
            .await?;

        // A money-moving request's key, claimed before the work runs and answered with the
        // first response afterwards; kept for a documented time.
        manager
            .create_table(
                Table::create()
                    .table("idempotency_keys")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(string_len("key", 255))
                    .col(uuid_null("user_id"))
                    // SHA-256 of the method, path and body the key was first used with.
                    .col(string_len("fingerprint", 64))
                    // Null while the first request runs.
                    .col(integer_null("status"))
                    .col(text_null("response_body"))
                    .col(string_len_null("response_location", 500))
                    .col(string_len_null("response_etag", 100))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .foreign_key(&mut owned_by_organisation("idempotency_keys"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("ux_idempotency_keys_key", "idempotency_keys", &["organisation_id", "key"], true))
            .await?;
        manager
            .create_index(index(
                "ix_idempotency_keys_expiry",
                "idempotency_keys",
                &["organisation_id", "expires_at"],
                false,
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "idempotency_keys",
            "orders",
            "content_attachments",
            "content_items",
            "agreement_amendments",
            "agreement_lines",
            "agreements",
            "number_sequences",
            "budget_line_revisions",
            "budget_lines",
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
