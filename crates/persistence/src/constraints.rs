//! The named rules the database keeps, and what breaking each one means to the business.
//!
//! A write that breaks a unique index, a foreign key or a check is translated here, by the
//! rule's name, into a [`StoreError`] the API can answer precisely: one table can have two unique
//! rules (a company's tax number and its name), and a failed reference names its request field.
//! PostgreSQL reports the constraint's name. SQLite reports a unique index by its columns and a
//! check by its name, but a foreign key not at all; for those the write helper asks the database
//! which referenced row is missing ([`Tx`](crate::Tx) does, on the error path only).
//!
//! The migrations create these rules under these names; `tests/constraints.rs` breaks each one
//! on the real database and checks the translation.

use sea_orm::{DbErr, RuntimeErr};

use crate::error::{Conflict, Invariant, Reference, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Meaning {
    Conflict(Conflict),
    Reference(Reference),
    Invariant(Invariant),
}

impl Meaning {
    pub(crate) fn into_error(self) -> StoreError {
        match self {
            Meaning::Conflict(conflict) => StoreError::Conflict(conflict),
            Meaning::Reference(reference) => StoreError::UnknownReference(reference),
            Meaning::Invariant(invariant) => StoreError::Invariant(invariant),
        }
    }
}

/// One named constraint. For a foreign key, `columns` reference `target_columns` of `target`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rule {
    pub name: &'static str,
    pub table: &'static str,
    pub columns: &'static [&'static str],
    pub target: &'static str,
    pub target_columns: &'static [&'static str],
    pub meaning: Meaning,
}

const fn unique(name: &'static str, table: &'static str, columns: &'static [&'static str], conflict: Conflict) -> Rule {
    Rule { name, table, columns, target: "", target_columns: &[], meaning: Meaning::Conflict(conflict) }
}

const fn reference(
    name: &'static str,
    table: &'static str,
    columns: &'static [&'static str],
    target: &'static str,
    target_columns: &'static [&'static str],
    reference: Reference,
) -> Rule {
    Rule { name, table, columns, target, target_columns, meaning: Meaning::Reference(reference) }
}

const fn check(name: &'static str, table: &'static str, invariant: Invariant) -> Rule {
    Rule { name, table, columns: &[], target: "", target_columns: &[], meaning: Meaning::Invariant(invariant) }
}

