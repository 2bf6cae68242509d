//! An order references its agreement together with the budget line, company and outlet it was
//! issued for, and its line together with that agreement: the database itself then refuses an
//! order whose budget line, company, outlet or line is not its agreement's.
//!
//! Two composite references replace six single ones (the organisation, the agreement, the line,
//! the budget line, the company and the outlet), which the agreement's own references now imply.
//! Every order row is checked against two rows instead of six: on PostgreSQL those per-row checks
//! were a fifth of the work of the write every order of an organisation waits behind
//! (`tests/perf/orders.sh`).
//!
//! PostgreSQL only. SQLite cannot change a table's references in place: the rebuild it needs
//! runs with foreign keys switched off on one connection, which a migration on a pool cannot
//! promise. Its `orders` keep the single references, and the orders area issues every order
//! from its agreement's own rows on both databases (`orders::issue_many`).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

use super::helpers::{foreign_key, index, scoped_reference};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The single references the two composite ones make redundant, with what each pointed at.
const REPLACED: [(&str, &str, &str); 5] = [
    ("fk_orders_agreement", "agreement_id", "agreements"),
    ("fk_orders_agreement_line", "agreement_line_id", "agreement_lines"),
    ("fk_orders_budget_line", "budget_line_id", "budget_lines"),
    ("fk_orders_company", "company_id", "press_companies"),
    ("fk_orders_outlet", "outlet_id", "outlets"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DbBackend::Postgres {
            return Ok(());
        }
        // The keys the composite references point at.
        manager
            .create_index(index(
                "ux_agreements_order_basis",
                "agreements",
                &["organisation_id", "id", "budget_line_id", "company_id", "outlet_id"],
                true,
            ))
            .await?;
        manager
            .create_index(index(
                "ux_agreement_lines_of_agreement",
                "agreement_lines",
                &["organisation_id", "agreement_id", "id"],
                true,
            ))
            .await?;
        manager.drop_foreign_key(ForeignKey::drop().name("fk_orders_organisation").table("orders").to_owned()).await?;
        for (name, _, _) in REPLACED {
            manager.drop_foreign_key(ForeignKey::drop().name(name).table("orders").to_owned()).await?;
        }
        // The same names as the references they replace: an error names the agreement or its line.
        manager
            .create_foreign_key(foreign_key(
                "fk_orders_agreement",
                "orders",
                &["organisation_id", "agreement_id", "budget_line_id", "company_id", "outlet_id"],
                "agreements",
                &["organisation_id", "id", "budget_line_id", "company_id", "outlet_id"],
            ))
            .await?;
        manager
            .create_foreign_key(foreign_key(
                "fk_orders_agreement_line",
                "orders",
                &["organisation_id", "agreement_id", "agreement_line_id"],
                "agreement_lines",
                &["organisation_id", "agreement_id", "id"],
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DbBackend::Postgres {
            return Ok(());
        }
        for name in ["fk_orders_agreement", "fk_orders_agreement_line"] {
            manager.drop_foreign_key(ForeignKey::drop().name(name).table("orders").to_owned()).await?;
        }
        manager
            .create_foreign_key(foreign_key(
                "fk_orders_organisation",
                "orders",
                &["organisation_id"],
                "organisations",
                &["id"],
            ))
            .await?;
        for (name, column, target) in REPLACED {
            manager.create_foreign_key(scoped_reference(name, "orders", column, target)).await?;
        }
        manager
            .drop_index(Index::drop().name("ux_agreement_lines_of_agreement").table("agreement_lines").to_owned())
            .await?;
        manager.drop_index(Index::drop().name("ux_agreements_order_basis").table("agreements").to_owned()).await
    }
}
