//! Schema pieces every migration builds with, so tables look alike: named foreign keys that
//! restrict, `(organisation_id, id)` keys for composite references, positive versions.
//! Migrations are history: change a helper only in ways that keep every existing migration's
//! output the same.

use sea_orm_migration::prelude::*;

/// A foreign key from `columns` of `table` to the same-named key of `target`.
pub(super) fn foreign_key(
    name: &str,
    table: &'static str,
    columns: &[&'static str],
    target: &'static str,
    target_columns: &[&'static str],
) -> ForeignKeyCreateStatement {
    let mut key = ForeignKey::create();
    key.name(name).from_tbl(table).to_tbl(target);
    for column in columns {
        key.from_col(*column);
    }
    for column in target_columns {
        key.to_col(*column);
    }
    key.on_delete(ForeignKeyAction::Restrict).on_update(ForeignKeyAction::Restrict).to_owned()
}

/// Points a row at its organisation.
pub(super) fn owned_by_organisation(table: &'static str) -> ForeignKeyCreateStatement {
    foreign_key(&format!("fk_{table}_organisation"), table, &["organisation_id"], "organisations", &["id"])
}

pub(super) fn index(name: &str, table: &'static str, cols: &[&'static str], unique: bool) -> IndexCreateStatement {
    let mut statement = Index::create();
    statement.name(name).table(table);
    for col in cols {
        statement.col(*col);
    }
    if unique {
        statement.unique();
    }
    statement.to_owned()
}

/// The key other organisation-owned rows reference: `(organisation_id, id)`.
pub(super) fn scoped_key(table: &'static str) -> IndexCreateStatement {
    index(&format!("ux_{table}_scoped_id"), table, &["organisation_id", "id"], true)
}

pub(super) fn version_positive(table: &str) -> Check {
    Check::named(format!("ck_{table}_version"), Expr::col("version").gte(1))
}

/// A reference from `table.column` to a row of the same organisation in `target`.
pub(super) fn scoped_reference(
    name: &str,
    table: &'static str,
    column: &'static str,
    target: &'static str,
) -> ForeignKeyCreateStatement {
    foreign_key(name, table, &["organisation_id", column], target, &["organisation_id", "id"])
}