/// Every rule whose breaking a command can meet. Foreign keys that only point a row at its own
/// organisation are absent: the scope guarantees them, so breaking one is a plain database error.
pub(crate) const RULES: &[Rule] = &[
    unique("ux_organisations_slug", "organisations", &["slug"], Conflict::SlugTaken),
    unique("ux_organisations_name", "organisations", &["name"], Conflict::OrganisationNameTaken),
    unique("ux_units_code", "units", &["organisation_id", "code"], Conflict::UnitCodeTaken),
    unique("ux_users_username", "users", &["username"], Conflict::UsernameTaken),
    reference(
        "fk_users_unit",
        "users",
        &["organisation_id", "unit_id"],
        "units",
        &["organisation_id", "id"],
        Reference::Unit,
    ),
    unique(
        "ux_regulations_identity",
        "regulations",
        &["organisation_id", "kind", "number", "year"],
        Conflict::RegulationExists,
    ),
    unique(
        "ux_policy_versions_revision",
        "policy_versions",
        &["organisation_id", "fiscal_year", "revision"],
        Conflict::PolicyRevisionTaken,
    ),
    reference(
        "fk_policy_versions_regulation",
        "policy_versions",
        &["organisation_id", "regulation_id"],
        "regulations",
        &["organisation_id", "id"],
        Reference::Regulation,
    ),
    unique("ux_press_companies_npwp", "press_companies", &["organisation_id", "npwp"], Conflict::NpwpTaken),
    unique(
        "ux_press_companies_name",
        "press_companies",
        &["organisation_id", "legal_name"],
        Conflict::CompanyNameTaken,
    ),
    unique("ux_outlets_name", "outlets", &["organisation_id", "media_type", "name"], Conflict::OutletNameTaken),
    unique(
        "ux_newsroom_people_nik_year",
        "newsroom_people",
        &["organisation_id", "nik_lookup", "fiscal_year"],
        Conflict::PersonAlreadyRecorded,
    ),
    unique(
        "ux_bank_accounts_number",
        "bank_accounts",
        &["organisation_id", "bank_name", "account_number"],
        Conflict::BankAccountExists,
    ),
    reference("fk_outlets_company", "outlets", COMPANY_KEY, "press_companies", SCOPED_ID, Reference::Company),
    reference(
        "fk_newsroom_people_company",
        "newsroom_people",
        COMPANY_KEY,
        "press_companies",
        SCOPED_ID,
        Reference::Company,
    ),
    unique(
        "ux_applications_outlet_year",
        "applications",
        &["organisation_id", "outlet_id", "fiscal_year"],
        Conflict::ApplicationExists,
    ),
    reference(
        "fk_applications_outlet",
        "applications",
        &["organisation_id", "outlet_id"],
        "outlets",
        SCOPED_ID,
        Reference::Outlet,
    ),
    unique(
        "ux_site_visits_application",
        "site_visits",
        &["organisation_id", "application_id"],
        Conflict::SiteVisitRecorded,
    ),
    unique(
        "ux_budget_lines_account",
        "budget_lines",
        &["organisation_id", "fiscal_year", "unit_id", "account_code"],
        Conflict::BudgetLineExists,
    ),
    reference(
        "fk_budget_lines_unit",
        "budget_lines",
        &["organisation_id", "unit_id"],
        "units",
        SCOPED_ID,
        Reference::Unit,
    ),
    reference(
        "fk_agreements_application",
        "agreements",
        &["organisation_id", "application_id"],
        "applications",
        SCOPED_ID,
        Reference::Application,
    ),
    reference(
        "fk_agreements_budget_line",
        "agreements",
        &["organisation_id", "budget_line_id"],
        "budget_lines",
        SCOPED_ID,
        Reference::BudgetLine,
    ),
    // On PostgreSQL this name is the line's reference together with its agreement
    // (`m20261128_000005_order_basis`); the columns are SQLite's, the ones its probe asks about.
    reference(
        "fk_orders_agreement_line",
        "orders",
        &["organisation_id", "agreement_line_id"],
        "agreement_lines",
        SCOPED_ID,
        Reference::AgreementLine,
    ),
    unique(
        "ux_invoices_number",
        "invoices",
        &["organisation_id", "company_id", "number"],
        Conflict::InvoiceNumberTaken,
    ),
    unique("ux_invoice_lines_order", "invoice_lines", &["organisation_id", "order_id"], Conflict::OrderAlreadyInvoiced),
    unique("ux_payments_invoice", "payments", &["organisation_id", "invoice_id"], Conflict::InvoiceAlreadyPaid),
    unique(
        "ux_proof_fingerprints_fingerprint",
        "proof_fingerprints",
        &["organisation_id", "fingerprint"],
        Conflict::ProofReused,
    ),
    // Two imports of overlapping files, checked at the same moment, meet here: the second one's
    // check could not see rows the first had not committed yet.
    unique(
        "ux_history_batches_file",
        "history_batches",
        &["organisation_id", "kind", "sha256"],
        Conflict::HistoryImportedMeanwhile,
    ),
    unique(
        "ux_history_companies_npwp",
        "history_companies",
        &["organisation_id", "npwp"],
        Conflict::HistoryImportedMeanwhile,
    ),
    unique(
        "ux_history_agreements_number",
        "history_agreements",
        &["organisation_id", "number"],
        Conflict::HistoryImportedMeanwhile,
    ),
    unique(
        "ux_history_orders_number",
        "history_orders",
        &["organisation_id", "number"],
        Conflict::HistoryImportedMeanwhile,
    ),
    reference(
        "fk_orders_content_item",
        "orders",
        &["organisation_id", "content_item_id"],
        "content_items",
        SCOPED_ID,
        Reference::ContentItem,
    ),
    check("ck_content_items_version", "content_items", Invariant::VersionPositive),
    check("ck_open_data_settings_version", "open_data_settings", Invariant::VersionPositive),
    check("ck_organisations_version", "organisations", Invariant::VersionPositive),
    check("ck_organisations_audit_head", "organisations", Invariant::AuditHeadNonNegative),
    check("ck_units_version", "units", Invariant::VersionPositive),
    check("ck_users_version", "users", Invariant::VersionPositive),
    check("ck_regulations_version", "regulations", Invariant::VersionPositive),
    check("ck_policy_versions_version", "policy_versions", Invariant::VersionPositive),
    check("ck_policy_versions_revision", "policy_versions", Invariant::RevisionPositive),
    check("ck_press_companies_version", "press_companies", Invariant::VersionPositive),
    check("ck_outlets_version", "outlets", Invariant::VersionPositive),
    check("ck_newsroom_people_version", "newsroom_people", Invariant::VersionPositive),
    check("ck_bank_accounts_version", "bank_accounts", Invariant::VersionPositive),
    check("ck_registration_windows_version", "registration_windows", Invariant::VersionPositive),
    check("ck_registration_windows_dates", "registration_windows", Invariant::WindowClosesAfterOpening),
    check("ck_applications_version", "applications", Invariant::VersionPositive),
    check("ck_application_documents_version", "application_documents", Invariant::VersionPositive),
    check("ck_site_visits_version", "site_visits", Invariant::VersionPositive),
    check("ck_budget_lines_version", "budget_lines", Invariant::VersionPositive),
    check("ck_budget_lines_amounts", "budget_lines", Invariant::AmountsNonNegative),
    check("ck_budget_lines_allocation", "budget_lines", Invariant::CeilingHeld),
    check("ck_budget_lines_spending", "budget_lines", Invariant::CeilingHeld),
    check("ck_number_sequences_last", "number_sequences", Invariant::AmountsNonNegative),
    check("ck_agreements_version", "agreements", Invariant::VersionPositive),
    check("ck_agreements_amounts", "agreements", Invariant::AmountsNonNegative),
    check("ck_agreements_spending", "agreements", Invariant::CeilingHeld),
    check("ck_agreements_dates", "agreements", Invariant::DatesOrdered),
    check("ck_agreement_lines_amounts", "agreement_lines", Invariant::AmountsNonNegative),
    check("ck_agreement_lines_quota", "agreement_lines", Invariant::CeilingHeld),
    check("ck_agreement_lines_rate", "agreement_lines", Invariant::RateHeld),
    check("ck_orders_version", "orders", Invariant::VersionPositive),
    check("ck_orders_amount", "orders", Invariant::AmountsAddUp),
    check("ck_orders_due", "orders", Invariant::DatesOrdered),
    check("ck_proofs_version", "proofs", Invariant::VersionPositive),
    check("ck_proofs_quantity", "proofs", Invariant::AmountsNonNegative),
    check("ck_invoices_version", "invoices", Invariant::VersionPositive),
    check("ck_invoices_amounts", "invoices", Invariant::AmountsAddUp),
    check("ck_invoice_lines_amount", "invoice_lines", Invariant::AmountsAddUp),
    check("ck_payments_amounts", "payments", Invariant::AmountsAddUp),
];

