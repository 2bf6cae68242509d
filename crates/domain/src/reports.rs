//! What the reports for auditors and the head of office are cut by, and how they are delivered.
//! The numbers themselves are added up by the database from the records (never typed in).

use crate::vocabulary;

vocabulary! {
    /// What a realisation report adds the payments up by.
    pub enum RealisationDimension ("realisation dimension") {
        /// Per outlet (the medium that published).
        Outlet = "outlet",
        /// Per press company (the payee).
        Company = "company",
        /// Per month of the payment (SP2D date), `YYYY-MM`.
        Month = "month",
        BudgetLine = "budget_line",
        /// Per work unit (OPD) owning the budget line.
        Unit = "unit",
    }
}

vocabulary! {
    /// How a report is delivered: the same rows and totals either way.
    pub enum ReportFormat ("report format") {
        Json = "json",
        /// Comma-separated, UTF-8, a header row, amounts as whole rupiah, a last `total` row.
        Csv = "csv",
    }
}

/// A CSV field: quoted when it holds a separator, a quote or a line break, and defused when a
/// spreadsheet would take it for a formula (a name starting with `=`, `+`, `-` or `@`).
pub fn csv_field(text: &str) -> String {
    let defused = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_owned() };
    if defused.contains([',', '"', '\n', '\r']) { format!("\"{}\"", defused.replace('"', "\"\"")) } else { defused }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_defused() {
        assert_eq!(csv_field("Sriwijaya Post"), "Sriwijaya Post");
        assert_eq!(csv_field("PT Media, Tbk"), "\"PT Media, Tbk\"");
        assert_eq!(csv_field("Radio \"Gema\""), "\"Radio \"\"Gema\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("-5"), "'-5");
        assert_eq!(csv_field("2026-03"), "2026-03");
    }
}
