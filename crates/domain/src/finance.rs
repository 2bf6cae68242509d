//! Finance (step 7 of the OKI mechanism, business rules 6, 8 and 9): invoices for proof-verified
//! orders, the acceptance record (*BAST*), and payments with the taxes withheld.
//!
//! Every tax amount goes through [`round_tax`]: the one rounding rule of the system.

use chrono::NaiveDate;

use crate::money::{BasisPoints, FULL, Rupiah};
use crate::policy::TaxSettings;
use crate::violation::{TextRule, Violation, ViolationCode, Violations, bounded_text};
use crate::vocabulary;

vocabulary! {
    /// Where an invoice stands.
    pub enum InvoiceState ("invoice state") {
        /// Handed in by the company, waiting for the acceptance record.
        Received = "received",
        /// The work is accepted (*BAST* signed): the treasurer may pay.
        Accepted = "accepted",
        Paid = "paid",
    }
}

/// **The rounding rule.** A tax is a fraction of whole rupiah; the fraction is dropped (rounded
/// down to the whole rupiah), as Indonesian tax amounts are written in whole rupiah and a
/// withholding must never exceed its rate. `numerator / denominator` of `amount`, computed in
/// 128 bits so no product overflows.
pub fn round_tax(amount: Rupiah, numerator: u128, denominator: u128) -> Rupiah {
    let exact = u128::try_from(amount.amount()).unwrap_or(0) * numerator;
    let whole = exact.checked_div(denominator).unwrap_or(0);
    Rupiah::new(i64::try_from(whole).unwrap_or(i64::MAX)).unwrap_or(Rupiah::ZERO)
}

/// An invoice line's amount split into its tax base and VAT.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Taxed {
    /// The amount before VAT (*DPP* for PPh 23).
    pub base: Rupiah,
    pub vat: Rupiah,
    /// What the company is paid before withholding: base + VAT.
    pub gross: Rupiah,
}

/// VAT on `amount` for a company that is VAT-registered on the invoice date (none otherwise).
///
/// The effective rate is the nominal rate on its base fraction (12 % on 11/12 = 11 %). A price
/// that includes VAT (`tax_inclusive`, as rate cards state their maxima) carries it inside:
/// `vat = amount x r / (1 + r)`; otherwise VAT is added on top.
pub fn vat(amount: Rupiah, tax_inclusive: bool, vat_registered: bool, tax: &TaxSettings) -> Taxed {
    if !vat_registered {
        return Taxed { base: amount, vat: Rupiah::ZERO, gross: amount };
    }
    // r = vat_bp x num / (den x FULL)
    let rate_numerator = u128::from(tax.vat_bp) * u128::from(tax.vat_base_numerator);
    let rate_denominator = u128::from(tax.vat_base_denominator.max(1)) * u128::from(FULL);
    if tax_inclusive {
        let vat = round_tax(amount, rate_numerator, rate_denominator + rate_numerator);
        let base = Rupiah::new(amount.amount() - vat.amount()).unwrap_or(Rupiah::ZERO);
        Taxed { base, vat, gross: amount }
    } else {
        let vat = round_tax(amount, rate_numerator, rate_denominator);
        let gross = Rupiah::new(amount.amount().saturating_add(vat.amount())).unwrap_or(amount);
        Taxed { base: amount, vat, gross }
    }
}

/// PPh 23 withheld on `base` (the amount before VAT) at `rate` basis points.
pub fn withholding(base: Rupiah, rate: BasisPoints) -> Rupiah {
    round_tax(base, u128::from(rate), u128::from(FULL))
}

/// The document carries stamp duty: its amount is over the policy's threshold.
pub fn needs_stamp_duty(amount: Rupiah, tax: &TaxSettings) -> bool {
    amount > tax.stamp_duty_threshold
}

/// A company's invoice number as printed on the invoice.
pub struct InvoiceNumber;

impl TextRule for InvoiceNumber {
    const MIN: u64 = 1;
    const MAX: u64 = 100;
}

/// An SP2D number, a withholding slip number (*bukti potong*).
pub struct DocumentNumber;

impl TextRule for DocumentNumber {
    const MIN: u64 = 1;
    const MAX: u64 = 100;
}

/// The most orders one invoice bills.
pub const MAX_INVOICE_ORDERS: u64 = 100;

/// An invoice as the company handed it in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInvoice {
    pub company_id: uuid::Uuid,
    pub number: String,
    pub invoice_date: NaiveDate,
    pub order_ids: Vec<uuid::Uuid>,
}