/// A reference to one of the organisation's press companies, and the key it points at.
const COMPANY_KEY: &[&str] = &["organisation_id", "company_id"];
const SCOPED_ID: &[&str] = &["organisation_id", "id"];

/// What a failed statement on `table` broke.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Broken {
    Rule(&'static Rule),
    /// A foreign key SQLite did not name: one of `table`'s references.
    UnnamedReference,
}

/// Finds the rule `err` reports as broken by a statement on `table`, if any.
pub(crate) fn broken(err: &DbErr, table: &str) -> Option<Broken> {
    let (DbErr::Exec(RuntimeErr::SqlxError(sqlx_err)) | DbErr::Query(RuntimeErr::SqlxError(sqlx_err))) = err else {
        return None;
    };
    let sea_orm::sqlx::Error::Database(db) = sqlx_err.as_ref() else {
        return None;
    };
    if let Some(name) = db.constraint() {
        return RULES.iter().find(|rule| rule.name == name).map(Broken::Rule);
    }
    from_sqlite_message(db.message(), table)
}

/// SQLite's wording: `UNIQUE constraint failed: units.organisation_id, units.code`,
/// `CHECK constraint failed: ck_units_version`, `FOREIGN KEY constraint failed`.
fn from_sqlite_message(message: &str, table: &str) -> Option<Broken> {
    if let Some(columns) = message.strip_prefix("UNIQUE constraint failed: ") {
        // The message names the table too: a write of several tables at once (`at_once`) asks
        // with each of them, and only the table the message names may answer.
        let named: Vec<(Option<&str>, &str)> = columns
            .split(',')
            .map(|column| column.trim().split_once('.').map_or((None, column.trim()), |(t, c)| (Some(t), c)))
            .collect();
        if named.iter().any(|(named, _)| named.is_some_and(|named| named != table)) {
            return None;
        }
        let columns: Vec<&str> = named.into_iter().map(|(_, column)| column).collect();
        return RULES
            .iter()
            .find(|rule| rule.table == table && rule.target.is_empty() && rule.columns == columns.as_slice())
            .map(Broken::Rule);
    }
    if let Some(name) = message.strip_prefix("CHECK constraint failed: ") {
        return RULES.iter().find(|rule| rule.name == name.trim()).map(Broken::Rule);
    }
    message.starts_with("FOREIGN KEY constraint failed").then_some(Broken::UnnamedReference)
}

/// The references a write to `table` can break, to find the one SQLite did not name.
pub(crate) fn references_of(table: &str) -> impl Iterator<Item = &'static Rule> {
    RULES.iter().filter(move |rule| rule.table == table && !rule.target.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_unique_messages_find_their_rule_by_table_and_columns() {
        let found = from_sqlite_message("UNIQUE constraint failed: units.organisation_id, units.code", "units");
        assert!(matches!(found, Some(Broken::Rule(rule)) if rule.name == "ux_units_code"));
        assert!(from_sqlite_message("UNIQUE constraint failed: units.id", "units").is_none());
        // Asked for each table of a write made at once: the same columns in another table are not
        // this table's rule.
        assert!(
            from_sqlite_message("UNIQUE constraint failed: outlets.organisation_id, outlets.code", "units").is_none()
        );
    }

    #[test]
    fn sqlite_check_and_foreign_key_messages_are_recognised() {
        let found = from_sqlite_message("CHECK constraint failed: ck_users_version", "users");
        assert!(
            matches!(found, Some(Broken::Rule(rule)) if rule.meaning == Meaning::Invariant(Invariant::VersionPositive))
        );
        assert!(matches!(
            from_sqlite_message("FOREIGN KEY constraint failed", "users"),
            Some(Broken::UnnamedReference)
        ));
    }

    #[test]
    fn rule_names_are_unique() {
        let mut names: Vec<&str> = RULES.iter().map(|rule| rule.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), RULES.len());
    }
}
