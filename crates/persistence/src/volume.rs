//! Volume for measuring the reports: an organisation's orders - with their proofs, invoices and
//! payments - copied in bulk, its ceilings and counters scaled by the same factor so that every
//! report still adds up to the ledger. PostgreSQL only (the database the speed targets are
//! about); never for a database holding a real organisation's records, since the copies are
//! written around the audit trail.

use sea_orm::{ConnectionTrait, DbBackend, Statement};

use crate::scope::OrgScope;
use crate::{Store, StoreError};

/// What becomes of a column in a copy.
#[derive(Clone, Copy)]
enum Copied {
    /// A key: the copy's own, derived from the original's and the copy's number, so that the
    /// copies of rows that refer to each other still do.
    Key,
    /// Unique per organisation: the copy's mark is appended.
    Marked,
}

/// The tables copied, parents first, and their columns that cannot be copied as they are.
const TABLES: &[(&str, &[(&str, Copied)])] = &[
    ("orders", &[("id", Copied::Key), ("number", Copied::Marked)]),
    ("proofs", &[("id", Copied::Key), ("order_id", Copied::Key)]),
    (
        "proof_fingerprints",
        &[("id", Copied::Key), ("order_id", Copied::Key), ("proof_id", Copied::Key), ("fingerprint", Copied::Marked)],
    ),
    ("invoices", &[("id", Copied::Key), ("number", Copied::Marked)]),
    ("invoice_lines", &[("id", Copied::Key), ("invoice_id", Copied::Key), ("order_id", Copied::Key)]),
    ("payments", &[("id", Copied::Key), ("invoice_id", Copied::Key), ("sp2d_number", Copied::Marked)]),
];

/// Ceilings and counters that grow with the orders: everything an agreement or a budget line
/// allows and holds.
const SCALED: &[(&str, &[&str])] = &[
    ("agreements", &["ceiling", "reserved", "committed", "realised"]),
    ("agreement_lines", &["quota", "ordered"]),
    ("budget_lines", &["original_ceiling", "ceiling", "allocated", "committed", "realised"]),
];

/// Adds `copies` copies of every order of the organisation (and of what hangs on them), each
/// copy's numbers marked `{mark}{n}`; returns the orders the organisation has now.
pub async fn multiply(store: &Store, scope: OrgScope, copies: u32, mark: &str) -> Result<i64, StoreError> {
    let db = store.db();
    if db.get_database_backend() != DbBackend::Postgres {
        return Err(StoreError::Db(sea_orm::DbErr::Custom("volume is made on PostgreSQL only".into())));
    }
    let organisation = scope.organisation_id();
    let mark = mark.replace('\'', "");
    let factor = i64::from(copies) + 1;
    let tx = sea_orm::TransactionTrait::begin(db).await?;
    for (table, special) in TABLES {
        let columns: Vec<String> = tx
            .query_all_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT column_name FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
                [(*table).into()],
            ))
            .await?
            .iter()
            .map(|row| row.try_get::<String>("", "column_name"))
            .collect::<Result<_, _>>()?;
        let values: Vec<String> = columns
            .iter()
            .map(|column| match special.iter().find(|(name, _)| name == column).map(|(_, how)| *how) {
                Some(Copied::Key) => format!("md5(t.{column}::text || '{mark}' || n)::uuid"),
                Some(Copied::Marked) => format!("t.{column} || '{mark}' || n"),
                None => format!("t.{column}"),
            })
            .collect();
        let sql = format!(
            "INSERT INTO {table} ({}) SELECT {} FROM {table} t CROSS JOIN generate_series(1, {copies}) AS n \
             WHERE t.organisation_id = '{organisation}'",
            columns.join(", "),
            values.join(", "),
        );
        tx.execute_unprepared(&sql).await?;
    }
    for (table, columns) in SCALED {
        let set: Vec<String> = columns.iter().map(|column| format!("{column} = {column} * {factor}")).collect();
        tx.execute_unprepared(&format!(
            "UPDATE {table} SET {} WHERE organisation_id = '{organisation}'",
            set.join(", ")
        ))
        .await?;
    }
    let orders = tx
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            format!("SELECT COUNT(*) AS orders FROM orders WHERE organisation_id = '{organisation}'"),
        ))
        .await?
        .map(|row| row.try_get::<i64>("", "orders"))
        .transpose()?
        .unwrap_or(0);
    tx.commit().await?;
    Ok(orders)
}
