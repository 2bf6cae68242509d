//! The budget: a unit's budget lines of a fiscal year (*DPA*), each with its ceiling (*pagu*)
//! as first adopted and as revised, and the figures that say what is left (business rule 7).
//!
//! What is allocated, committed and realised is never typed in: the agreements, orders and
//! payments that make it up move it, inside the transaction that writes them.

use crate::money::Rupiah;
use crate::policy::FiscalYear;
use crate::violation::{TextRule, Violation, ViolationCode, Violations, bounded_text};

/// A budget account code as the budget document prints it: `5.1.02.01.01.0025`.
pub struct AccountCode;

impl TextRule for AccountCode {
    const MIN: u64 = 1;
    const MAX: u64 = 40;
    const PATTERN: Option<&'static str> = Some("^[0-9]+(\\.[0-9]+)*$");
}

impl AccountCode {
    pub fn parse(raw: &str) -> Result<String, Violation> {
        let code = raw.trim();
        let well_formed = !code.is_empty()
            && code.len() <= Self::MAX as usize
            && code.split('.').all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
        if !well_formed {
            return Err(Violation::new(
                "",
                ViolationCode::InvalidFormat,
                "digits separated by dots, e.g. 5.1.02.01.01.0025",
            ));
        }
        Ok(code.to_owned())
    }
}

/// A budget line's name: "Belanja Jasa Iklan/Reklame, Film, dan Pemotretan".
pub struct BudgetLineName;

impl TextRule for BudgetLineName {
    const MIN: u64 = 3;
    const MAX: u64 = 300;
}

/// Why a ceiling was revised: the budget change (*APBD Perubahan*) that did it.
pub struct RevisionReason;

impl TextRule for RevisionReason {
    const MIN: u64 = 3;
    const MAX: u64 = 1000;
}

/// A budget line as adopted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBudgetLine {
    pub unit_id: uuid::Uuid,
    pub fiscal_year: FiscalYear,
    pub account_code: String,
    pub name: String,
    /// The original ceiling (*pagu murni*).
    pub ceiling: Rupiah,
}

impl NewBudgetLine {
    pub fn new(
        unit_id: uuid::Uuid,
        fiscal_year: FiscalYear,
        account_code: &str,
        name: &str,
        ceiling: Rupiah,
    ) -> Result<Self, Violations> {
        let mut violations = Violations::new();
        let account_code = violations.check("account_code", AccountCode::parse(account_code));
        let name = violations.check("name", bounded_text(name, BudgetLineName::MIN, BudgetLineName::MAX, "name"));
        violations
            .finish(|| Some(NewBudgetLine { unit_id, fiscal_year, account_code: account_code?, name: name?, ceiling }))
    }
}

/// A revised ceiling (*pagu perubahan*) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CeilingRevision {
    pub ceiling: Rupiah,
    pub reason: String,
}

impl CeilingRevision {
    pub fn new(ceiling: Rupiah, reason: &str) -> Result<Self, Violation> {
        let reason =
            bounded_text(reason, RevisionReason::MIN, RevisionReason::MAX, "reason").map_err(|v| v.at("reason"))?;
        Ok(CeilingRevision { ceiling, reason })
    }
}

/// What a budget line holds and what is left of it.
///
/// - `allocated`: what agreements reserve on the line (an active agreement its whole ceiling, a
///   closed one what it used); never above the ceiling.
/// - `committed`: orders issued and not yet paid or cancelled.
/// - `realised`: payments made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Figures {
    pub ceiling: Rupiah,
    pub allocated: Rupiah,
    pub committed: Rupiah,
    pub realised: Rupiah,
}

impl Figures {
    /// What can still be ordered or paid from the line.
    pub fn remaining(&self) -> Rupiah {
        Rupiah::new(self.ceiling.amount() - self.committed.amount() - self.realised.amount()).unwrap_or(Rupiah::ZERO)
    }

    /// What new agreements can still reserve on the line.
    pub fn unallocated(&self) -> Rupiah {
        Rupiah::new(self.ceiling.amount() - self.allocated.amount()).unwrap_or(Rupiah::ZERO)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rp(amount: i64) -> Rupiah {
        Rupiah::new(amount).unwrap_or_default()
    }

    #[test]
    fn account_codes_are_dotted_digits() {
        assert_eq!(AccountCode::parse(" 5.1.02.01.01.0025 ").ok().as_deref(), Some("5.1.02.01.01.0025"));
        for bad in ["", "5..1", "5.1.", "A.1", "5 1"] {
            assert!(AccountCode::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn what_is_left_counts_orders_and_payments_and_what_is_unallocated_counts_agreements() {
        let figures = Figures { ceiling: rp(100), allocated: rp(80), committed: rp(30), realised: rp(20) };
        assert_eq!(figures.remaining(), rp(50));
        assert_eq!(figures.unallocated(), rp(20));
    }

    #[test]
    fn a_line_needs_its_code_and_name() {
        let year = FiscalYear::parse(2026).unwrap_or_else(|_| unreachable!());
        let refused = NewBudgetLine::new(uuid::Uuid::nil(), year, "x", "", rp(1)).err().unwrap_or_default();
        let fields: Vec<&str> = refused.iter().map(|v| v.field.as_str()).collect();
        assert_eq!(fields, ["account_code", "name"]);
    }
}
