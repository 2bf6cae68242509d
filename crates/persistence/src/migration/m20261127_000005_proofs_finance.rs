//! What shows an order was carried out, and how it is paid: proofs with the fingerprints that tie
//! each to one order, invoices billing proof-verified orders, their acceptance and payment.

use sea_orm_migration::{prelude::*, schema::*};

use super::helpers::{index, owned_by_organisation, scoped_key, scoped_reference, version_positive};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // What the proofs showed (how many units are paid for) and when the work was published.
        manager
            .alter_table(Table::alter().table("orders").add_column(integer_null("verified_quantity")).to_owned())
            .await?;
        manager.alter_table(Table::alter().table("orders").add_column(date_null("published_on")).to_owned()).await?;

        manager
            .create_table(
                Table::create()
                    .table("proofs")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(uuid("order_id"))
                    .col(string_len("kind", 32))
                    .col(integer("quantity"))
                    .col(boolean("paid_content_labelled"))
                    .col(string_len_null("url", 2000))
                    .col(timestamp_with_time_zone_null("captured_at"))
                    .col(string_len_null("content_sha256", 64))
                    .col(string_len_null("edition", 200))
                    .col(date_null("published_on"))
                    .col(string_len_null("page", 200))
                    .col(time_null("aired_at"))
                    .col(integer_null("duration_seconds"))
                    .col(string_len_null("received_by", 200))
                    .col(string_len_null("note", 2000))
                    .col(string_len("status", 16))
                    .col(string_len_null("review_note", 2000))
                    .col(uuid_null("reviewed_by"))
                    .col(timestamp_with_time_zone_null("reviewed_at"))
                    .col(uuid_null("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer("version"))
                    .check(version_positive("proofs"))
                    .check(Check::named("ck_proofs_quantity", Expr::col("quantity").gt(0)))
                    .foreign_key(&mut owned_by_organisation("proofs"))
                    .foreign_key(&mut scoped_reference("fk_proofs_order", "proofs", "order_id", "orders"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(scoped_key("proofs")).await?;
        manager.create_index(index("ix_proofs_order", "proofs", &["organisation_id", "order_id", "id"], false)).await?;

        // A proof's address and content hash, each backing one order only: the unique index is what
        // refuses the second order, also when two are handed in at the same moment.
        manager
            .create_table(
                Table::create()
                    .table("proof_fingerprints")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(string_len("fingerprint", 2100))
                    .col(uuid("order_id"))
                    .col(uuid("proof_id"))
                    .foreign_key(&mut owned_by_organisation("proof_fingerprints"))
                    .foreign_key(&mut scoped_reference(
                        "fk_proof_fingerprints_proof",
                        "proof_fingerprints",
                        "proof_id",
                        "proofs",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ux_proof_fingerprints_fingerprint",
                "proof_fingerprints",
                &["organisation_id", "fingerprint"],
                true,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("invoices")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(uuid("company_id"))
                    .col(string_len("number", 100))
                    .col(date("invoice_date"))
                    .col(integer("fiscal_year"))
                    // The company's VAT registration on the invoice date, as it was then.
                    .col(boolean("vat_registered"))
                    .col(big_integer("amount"))
                    .col(big_integer("base"))
                    .col(big_integer("vat"))
                    .col(big_integer("gross"))
                    .col(boolean("stamp_duty"))
                    .col(string_len("state", 16))
                    .col(string_len_null("acceptance_number", 120))
                    .col(date_null("accepted_on"))
                    .col(uuid_null("accepted_by"))
                    .col(uuid_null("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer("version"))
                    .check(version_positive("invoices"))
                    .check(Check::named(
                        "ck_invoices_amounts",
                        Cond::all()
                            .add(Expr::col("amount").gt(0))
                            .add(Expr::col("vat").gte(0))
                            .add(Expr::col("gross").eq(Expr::col("base").add(Expr::col("vat")))),
                    ))
                    .foreign_key(&mut owned_by_organisation("invoices"))
                    .foreign_key(&mut scoped_reference(
                        "fk_invoices_company",
                        "invoices",
                        "company_id",
                        "press_companies",
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(scoped_key("invoices")).await?;
        manager
            .create_index(index("ux_invoices_number", "invoices", &["organisation_id", "company_id", "number"], true))
            .await?;
        manager
            .create_index(index(
                "ix_invoices_year_state",
                "invoices",
                &["organisation_id", "fiscal_year", "state", "id"],
                false,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("invoice_lines")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(uuid("invoice_id"))
                    .col(uuid("order_id"))
                    .col(uuid("agreement_id"))
                    .col(uuid("budget_line_id"))
                    .col(integer("quantity"))
                    .col(big_integer("unit_price"))
                    .col(big_integer("amount"))
                    .col(boolean("tax_inclusive"))
                    .col(big_integer("base"))
                    .col(big_integer("vat"))
                    .col(big_integer("gross"))
                    .check(Check::named(
                        "ck_invoice_lines_amount",
                        Expr::col("amount").eq(Expr::col("quantity").mul(Expr::col("unit_price"))),
                    ))
                    .foreign_key(&mut owned_by_organisation("invoice_lines"))
                    .foreign_key(&mut scoped_reference(
                        "fk_invoice_lines_invoice",
                        "invoice_lines",
                        "invoice_id",
                        "invoices",
                    ))
                    .foreign_key(&mut scoped_reference("fk_invoice_lines_order", "invoice_lines", "order_id", "orders"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(scoped_key("invoice_lines")).await?;
        // An order is billed once.
        manager
            .create_index(index("ux_invoice_lines_order", "invoice_lines", &["organisation_id", "order_id"], true))
            .await?;
        manager
            .create_index(index("ix_invoice_lines_invoice", "invoice_lines", &["organisation_id", "invoice_id"], false))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("payments")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(uuid("invoice_id"))
                    .col(string_len("sp2d_number", 100))
                    .col(date("sp2d_date"))
                    .col(big_integer("gross"))
                    .col(integer("pph23_bp"))
                    .col(big_integer("pph23"))
                    .col(big_integer("net"))
                    .col(boolean("stamp_duty"))
                    .col(string_len_null("withholding_slip_number", 100))
                    // The account paid into, as it was when paid.
                    .col(uuid("bank_account_id"))
                    .col(string_len("bank_name", 100))
                    .col(string_len("account_number", 40))
                    .col(string_len("holder_name", 300))
                    .col(uuid_null("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .check(Check::named(
                        "ck_payments_amounts",
                        Cond::all()
                            .add(Expr::col("pph23").gte(0))
                            .add(Expr::col("net").eq(Expr::col("gross").sub(Expr::col("pph23")))),
                    ))
                    .foreign_key(&mut owned_by_organisation("payments"))
                    .foreign_key(&mut scoped_reference("fk_payments_invoice", "payments", "invoice_id", "invoices"))
                    .foreign_key(&mut scoped_reference(
                        "fk_payments_bank_account",
                        "payments",
                        "bank_account_id",
                        "bank_accounts",
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(scoped_key("payments")).await?;
        // An invoice is never paid twice.
        manager
            .create_index(index("ux_payments_invoice", "payments", &["organisation_id", "invoice_id"], true))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["payments", "invoice_lines", "invoices", "proof_fingerprints", "proofs"] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        manager.alter_table(Table::alter().table("orders").drop_column("published_on").to_owned()).await?;
        manager.alter_table(Table::alter().table("orders").drop_column("verified_quantity").to_owned()).await
    }
}
