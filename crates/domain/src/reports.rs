//! What the reports for auditors and the head of office are cut by, and how they are delivered.
//! The numbers themselves are added up by the database from the records (never typed in).

use crate::money::Rupiah;
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
    /// What an allocation fairness report spreads the spending over.
    pub enum FairnessDimension ("fairness dimension") {
        /// Per outlet: who was paid how much.
        Outlet = "outlet",
        /// Per tier of the rate card.
        Tier = "tier",
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

/// `part` of `whole` as a fraction rounded to four decimals (0.1234 = 12.34 %); 0 of nothing.
pub fn share(part: Rupiah, whole: Rupiah) -> f64 {
    if whole.amount() == 0 {
        return 0.0;
    }
    (part.amount() as f64 / whole.amount() as f64 * 10_000.0).round() / 10_000.0
}

/// How concentrated spending is over the groups of a report, added up one group at a time in
/// descending order of amount (the order the reports come in), so it needs no second pass:
/// the share of the ten largest, and the Gini coefficient (0 when every group got the same,
/// approaching 1 when one group got everything).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Concentration {
    groups: u64,
    total: u128,
    top_ten: u128,
    /// Sum of rank x amount, rank 1 being the largest.
    ranked: u128,
}

impl Concentration {
    /// Adds the next group, which must not be larger than the one before.
    pub fn add(&mut self, amount: Rupiah) {
        let amount = u128::try_from(amount.amount()).unwrap_or(0);
        self.groups += 1;
        self.total += amount;
        self.ranked += u128::from(self.groups) * amount;
        if self.groups <= 10 {
            self.top_ten += amount;
        }
    }

    /// The ten largest groups' part of the total (four decimals).
    pub fn top_ten_share(&self) -> f64 {
        if self.total == 0 {
            return 0.0;
        }
        (self.top_ten as f64 / self.total as f64 * 10_000.0).round() / 10_000.0
    }

    /// G = 2 * sum(i * x_i) / (n * sum(x)) - (n + 1) / n with x ascending and i from 1, where
    /// the ascending rank is n + 1 minus the descending one (four decimals).
    pub fn gini(&self) -> f64 {
        if self.total == 0 || self.groups == 0 {
            return 0.0;
        }
        let n = self.groups as f64;
        let ascending = (u128::from(self.groups) + 1) * self.total - self.ranked;
        let gini = 2.0 * ascending as f64 / (n * self.total as f64) - (n + 1.0) / n;
        (gini.max(0.0) * 10_000.0).round() / 10_000.0
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

    fn concentration(amounts: &[i64]) -> Concentration {
        let mut concentration = Concentration::default();
        for amount in amounts {
            concentration.add(Rupiah::new(*amount).unwrap());
        }
        concentration
    }

    #[test]
    fn equal_spending_has_no_concentration_and_one_winner_has_nearly_all() {
        assert_eq!(concentration(&[500, 500, 500, 500]).gini(), 0.0);
        // Two groups, one with everything: the most a sample of two can show.
        assert_eq!(concentration(&[1_000, 0]).gini(), 0.5);
        assert_eq!(concentration(&[1_000, 0, 0, 0, 0]).gini(), 0.8);
        assert_eq!(concentration(&[]).gini(), 0.0);
        assert_eq!(concentration(&[0, 0]).gini(), 0.0);
    }

    #[test]
    fn gini_matches_the_mean_absolute_difference_definition() {
        // G = sum_i sum_j |x_i - x_j| / (2 n^2 mean), computed the long way.
        let amounts = [9_000_000_i64, 4_500_000, 2_000_000, 2_000_000, 750_000, 0];
        let n = amounts.len() as f64;
        let mean = amounts.iter().sum::<i64>() as f64 / n;
        let differences: i64 = amounts.iter().flat_map(|a| amounts.iter().map(move |b| (a - b).abs())).sum();
        let expected = differences as f64 / (2.0 * n * n * mean);
        assert!((concentration(&amounts).gini() - expected).abs() < 0.0001);
    }

    #[test]
    fn the_top_ten_share_counts_the_ten_largest() {
        let mut amounts = vec![100; 10];
        amounts.extend([50, 50]);
        assert_eq!(concentration(&amounts).top_ten_share(), 0.9091);
        assert_eq!(concentration(&[300, 100]).top_ten_share(), 1.0);
        assert_eq!(share(Rupiah::new(1).unwrap(), Rupiah::new(3).unwrap()), 0.3333);
        assert_eq!(share(Rupiah::new(1).unwrap(), Rupiah::ZERO), 0.0);
    }
}