impl NewInvoice {
    pub fn new(
        company_id: uuid::Uuid,
        number: &str,
        invoice_date: NaiveDate,
        order_ids: Vec<uuid::Uuid>,
        today: NaiveDate,
    ) -> Result<Self, Violations> {
        let mut violations = Violations::new();
        let number = violations.check(
            "number",
            bounded_text(number, InvoiceNumber::MIN, InvoiceNumber::MAX, "number").map_err(|v| v.at("number")),
        );
        if invoice_date > today {
            violations.push(Violation::new("invoice_date", ViolationCode::OutOfRange, "not in the future"));
        }
        if order_ids.is_empty() {
            violations.push(Violation::new(
                "order_ids",
                ViolationCode::Required,
                "an invoice bills at least one order",
            ));
        }
        for (index, id) in order_ids.iter().enumerate() {
            if order_ids[..index].contains(id) {
                violations.push(Violation::new(
                    format!("order_ids[{index}]"),
                    ViolationCode::InvalidValue,
                    "listed twice",
                ));
            }
        }
        violations.finish(|| Some(NewInvoice { company_id, number: number?, invoice_date, order_ids }))
    }
}

/// A payment as the treasurer records it (SP2D).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPayment {
    pub sp2d_number: String,
    pub sp2d_date: NaiveDate,
    pub bank_account_id: uuid::Uuid,
    pub withholding_slip_number: Option<String>,
}

impl NewPayment {
    pub fn new(
        sp2d_number: &str,
        sp2d_date: NaiveDate,
        bank_account_id: uuid::Uuid,
        withholding_slip_number: Option<&str>,
        today: NaiveDate,
    ) -> Result<Self, Violations> {
        let mut violations = Violations::new();
        let text = |raw: &str, field: &str| {
            bounded_text(raw, DocumentNumber::MIN, DocumentNumber::MAX, field).map_err(|v| v.at(field))
        };
        let sp2d_number = violations.check("sp2d_number", text(sp2d_number, "sp2d_number"));
        let slip = violations.check(
            "withholding_slip_number",
            withholding_slip_number
                .filter(|slip| !slip.trim().is_empty())
                .map(|slip| text(slip, "withholding_slip_number"))
                .transpose(),
        );
        if sp2d_date > today {
            violations.push(Violation::new("sp2d_date", ViolationCode::OutOfRange, "not in the future"));
        }
        violations.finish(|| {
            Some(NewPayment { sp2d_number: sp2d_number?, sp2d_date, bank_account_id, withholding_slip_number: slip? })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets;

    fn rp(amount: i64) -> Rupiah {
        Rupiah::new(amount).unwrap_or_default()
    }

    #[test]
    fn taxes_are_rounded_down_to_the_whole_rupiah() {
        assert_eq!(round_tax(rp(999), 2, 100), rp(19), "19.98 is 19");
        assert_eq!(round_tax(rp(1_000), 2, 100), rp(20));
        assert_eq!(round_tax(rp(i64::MAX), 1, 1), rp(i64::MAX), "no overflow");
        assert_eq!(round_tax(rp(5), 1, 0), Rupiah::ZERO, "no division by zero");
    }

    #[test]
    fn vat_is_eleven_percent_effective_inside_or_on_top_and_only_for_the_vat_registered() {
        let tax = presets::oki().tax;
        // 12 % on 11/12 of the price: 11 % effective.
        assert_eq!(
            vat(rp(1_000_000), false, true, &tax),
            Taxed { base: rp(1_000_000), vat: rp(110_000), gross: rp(1_110_000) }
        );
        // Inside a tax-inclusive price: 1.110.000 carries 110.000.
        assert_eq!(
            vat(rp(1_110_000), true, true, &tax),
            Taxed { base: rp(1_000_000), vat: rp(110_000), gross: rp(1_110_000) }
        );
        // 2.000.000 inclusive: 198.198,19... rounded down.
        let inside = vat(rp(2_000_000), true, true, &tax);
        assert_eq!((inside.vat, inside.base), (rp(198_198), rp(1_801_802)));
        assert_eq!(
            vat(rp(2_000_000), true, false, &tax),
            Taxed { base: rp(2_000_000), vat: Rupiah::ZERO, gross: rp(2_000_000) }
        );
    }

    #[test]
    fn pph_23_is_two_percent_of_the_amount_before_vat_and_stamp_duty_starts_above_five_million() {
        let tax = presets::oki().tax;
        assert_eq!(withholding(rp(1_801_802), tax.pph23_bp), rp(36_036), "36.036,04");
        assert!(!needs_stamp_duty(rp(5_000_000), &tax));
        assert!(needs_stamp_duty(rp(5_000_001), &tax));
    }

    #[test]
    fn an_invoice_bills_each_order_once_and_is_not_dated_ahead() {
        let today = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap_or_default();
        let id = uuid::Uuid::nil();
        let refused =
            NewInvoice::new(id, " ", today.succ_opt().unwrap_or(today), vec![id, id], today).err().unwrap_or_default();
        let fields: Vec<&str> = refused.iter().map(|v| v.field.as_str()).collect();
        assert_eq!(fields, ["number", "invoice_date", "order_ids[1]"]);
    }
}
